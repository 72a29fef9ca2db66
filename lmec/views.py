from django.db import connection
from django.http import HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache

from bulletins.models import Bulletin


def home(request):
    latest = Bulletin.objects.published().prefetch_related("articles").first()
    return render(request, "home.html", {"latest": latest})


@never_cache
def healthz(request):
    """Liveness: the process answers."""
    return HttpResponse("ok", content_type="text/plain")


@never_cache
def readyz(request):
    """Readiness: the database answers too."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except Exception as error:  # any failure means "not ready", never a 500 page
        return JsonResponse({"database": "unavailable", "error": type(error).__name__}, status=503)
    return JsonResponse({"database": "ok"})
