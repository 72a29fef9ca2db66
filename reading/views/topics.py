"""The topics, and a topic's page: the published articles and viewpoints and the events about it."""

from django.db.models import Count
from django.utils.translation import gettext as _
from django.views.generic import DetailView, ListView

from bulletins.models import published_condition
from lmec.localized import localized
from lmec.seo import PageMeta, describe
from reading.presenters import article_texts
from reading.views.issues import (
    BulletinViewMixin,
    published_articles,
    published_viewpoints,
    with_article,
)
from topics.models import Topic


class TopicListView(BulletinViewMixin, ListView):
    template_name = "topics/topic_list.html"
    context_object_name = "topics"

    def get_queryset(self):
        return Topic.objects.annotate(
            article_count=Count(
                "articles", filter=published_condition("articles__bulletin__"), distinct=True
            ),
            event_count=Count("events", distinct=True),
        )

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["meta"] = PageMeta(
            title=_("Topics"),
            description=_("The themes that recur across the bulletin's issues and events."),
        )
        return context


class TopicDetailView(BulletinViewMixin, DetailView):
    """A topic with the published articles and viewpoints and the events about it."""

    template_name = "topics/topic_detail.html"
    context_object_name = "topic"
    model = Topic

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topic = self.object
        name = localized(topic, "name")
        description = localized(topic, "description")
        articles = published_articles().filter(topics=topic)
        viewpoints = published_viewpoints().filter(article__topics=topic)
        context.update(
            name=name,
            description=description,
            articles=[article_texts(article) for article in articles],
            viewpoints=[with_article(viewpoint) for viewpoint in viewpoints],
            events=topic.events.order_by("-start_date"),
            meta=PageMeta(
                title=name,
                description=describe(description)
                or _("Articles, viewpoints and events about %(topic)s.") % {"topic": name},
            ),
        )
        return context
