from django.http import HttpResponse
from django.template import loader

from newsroom.context_processors import site_identity


def render_without_database(template_name, status):
    """An error page in the site's look, rendered with no request context, so no query."""
    return HttpResponse(loader.get_template(template_name).render(site_identity()), status=status)


def server_error(request):
    """The 500 page in the site's look, rendered without touching the database."""
    return render_without_database("500.html", status=500)
