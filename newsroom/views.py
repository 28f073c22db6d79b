from django.conf import settings
from django.http import HttpResponseServerError
from django.template import loader


def server_error(request):
    """The 500 page in the site's look, rendered without touching the database."""
    context = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "SITE_DESCRIPTION": settings.SITE_DESCRIPTION,
    }
    return HttpResponseServerError(loader.get_template("500.html").render(context))
