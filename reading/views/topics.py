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
from reading.pagination import paginate
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


# Of each list on a topic's page: twenty articles, viewpoints or events at a time.
ITEMS_PER_PAGE = 20


class TopicDetailView(CacheablePageMixin, TemplateView):
    """A topic with the published articles and viewpoints and the events about it, each
    list a page at a time."""

    template_name = "topics/topic_detail.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        copy = get_object_or_404(public_copies(Topic), slug=self.kwargs["slug"])
        topic = public_records([copy])[0]
        name = localized(topic, "name")
        description = localized(topic, "description")
        request = self.request
        article_pages = paginate(
            request,
            published_articles().filter(topic_ids__contains=[copy.pk]),
            per_page=ITEMS_PER_PAGE,
            anchor="articles-heading",
        )
        # A viewpoint has topics of its own: a forum on mangroves hears other subjects too.
        viewpoint_pages = paginate(
            request,
            published_viewpoints().filter(topic_ids__contains=[copy.pk]),
            per_page=ITEMS_PER_PAGE,
            parameter="viewpoints",
            anchor="viewpoints-heading",
        )
        event_pages = paginate(
            request,
            public_copies(Event)
            .filter(topic_ids__contains=[copy.pk])
            .order_by("-start_date", "slug"),
            per_page=ITEMS_PER_PAGE,
            parameter="events",
            anchor="events-heading",
        )
        context.update(
            topic=topic,
            name=name,
            description=description,
            articles=[article_with_texts(article) for article in article_pages.items],
            pages=article_pages,
            viewpoints=[viewpoint_with_texts(viewpoint) for viewpoint in viewpoint_pages.items],
            viewpoint_pages=viewpoint_pages,
            events=public_records(event_pages.items),
            event_pages=event_pages,
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
