from django.shortcuts import get_object_or_404
from django.views.generic import DetailView

from bulletins.models import Article, Bulletin
from topics.models import Topic


class BulletinDetailView(DetailView):
    template_name = "bulletins/bulletin_detail.html"

    def get_object(self, queryset=None):
        return get_object_or_404(
            Bulletin.objects.published().prefetch_related(
                "articles__viewpoints__organization", "articles__viewpoints__person"
            ),
            year=self.kwargs["year"],
            number=self.kwargs["number"],
        )


class ArticleDetailView(DetailView):
    def get_object(self, queryset=None):
        return get_object_or_404(
            Article.objects.published().select_related("bulletin"),
            bulletin__year=self.kwargs["year"],
            bulletin__number=self.kwargs["number"],
            slug=self.kwargs["slug"],
        )


class TopicDetailView(DetailView):
    model = Topic
    template_name = "topics/topic_detail.html"
