"""The topics, and a topic's page: the published articles and viewpoints and the events
about it."""

from django.db.models import BigIntegerField, Count, F, Func
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from events.models import Event
from lmec.localized import localized
from lmec.page_cache import CacheablePageMixin
from lmec.seo import PageMeta, describe
from publishing.models import EditionArticle, current_condition
from publishing.selectors import public_copies, published_articles, published_viewpoints
from reading import feeds
from reading.presenters import article_with_texts, viewpoint_with_texts
from reading.registry import public_records
from topics.models import Topic


def per_topic(queryset) -> dict:
    """How many rows of ``queryset`` (with ``topic_ids``) each topic has, in one query."""
    counts = (
        queryset.annotate(
            topic=Func(F("topic_ids"), function="unnest", output_field=BigIntegerField())
        )
        .values("topic")
        .annotate(count=Count("pk"))
        .values_list("topic", "count")
    )
    return dict(counts)


class TopicListView(CacheablePageMixin, TemplateView):
    template_name = "topics/topic_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        topics = public_records(public_copies(Topic))
        articles = per_topic(EditionArticle.objects.filter(current_condition("edition__")))
        events = per_topic(public_copies(Event))
        for topic in topics:
            topic.article_count = articles.get(topic.pk, 0)
            topic.event_count = events.get(topic.pk, 0)
        context.update(
            topics=topics,
            meta=PageMeta(
                title=_("Topics"),
                description=_("The themes that recur across the bulletin's issues and events."),
            ),
        )
        return context


class TopicDetailView(CacheablePageMixin, TemplateView):
    """A topic with the published articles and viewpoints and the events about it."""

    template_name = "topics/topic_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        copy = get_object_or_404(public_copies(Topic), slug=self.kwargs["slug"])
        topic = public_records([copy])[0]
        name = localized(topic, "name")
        description = localized(topic, "description")
        articles = published_articles().filter(topic_ids__contains=[copy.pk])
        # A viewpoint has topics of its own: a forum on mangroves hears other subjects too.
        viewpoints = published_viewpoints().filter(topic_ids__contains=[copy.pk])
        events = public_copies(Event).filter(topic_ids__contains=[copy.pk]).order_by("-start_date")
        context.update(
            topic=topic,
            name=name,
            description=description,
            articles=[article_with_texts(article) for article in articles],
            viewpoints=[viewpoint_with_texts(viewpoint) for viewpoint in viewpoints],
            events=public_records(events),
            feeds=feeds.alternate_links(
                feeds.topic_feed_title(name),
                reverse("bulletins:topic-feed-rss", kwargs={"slug": copy.slug}),
                reverse("bulletins:topic-feed-atom", kwargs={"slug": copy.slug}),
            ),
            meta=PageMeta(
                title=name,
                description=describe(description)
                or _("Articles, viewpoints and events about %(topic)s.") % {"topic": name},
            ),
        )
        return context
