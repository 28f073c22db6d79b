from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from articles.sitemaps import SITEMAPS, news_sitemap, robots_txt
from corrections.sitemaps import CorrectionsRegisterSitemap
from newsroom.caching import public_page
from staff_security.urls import passkey_urlpatterns

ALL_SITEMAPS = {**SITEMAPS, "corrections": CorrectionsRegisterSitemap}

urlpatterns = [
    path("admin/account/", include("staff_security.urls")),
    path("admin/account/passkeys/", include(passkey_urlpatterns)),
    path("admin/", admin.site.urls),
    path("comments/", include("comments.urls")),
    path("preview/", include("editorial.urls")),
    path("corrections/", include("corrections.urls")),
    path("report-error/", include("corrections.report_urls")),
    path("sources/", include("ledger.urls")),
    path("sitemap.xml", public_page()(sitemap), {"sitemaps": ALL_SITEMAPS}, name="sitemap"),
    path("news-sitemap.xml", public_page()(news_sitemap), name="news_sitemap"),
    path("robots.txt", public_page()(robots_txt), name="robots_txt"),
    path("", include("articles.urls")),
]
# Media files are served by Django only when debugging; production serves them from storage.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler500 = "newsroom.views.server_error"
