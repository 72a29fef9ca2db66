from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from bulletins.models import Article, Bulletin
from bulletins.preview import StaffPreviewMixin
from topics.models import Topic


class BulletinDetailView(StaffPreviewMixin, DetailView):
    template_name = "bulletins/bulletin_detail.html"

    def get_queryset(self):
        return self.visible(Bulletin.objects).prefetch_related(
            "articles__viewpoints__organization", "articles__viewpoints__person"
        )

    def get_object(self, queryset=None):
        return get_object_or_404(
            queryset if queryset is not None else self.get_queryset(),
            year=self.kwargs["year"],
            number=self.kwargs["number"],
        )


class ArticleDetailView(StaffPreviewMixin, DetailView):
    def get_queryset(self):
        return self.visible(Article.objects).select_related("bulletin")

    def get_object(self, queryset=None):
        return get_object_or_404(
            queryset if queryset is not None else self.get_queryset(),
            bulletin__year=self.kwargs["year"],
            bulletin__number=self.kwargs["number"],
            slug=self.kwargs["slug"],
        )


class TopicDetailView(DetailView):
    model = Topic
    template_name = "topics/topic_detail.html"
