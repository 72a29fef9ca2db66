import sys
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.db.models import Case, F, When
from django.db.models.functions import Greatest
from django.http import HttpResponse, HttpResponseRedirect, HttpResponseServerError, JsonResponse
from django.template import loader
from django.templatetags.static import static
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.views.decorators.cache import never_cache
from django_tasks_db.models import DBTaskResult, get_date_max

from lmec.postgresql.base import connecting_without_wait

READINESS_KEY = "lmec:readiness"


@never_cache
def healthz(request):
    """Liveness: the process answers. Touches neither the database nor the cache."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness, with what each dependency says (at once: a probe does not wait).

    Ready means the database answers: without it only cached pages can be served. The
    cache and the task queue are reported, not required: without the cache the site is
    slower, and without workers publications wait (``oldest_waiting_seconds`` tells how
    long the oldest job that could run has waited).
    """
    report = {"database": "ok", "cache": "ok"}
    try:
        with connecting_without_wait(), connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means "not ready", never a 500 page
        report |= {"database": "unavailable", "error": type(error).__name__}
    if not _cache_answers():
        report["cache"] = "unavailable"
    if report["database"] == "ok":
        report["task_queue"] = _task_queue()
    return JsonResponse(report, status=200 if report["database"] == "ok" else 503)


def _cache_answers() -> bool:
    """Whether the cache stores and returns a value now (its failures are misses)."""
    cache = caches[settings.PAGE_CACHE_ALIAS]
    probe = uuid.uuid4().hex
    cache.set(READINESS_KEY, probe, 30)
    return cache.get(READINESS_KEY) == probe


def _task_queue() -> dict:
    """How many jobs could run now, and how long the oldest of them has waited."""
    waiting = DBTaskResult.objects.ready().annotate(
        since=Case(
            When(run_after=get_date_max(), then=F("enqueued_at")),
            default=Greatest(F("enqueued_at"), F("run_after")),
        )
    )
    oldest = waiting.order_by("since").values_list("since", flat=True).first()
    return {
        "waiting": waiting.count(),
        "oldest_waiting_seconds": round((timezone.now() - oldest).total_seconds()) if oldest else 0,
    }


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
