from django.urls import path

from staff_security import passkeys, session_views, views

app_name = "staff_security"
urlpatterns = [
    path("", views.account, name="account"),
    path("verify/", views.verify, name="verify"),
    path("authenticator/", views.totp, name="totp"),
    path("recovery-codes/", views.recovery_codes, name="recovery_codes"),
    path("remove/<str:kind>/", views.remove_factor, name="remove_factor"),
    path("remove/<str:kind>/<int:pk>/", views.remove_factor, name="remove_factor"),
    path("sessions/", session_views.session_list, name="sessions"),
    path("sessions/<int:pk>/end/", session_views.end_session, name="end_session"),
    path("sessions/end-others/", session_views.end_other_sessions, name="end_other_sessions"),
]

# django-otp-webauthn's API, through our views that count failures and record sign-ins.
passkey_urlpatterns = (passkeys.urlpatterns, "otp_webauthn")
