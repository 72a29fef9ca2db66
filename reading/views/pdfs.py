"""The public PDF of an issue: /<lang>/bulletins/<year>/<number>/pdf/ (and …/pdf/bilingual/).

The PDF of the current version in the reader's language, found in one query; while a
new version's PDF is being rendered, the previous version's (never a 503 when any PDF of
the issue exists). Served with ETag and Last-Modified. Nothing is rendered while a
reader waits.
"""

from django.conf import settings
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.views.decorators.http import require_safe

from lmec.localized import fallback_chain
from publishing import pipeline
from publishing.pdf import document
from publishing.pdf.services import edition_languages, reader_pdf
from publishing.selectors import current_edition

RETRY_AFTER_SECONDS = 30


def being_prepared(request, edition):
    response = render(request, "bulletins/pdf/pending.html", {"bulletin": edition}, status=503)
    response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    response["Cache-Control"] = "no-store"
    return response


@require_safe
def bulletin_pdf(request, year, number, bilingual=False):
    edition = current_edition(year, number)
    if edition is None:
        raise Http404("There is no such issue.")
    language = document.BILINGUAL if bilingual else translation.get_language()
    if language not in edition_languages(edition):
        if bilingual:
            raise Http404("This issue has no bilingual edition.")
        # Not published in the reader's language: the next edition in the fallback chain.
        offered = edition_languages(edition)
        fallback = next(
            (code for code in fallback_chain(language, edition.source_language) if code in offered),
            edition.source_language,
        )
        with translation.override(fallback):
            return redirect(reverse("bulletins:pdf", kwargs={"year": year, "number": number}))

    pdf = reader_pdf(edition, language)
    if pdf is None:
        return being_prepared(request, edition)

    last_modified = int(pdf.rendered_at.timestamp())
    headers = {
        "ETag": pdf.etag,
        "Last-Modified": http_date(last_modified),
        # Caches may keep it but must ask again: the same URL gets a new file with a new version.
        "Cache-Control": "public, no-cache",
    }
    not_modified = get_conditional_response(request, etag=pdf.etag, last_modified=last_modified)
    if not_modified is not None:
        for header, value in headers.items():
            not_modified[header] = value
        return not_modified

    shown = pdf.edition
    file_name = document.file_name(shown.year, shown.number, language, version=shown.version)
    if settings.LMEC_PDF_ACCEL_REDIRECT:
        # nginx sends the file from its internal location; Django only decided who may have it.
        response = HttpResponse(content_type="application/pdf")
        response["X-Accel-Redirect"] = settings.LMEC_PDF_ACCEL_REDIRECT + pdf.path
        response["Content-Disposition"] = f'inline; filename="{file_name}"'
    else:
        try:
            file = pdf.storage.open(pdf.path, "rb")
        except FileNotFoundError:
            # Its file is gone (a storage restored apart from the database): render it again.
            pipeline.render_again(pdf.edition)
            return being_prepared(request, edition)
        response = FileResponse(file, content_type="application/pdf", filename=file_name)
    for header, value in headers.items():
        response[header] = value
    return response
