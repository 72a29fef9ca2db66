import sys

from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache

from lmec.postgresql.base import connecting_without_wait


@never_cache
def healthz(request):
    """Liveness: the process answers."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness: the database answers too (at once: a probe does not wait for it)."""
    try:
        with connecting_without_wait(), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means "not ready", never a 500 page
        return JsonResponse({"database": "unavailable", "error": type(error).__name__}, status=503)
    return JsonResponse({"database": "ok"})


# Seconds after which a reader may try again when the database was briefly unreachable.
DATABASE_RETRY_AFTER = 5


def favicon(request):
    """/favicon.ico, which browsers and feed readers ask for whatever the page says: the
    icon among the static files (its address changes with it, so the way there is kept a
    day, not for ever)."""
    response = HttpResponseRedirect(static("img/favicon.ico"))
    patch_cache_control(response, public=True, max_age=86400)
    return response


def server_error(request):
    """The 500 page; a 503 saying "try again in a moment" when the database was unreachable.

    A database restarting or failing over is brief: the reader (or a proxy, with
    Retry-After) should try again, and monitoring can tell it from a bug.
    """
    error = sys.exc_info()[1]
    # psycopg2 reports a connection the server closed as a plain DatabaseError at times.
    if isinstance(error, OperationalError | InterfaceError) or type(error) is DatabaseError:
        response = HttpResponse(loader.get_template("503.html").render(), status=503)
        response["Retry-After"] = str(DATABASE_RETRY_AFTER)
        response["Cache-Control"] = "no-store"
        return response
    return HttpResponseServerError(loader.get_template("500.html").render())
