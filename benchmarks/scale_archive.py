"""A large synthetic archive for the scale benchmark (bench_scale.py).

400 issues × 8 articles × 5 viewpoints (3 200 articles, 16 000 viewpoints) in Chinese and
English, on top of the demo content (its partners, people, topics and two seed issues):
twenty issues a year from 2005, each reporting one new event. Texts are sentences of the
seed briefings drawn at random, so searches for the seeds' words (红树林, mangrove) find
hundreds of items, as in a real archive. Speakers are the demo organizations with a
Zipf-like spread (the most quoted a third of all viewpoints, the least a few dozen),
and so are events' organizers and articles' topics. Deterministic: the same seed gives
the same archive.

The records are written in bulk; each issue is then published through the workflow's own
service (``edition_publish``: edition, read rows, published copies of the partners, events
and topics it mentions, revision, audit entry), the search index is built by
``publishing.search.rebuild`` and the tables are analysed. The background jobs that
publishing queues (PDFs, the index of each edition, going live) are dropped: the index is
rebuilt once instead, and PDFs are not part of this benchmark.

Only for a throwaway database: ``bench_scale.py`` creates one, and runs this module as
``python benchmarks/scale_archive.py [issues]`` with DATABASE_URL naming it.
"""

import datetime
import random
import re
import sys
import time
import zoneinfo
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ISSUES = 400
ARTICLES_PER_ISSUE = 8
VIEWPOINTS_PER_ARTICLE = 5
ISSUES_PER_YEAR = 20
FIRST_YEAR = 2005
SEED = 13
ZIPF_EXPONENT = 1.1
BEIJING = zoneinfo.ZoneInfo("Asia/Shanghai")
SENTENCE_END = {"zh-hans": re.compile(r"(?<=[。！？])"), "en": re.compile(r"(?<=[.!?])\s+")}
LANGUAGES = ("zh-hans", "en")


def zipf_weights(count: int) -> list[float]:
    return [1 / (rank**ZIPF_EXPONENT) for rank in range(1, count + 1)]


def sentence_pools() -> dict:
    """The seed briefings' sentences, by kind of text and language."""
    from editorial.demo.issues import ISSUES as SEED_ISSUES

    pools = {"body": {code: [] for code in LANGUAGES}, "statement": {c: [] for c in LANGUAGES}}
    pools["headline"] = {code: [] for code in LANGUAGES}
    for issue in SEED_ISSUES:
        for article in issue["articles"]:
            for code in LANGUAGES:
                pools["headline"][code].append(article["headline"][code])
                for paragraph in article.get("body", {}).get(code, []):
                    pools["body"][code] += split_sentences(paragraph, code)
                for viewpoint in article.get("viewpoints", []):
                    pools["statement"][code] += split_sentences(viewpoint["statement"][code], code)
    return pools


def split_sentences(text: str, code: str) -> list[str]:
    return [sentence.strip() for sentence in SENTENCE_END[code].split(text) if sentence.strip()]


class Writer:
    """Draws texts and records from one random generator, in a fixed order."""

    def __init__(self, seed: int):
        self.random = random.Random(seed)
        self.pools = sentence_pools()

    def sentences(self, kind: str, count: int) -> dict:
        """The same sentences in both languages (the seeds' texts are translations)."""
        picks = [self.random.randrange(len(self.pools[kind]["en"])) for _ in range(count)]
        chinese = self.pools[kind]["zh-hans"]
        english = self.pools[kind]["en"]
        return {
            "zh-hans": "".join(chinese[i % len(chinese)] for i in picks),
            "en": " ".join(english[i] for i in picks),
        }

    def paragraphs(self, count: int) -> dict:
        texts = [self.sentences("body", self.random.randint(2, 3)) for _ in range(count)]
        return {code: [text[code] for text in texts] for code in LANGUAGES}

    def headline(self, serial: int) -> dict:
        pool = self.pools["headline"]
        index = self.random.randrange(len(pool["en"]))
        return {
            "zh-hans": f"{pool['zh-hans'][index]}（{serial}）",
            "en": f"{pool['en'][index]} ({serial})",
        }

    def choose(self, items, weights, count=1):
        chosen = []
        while len(chosen) < count:
            item = self.random.choices(items, weights)[0]
            if item not in chosen:
                chosen.append(item)
        return chosen


def translated(field: str, values: dict) -> dict:
    from modeltranslation.utils import build_localized_fieldname

    return {build_localized_fieldname(field, code): text for code, text in values.items()}


def issue_addresses(count: int, taken: set) -> list[tuple[int, int]]:
    """(year, number) of ``count`` new issues, twenty a year, numbers the seeds use skipped."""
    addresses = []
    year, number = FIRST_YEAR, 0
    while len(addresses) < count:
        number += 1
        if (year, number) in taken:
            continue
        addresses.append((year, number))
        if sum(1 for y, _n in addresses if y == year) == ISSUES_PER_YEAR:
            year, number = year + 1, 0
    return addresses


def generate(issues: int = ISSUES, seed: int = SEED, progress=print) -> dict:
    from django.db import connection, transaction

    from bulletins.models import AboutBlock, Article, Bulletin, ContactBlock, Viewpoint
    from editorial.demo.loader import load_demo
    from events.models import Event, EventOrganizer
    from lmec.richtext import paragraphs_html
    from lmec.statistics import analyze
    from partners.models import Organization, Person
    from publishing import search
    from publishing.models import Job
    from publishing.services import edition_publish
    from topics.models import Topic

    started = time.perf_counter()
    load_demo()
    writer = Writer(seed)
    organizations = list(Organization.objects.order_by("pk"))
    writer.random.shuffle(organizations)  # which partner is most quoted: drawn, not the first made
    quoted = zipf_weights(len(organizations))
    people = {}
    for person in Person.objects.order_by("pk"):
        people.setdefault(person.organization_id, []).append(person)
    topics = list(Topic.objects.order_by("pk"))
    topic_weights = zipf_weights(len(topics))
    contact_block = ContactBlock.objects.order_by("-valid_from").first()
    about_block = AboutBlock.objects.order_by("-valid_from").first()
    taken = set(Bulletin.objects.values_list("year", "number"))

    with transaction.atomic():
        new_bulletins = []
        for year, number in issue_addresses(issues, taken):
            date = datetime.date(year, 1, 5) + datetime.timedelta(days=18 * (number - 1))
            new_bulletins.append(
                Bulletin(
                    year=year,
                    number=number,
                    publication_date=date,
                    status=Bulletin.Status.IN_REVIEW,
                    contact_block=contact_block,
                    about_block=about_block,
                )
            )
        bulletins = Bulletin.objects.bulk_create(new_bulletins)
        events = Event.objects.bulk_create(
            Event(
                slug=f"event-{bulletin.year}-{bulletin.number}",
                kind=Event.Kind.CONFERENCE,
                format=Event.Format.IN_PERSON,
                start_date=bulletin.publication_date - datetime.timedelta(days=10),
                end_date=bulletin.publication_date - datetime.timedelta(days=9),
                **translated("title", writer.headline(bulletin.number)),
                **translated("place", {"zh-hans": "昆明", "en": "Kunming"}),
                **translated("summary", writer.sentences("body", 2)),
            )
            for bulletin in bulletins
        )
        organizer_rows, event_topics = [], []
        for event in events:
            hosts = writer.choose(organizations, quoted, 2)
            roles = (EventOrganizer.Role.HOST, EventOrganizer.Role.CO_HOST)
            for position, (organization, role) in enumerate(zip(hosts, roles, strict=True), 1):
                organizer_rows.append(
                    EventOrganizer(
                        event=event, organization=organization, role=role, position=position
                    )
                )
            for topic in writer.choose(topics, topic_weights, 2):
                event_topics.append(Event.topics.through(event=event, topic=topic))
        EventOrganizer.objects.bulk_create(organizer_rows)
        Event.topics.through.objects.bulk_create(event_topics)

        articles, article_topics = [], []
        for bulletin, event in zip(bulletins, events, strict=True):
            for position in range(1, ARTICLES_PER_ISSUE + 1):
                body = writer.paragraphs(4)
                articles.append(
                    Article(
                        bulletin=bulletin,
                        position=position,
                        slug=f"article-{position}",
                        event=event if position <= 3 else None,
                        **translated("headline", writer.headline(position)),
                        **translated("viewpoints_heading", {"zh-hans": "专家观点", "en": "Views"}),
                        **translated(
                            "body", {code: paragraphs_html(body[code]) for code in LANGUAGES}
                        ),
                    )
                )
        articles = Article.objects.bulk_create(articles, batch_size=1000)
        viewpoints = []
        for article in articles:
            for topic in writer.choose(topics, topic_weights, writer.random.randint(1, 2)):
                article_topics.append(Article.topics.through(article=article, topic=topic))
            for position in range(1, VIEWPOINTS_PER_ARTICLE + 1):
                organization = writer.choose(organizations, quoted)[0]
                named = people.get(organization.pk)
                person = (
                    writer.random.choice(named) if named and writer.random.random() < 0.4 else None
                )
                label = {
                    "zh-hans": f"{organization.name_zh_hans or organization.name_en}代表",
                    "en": f"{organization.name_en or organization.name_zh_hans} representative",
                }
                viewpoints.append(
                    Viewpoint(
                        article=article,
                        position=position,
                        organization=organization,
                        person=person,
                        **(translated("speaker_label", label) if person is None else {}),
                        **translated("statement", writer.sentences("statement", 3)),
                    )
                )
        Article.topics.through.objects.bulk_create(article_topics, batch_size=2000)
        Viewpoint.objects.bulk_create(viewpoints, batch_size=2000)
    progress(
        f"  {len(bulletins)} issues, {len(articles)} articles, {len(viewpoints)} viewpoints, "
        f"{len(events)} events written ({time.perf_counter() - started:.0f} s)"
    )
    analyze()

    for done, bulletin in enumerate(bulletins, 1):
        published_at = datetime.datetime.combine(
            bulletin.publication_date, datetime.time(9), tzinfo=BEIJING
        )
        with transaction.atomic():
            locked = Bulletin.objects.select_for_update().get(pk=bulletin.pk)
            edition_publish(bulletin=locked, user=None, at=published_at, languages=list(LANGUAGES))
        if done % 50 == 0 or done == len(bulletins):
            progress(f"  published {done}/{len(bulletins)} ({time.perf_counter() - started:.0f} s)")
    # The queued work: the index is rebuilt once below; PDFs are not part of the benchmark.
    Job.objects.all().delete()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM django_tasks_database_dbtaskresult")
    entries = search.rebuild()
    analyze()
    progress(f"  {entries} search entries; done in {time.perf_counter() - started:.0f} s")
    return {"issues": len(bulletins), "articles": len(articles), "viewpoints": len(viewpoints)}


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "lmec.settings")
    import django

    django.setup()
    generate(int(sys.argv[1]) if len(sys.argv) > 1 else ISSUES)
