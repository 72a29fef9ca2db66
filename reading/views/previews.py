"""Pages opened by a preview link: the public views, with the issue found by the token."""

from functools import partial

from django.shortcuts import render
from django.urls import reverse

from publishing.previews import PreviewLinkUnavailable, resolve_preview_token
from reading.previewing import PreviewBanner, mark_as_preview
from reading.views.issues import ArticleDetailView, BulletinDetailView


class PreviewLinkMixin:
    """Find the issue by the link's token instead of by its year and number.

    A tampered or unknown token answers 404, an expired or revoked one 410, each with a
    page saying so. Every answer is marked as a preview: never indexed, never cached.
    """

    def dispatch(self, request, *args, **kwargs):
        try:
            self.link = resolve_preview_token(kwargs["token"])
        except PreviewLinkUnavailable as error:
            response = render(
                request,
                "bulletins/preview_unavailable.html",
                {"message": error.message},
                status=error.status,
            )
            return mark_as_preview(response)
        self.preview = PreviewBanner.for_bulletin(
            self.link.bulletin, expires_at=self.link.expires_at
        )
        return mark_as_preview(super().dispatch(request, *args, **kwargs))

    def visible(self, queryset):
        """The link opens its issue whatever its status; ``get_object`` keeps to that issue."""
        return queryset.all()

    def article_url(self, article):
        """Articles link to their preview page, not to their public address."""
        return reverse(
            "bulletins:preview-article",
            kwargs={"token": self.kwargs["token"], "slug": article.slug},
        )


class BulletinPreviewView(PreviewLinkMixin, BulletinDetailView):
    def get_object(self, queryset=None):
        # The public view finds the issue by year and number: give it the link's issue.
        self.kwargs.update(year=self.link.bulletin.year, number=self.link.bulletin.number)
        bulletin = super().get_object(queryset)
        for article in bulletin.articles.all():
            article.get_absolute_url = partial(self.article_url, article)
        return bulletin


class ArticlePreviewView(PreviewLinkMixin, ArticleDetailView):
    def get_object(self, queryset=None):
        self.kwargs.update(year=self.link.bulletin.year, number=self.link.bulletin.number)
        return super().get_object(queryset)

    def get_context_data(self, **kwargs):
        """The way back to the issue and on to its other articles stays within the preview."""
        context = super().get_context_data(**kwargs)
        bulletin = context["bulletin"]
        bulletin.get_absolute_url = partial(
            reverse, "bulletins:preview", kwargs={"token": self.kwargs["token"]}
        )
        for sibling in (context.get("previous_article"), context.get("next_article")):
            if sibling is not None:
                sibling.get_absolute_url = partial(self.article_url, sibling)
        return context
