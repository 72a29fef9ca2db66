"""The public PDF of an issue: /<lang>/bulletins/<year>/<number>/pdf/ (and …/pdf/bilingual/).

Only the stored file that matches the issue as it is now is served, with ETag and
Last-Modified; a PDF not rendered yet is a 503 page that says so, while a background
render is requested. Nothing is rendered while a reader waits.
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from lmec.localized import fallback_chain
from publishing.pdf import document
from publishing.pdf.services import current_pdf, request_render

RETRY_AFTER_SECONDS = 30


@require_safe
def bulletin_pdf(request, year, number, bilingual=False):
    bulletin = get_object_or_404(document.issue_queryset().published(), year=year, number=number)
    editions = document.editions(bulletin)
    edition = document.BILINGUAL if bilingual else translation.get_language()
    if edition not in editions:
        if bilingual:
            raise Http404("This issue has no bilingual edition.")
        # Not written in the reader's language: the next edition in the fallback chain.
        fallback = next(
            (
                code
                for code in fallback_chain(edition, bulletin.source_language)
                if code in editions
            ),
            bulletin.source_language,
        )
        with translation.override(fallback):
            return redirect(reverse("bulletins:pdf", kwargs={"year": year, "number": number}))

    pdf = current_pdf(bulletin, edition)
    if pdf is None or not pdf.storage.exists(pdf.path):
        request_render(bulletin)
        response = render(request, "bulletins/pdf/pending.html", {"bulletin": bulletin}, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        response["Cache-Control"] = "no-store"
        return response

    last_modified = int(pdf.rendered_at.timestamp())
    headers = {
        "ETag": pdf.etag,
        "Last-Modified": http_date(last_modified),
        # Caches may keep it but must ask again: the same URL gets a new file when the issue changes.
        "Cache-Control": "public, no-cache",
    }
    not_modified = get_conditional_response(request, etag=pdf.etag, last_modified=last_modified)
    if not_modified is not None:
        for header, value in headers.items():
            not_modified[header] = value
        return not_modified

    file_name = document.file_name(bulletin, edition)
    if settings.LMEC_PDF_ACCEL_REDIRECT:
        # nginx sends the file from its internal location; Django only decided who may have it.
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = settings.LMEC_PDF_ACCEL_REDIRECT + pdf.path
        response["Content-Disposition"] = f'inline; filename="{file_name}"'
    else:
        response = FileResponse(
            pdf.storage.open(pdf.path, "rb"), content_type="application/pdf", filename=file_name
        )
    for header, value in headers.items():
        response[header] = value
    return response
