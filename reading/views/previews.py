"""Pages opened by a preview link: the issue as its records are now (its pending version),
found by the link's token, for a reviewer without an account.

A tampered or unknown token answers 404, an expired or revoked one (a withdrawn issue's
links are revoked) 410, each with a page saying so. Every answer is marked as a preview:
never indexed, never cached.
"""

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language

from publishing.previews import PreviewLinkUnavailable, resolve_preview_token
from reading.previewing import mark_as_preview, working_preview
from reading.views.issues import render_preview


def _preview(request, token, slug=""):
    try:
        link = resolve_preview_token(token)
    except PreviewLinkUnavailable as error:
        response = render(
            request,
            "bulletins/preview_unavailable.html",
            {"message": error.message},
            status=error.status,
        )
        return mark_as_preview(response)
    preview = working_preview(link.bulletin, always=True, expires_at=link.expires_at)

    def article_url(article):
        # Articles lead to their preview page, not to their public address.
        return reverse("bulletins:preview-article", kwargs={"token": token, "slug": article.slug})

    def page_view(article):
        if article is None:
            return "bulletins:preview", {"token": token}
        return "bulletins:preview-article", {"token": token, "slug": article.slug}

    issue = preview.issue(get_language(), article_url=article_url, page_view=page_view)
    issue.get_absolute_url = lambda: reverse("bulletins:preview", kwargs={"token": token})
    template = "bulletins/article_detail.html" if slug else "bulletins/bulletin_detail.html"
    return render_preview(request, template, preview, issue, slug)


def issue_preview(request, token):
    return _preview(request, token)


def article_preview(request, token, slug):
    return _preview(request, token, slug)
