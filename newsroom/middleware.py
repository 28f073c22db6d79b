"""When the database cannot be reached, readers get a 503 page in the site's look instead
of a traceback; the next request after the database returns is served normally."""

import logging

from django.db import InterfaceError, OperationalError

from newsroom.views import render_without_database

logger = logging.getLogger(__name__)
RETRY_AFTER_SECONDS = 30


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, (OperationalError, InterfaceError)) or not _is_connection_error(
            exception
        ):
            return None
        logger.error("Database unavailable: %s", exception)
        response = render_without_database("503.html", status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response


def _is_connection_error(exception):
    """Connection failures, not errors in a query (those stay real 500s to be fixed)."""
    if isinstance(exception, InterfaceError):
        return True
    text = str(exception).lower()
    return any(
        sign in text
        for sign in (
            "connection",
            "could not connect",
            "server closed",
            "terminating",
            "unable to open",
            "database is locked",
            "the database system is",
            "timeout",
        )
    )
