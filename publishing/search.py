"""Full-text search of articles, viewpoints, events and partners on plain PostgreSQL.

Why this way: the embedded server (and many hosted ones) has no zhparser or pg_trgm, and
PostgreSQL's own parser sees a run of Chinese characters as one "word". So Chinese is
segmented in Python with jieba and the words are handed to PostgreSQL as a ready-made
``tsvector`` (the ``simple`` way: no stemming, lower case). Each word also carries the
dictionary words inside it at the same position ("红树林" also as "红树", "树林";
"生物多样性" also as "生物", "多样性"), so a shorter query finds the longer word, and a
query of several words is matched as a phrase (``生物 <-> 多样性``), not as words
scattered through the text. Thai, Lao, Khmer and Burmese, also written without spaces
between words, are segmented the same way by ICU's dictionaries (lmec/segmentation.py),
without the parts. English uses PostgreSQL's ``english`` configuration (stemming:
"mangrove" finds "mangroves"); Vietnamese uses ``simple``.

The index is the ``SearchEntry`` table: one row per item and language, made from what
readers see: the articles and viewpoints of each edition (``index_edition``, run by the
pipeline after a publication) and the published partners and events (``index_record``).
``manage.py rebuild_search_index`` rebuilds it from scratch. Which edition is current is
not stored: it is checked when searching, with ``current_condition``, so a withdrawn
issue disappears and a scheduled version replaces the one before on time.
"""

import functools
import re
import threading
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.postgres.search import (
    SearchQuery,
    SearchQueryField,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, reset_queries, transaction
from django.db.models import Case, Q, Value, When
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe
from modeltranslation.utils import build_localized_fieldname

from lmec import headlines, segmentation
from lmec.localized import fallback_chain
from lmec.seo import plain_text
from lmec.statistics import analyze
from partners.models import OrganizationAlias
from publishing.frozen import FrozenIssue
from publishing.models import Edition, SearchEntry, current_condition
from publishing.registry import public_instance

CHINESE = "zh-hans"
ENGLISH = "en"
USER_WORDS = Path(__file__).with_name("search_words.txt")
HAN = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
MAX_POSITION = 16383  # PostgreSQL's limit for a word's position in a tsvector
MAX_LEXEME = 200
FIELD_GAP = 5  # so that a phrase never spans two fields

_tokenizer = None
_tokenizer_lock = threading.Lock()


def tokenizer():
    """jieba's segmenter with the center's own vocabulary, loaded once per process."""
    global _tokenizer
    if _tokenizer is None:
        with _tokenizer_lock:
            if _tokenizer is None:
                import logging

                import jieba

                jieba.setLogLevel(logging.WARNING)
                segmenter = jieba.Tokenizer()
                segmenter.load_userdict(str(USER_WORDS))
                _tokenizer = segmenter
    return _tokenizer


WORD_CHARACTER = re.compile(r"[^\W_]")  # a letter or a digit, as str.isalnum()
SHORT_TEXT = 100  # names and titles, which recur: their words are remembered


def is_word(token: str) -> bool:
    return WORD_CHARACTER.search(token) is not None


def words(text: str) -> list[str]:
    """The words of ``text`` in order, lower case; punctuation and spaces dropped."""
    if len(text) <= SHORT_TEXT:
        return list(_words_of_short_text(text))
    return _words(text)


def _words(text: str) -> list[str]:
    found = []
    for token in tokenizer().cut(text):
        token = token.strip().lower()
        if token and len(token) <= MAX_LEXEME and WORD_CHARACTER.search(token):
            found.append(token)
    return found


@functools.lru_cache(maxsize=20_000)
def _words_of_short_text(text: str) -> tuple[str, ...]:
    return tuple(_words(text))


@functools.lru_cache(maxsize=200_000)
def parts_of(word: str) -> tuple[str, ...]:
    """The dictionary words inside a Chinese word: "红树林" → "红树", "树林"."""
    if len(word) <= 2 or not HAN.search(word):
        return ()
    known = tokenizer().FREQ
    return tuple(
        word[start : start + size]
        for size in (2, 3)
        if len(word) > size
        for start in range(len(word) - size + 1)
        if known.get(word[start : start + size])
    )


def segmented_tsvector(weighted_texts, segment=words, parts=parts_of) -> str:
    """A tsvector literal of text segmented in Python: ``[(text, "A"), (text, "C")]`` →
    "'红树林':1A …" (Chinese by default; ``segment`` and ``parts`` for other languages)."""
    positions = defaultdict(list)
    position = 0
    for text, weight in weighted_texts:
        for word in segment(text or ""):
            position = min(position + 1, MAX_POSITION)
            for lexeme in (word, *parts(word)):
                positions[lexeme].append(f"{position}{weight}")
        position += FIELD_GAP
    return " ".join(
        f"{quote(lexeme)}:{','.join(dict.fromkeys(places))}" for lexeme, places in positions.items()
    )


def no_parts(word: str):
    return ()


def segmented_tsquery(query: str, segment=words, ignored=frozenset()) -> str | None:
    """A tsquery for segmented rows: each space-separated part a phrase, all parts required;
    ``ignored`` words left out."""
    phrases = []
    for part in query.split():
        part_words = [word for word in segment(part) if word not in ignored]
        if part_words:
            phrases.append("(" + " <-> ".join(quote(word) for word in part_words) + ")")
    return " & ".join(phrases) or None


def quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def text_in(obj, field_name: str, language: str) -> str:
    return getattr(obj, build_localized_fieldname(field_name, language), "") or ""


def all_languages(obj, *field_names: str) -> list[str]:
    return [
        value
        for name in field_names
        for code, _label in settings.LANGUAGES
        if (value := text_in(obj, name, code))
    ]


def vector_for(language: str, title: str, keywords: str, body: str):
    """The expression that stores the text-search vector of one entry."""
    if language == CHINESE:
        literal = segmented_tsvector([(title, "A"), (keywords, "B"), (body, "C")])
        return Cast(Value(literal), SearchVectorField())
    if language in segmentation.SEGMENTED_LANGUAGES:
        literal = segmented_tsvector(
            [(title, "A"), (keywords, "B"), (body, "C")], segmentation.words, no_parts
        )
        return Cast(Value(literal), SearchVectorField())
    config = "english" if language == ENGLISH else "simple"
    return (
        SearchVector(Value(title), config=config, weight="A")
        + SearchVector(Value(keywords), config=config, weight="B")
        + SearchVector(Value(body), config=config, weight="C")
    )


# Building entries ---------------------------------------------------------------------


def _plain(values: dict, language: str) -> str:
    return values.get(language, "") if values else ""


def edition_entries(edition):
    """The entries of an edition's articles and viewpoints, in each of its languages."""
    content = edition.content
    people = content.get("registry", {}).get("people", {})
    organizations = content.get("registry", {}).get("organizations", {})
    url_kwargs = {"year": edition.year, "number": edition.number}
    common = {"edition": edition, "year": edition.year, "date": edition.publication_date}
    for code in edition.languages:
        issue = FrozenIssue(content, code)
        for record, article in zip(content["articles"], issue.articles, strict=True):
            article_url = url_kwargs | {"slug": record["slug"]}
            title = headlines.plain(_plain(record["headline"], code))
            body = plain_text(_plain(record["body"], code))
            if title or body:
                yield SearchEntry(
                    kind=SearchEntry.Kind.ARTICLE,
                    object_id=record["id"],
                    language=code,
                    title=title or str(article.text.headline),
                    keywords=" ".join(
                        filter(
                            None,
                            [
                                _plain(record["kicker"], code),
                                _plain(record["viewpoints_heading"], code),
                            ],
                        )
                    ),
                    body=body,
                    url_name="bulletins:article",
                    url_kwargs=article_url,
                    **common,
                )
            for said, viewpoint in zip(record["viewpoints"], article.viewpoints, strict=True):
                statement = _plain(said["statement"], code)
                if not statement:
                    continue
                organization = organizations.get(str(said["organization"]), {})
                names = [
                    *organization.get("name", {}).values(),
                    *organization.get("short_name", {}).values(),
                    *people.get(str(said.get("person")), {}).get("name", {}).values(),
                ]
                yield SearchEntry(
                    kind=SearchEntry.Kind.VIEWPOINT,
                    object_id=said["id"],
                    language=code,
                    title=viewpoint.speaker_line(),
                    context=str(article.text.headline),
                    keywords=" ".join(dict.fromkeys(names)),
                    body=statement,
                    url_name="bulletins:article",
                    url_kwargs=article_url,
                    url_fragment=f"viewpoint-{said['id']}",
                    **common,
                )


def event_entries(event):
    for code, _label in settings.LANGUAGES:
        title = text_in(event, "title", code)
        if not title:
            continue
        yield SearchEntry(
            kind=SearchEntry.Kind.EVENT,
            object_id=event.pk,
            language=code,
            year=event.start_date.year,
            date=event.start_date,
            title=title,
            context=text_in(event, "place", code),
            body=text_in(event, "summary", code),
            url_name="events:detail",
            url_kwargs={"slug": event.slug},
        )


def organization_entries(organization, aliases=()):
    names = all_languages(organization, "name", "short_name") + list(aliases)
    for code, _label in settings.LANGUAGES:
        title = text_in(organization, "name", code)
        if not title:
            continue
        yield SearchEntry(
            kind=SearchEntry.Kind.ORGANIZATION,
            object_id=organization.pk,
            language=code,
            title=title,
            context=text_in(organization, "short_name", code),
            keywords=" ".join(dict.fromkeys(names)),
            body=text_in(organization, "description", code),
            url_name="partners:detail",
            url_kwargs={"slug": organization.slug},
        )


def store(entries) -> int:
    entries = list(entries)
    for entry in entries:
        entry.vector = vector_for(entry.language, entry.title, entry.keywords, entry.body)
    SearchEntry.objects.bulk_create(entries, batch_size=200)
    return len(entries)


@transaction.atomic
def index_edition(edition):
    """The entries of an edition, made afresh (an edition's never change: this is for a
    first run, a retry, or a new way of indexing)."""
    SearchEntry.objects.filter(edition=edition).delete()
    store(edition_entries(edition))


RECORD_KINDS = {
    "events.event": SearchEntry.Kind.EVENT,
    "partners.organization": SearchEntry.Kind.ORGANIZATION,
}


@transaction.atomic
def index_record(model_label: str, pk: int):
    """A partner's or an event's entries, as published (none when it is not public)."""
    kind = RECORD_KINDS.get(model_label)
    if kind is None:
        return  # topics are not searched
    SearchEntry.objects.filter(kind=kind, object_id=pk, edition__isnull=True).delete()
    copy = public_copies(kind).filter(pk=pk).first()
    if copy is not None:
        store(_record_entries(kind, copy))


def public_copies(kind):
    from publishing.models import PublicEvent, PublicOrganization

    return PublicEvent.objects if kind == SearchEntry.Kind.EVENT else PublicOrganization.objects


def _record_entries(kind, copy):
    record = public_instance(copy)
    if kind == SearchEntry.Kind.EVENT:
        return event_entries(record)
    aliases = OrganizationAlias.objects.filter(organization_id=copy.pk).values_list(
        "name", flat=True
    )
    return organization_entries(record, aliases)


# Editions indexed at a time by ``rebuild``: their content and entries are all it holds.
REBUILD_BATCH = 20


def rebuild(progress=None) -> int:
    """Index everything readers may find, afresh; returns the number of entries.

    In one transaction: searches use the old index until the new one is complete.
    Editions are read and indexed ``REBUILD_BATCH`` at a time, so memory stays the same
    whatever the archive's size. ``progress(done, total, entries)`` is called after each
    batch. The table's statistics are gathered at the end (lmec/statistics.py).
    """
    progress = progress or (lambda done, total, entries: None)
    shown = Q(superseded_at__isnull=True) | Q(superseded_at__gt=timezone.now())
    with transaction.atomic():
        # Not QuerySet.delete(): that would load every entry to send its signals.
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {SearchEntry._meta.db_table}")
        edition_ids = list(
            Edition.objects.filter(shown).order_by("pk").values_list("pk", flat=True)
        )
        records = [
            (kind, pk)
            for kind in RECORD_KINDS.values()
            for pk in public_copies(kind).values_list("pk", flat=True)
        ]
        total, count = len(edition_ids) + len(records), 0
        for start in range(0, len(edition_ids), REBUILD_BATCH):
            for edition in Edition.objects.filter(
                pk__in=edition_ids[start : start + REBUILD_BATCH]
            ):
                count += store(edition_entries(edition))
            progress(min(start + REBUILD_BATCH, len(edition_ids)), total, count)
            reset_queries()  # with DEBUG on, Django keeps every query's SQL: megabytes here
        for kind, pk in records:
            count += store(_record_entries(kind, public_copies(kind).get(pk=pk)))
        progress(total, total, count)
    analyze(SearchEntry)
    return count


# Searching ----------------------------------------------------------------------------


LATIN_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")


def english_stop_words(text: str) -> set[str]:
    """The words of ``text`` that PostgreSQL's ``english`` configuration ignores ("the",
    "of", "and"): asked of the server, so that the list is the one English rows are
    indexed and searched with."""
    candidates = sorted(set(LATIN_WORD.findall(text.lower())))
    if not candidates:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word FROM unnest(%s::text[]) AS word "
            "WHERE ts_lexize('english_stem', word) = '{}'::text[]",
            [candidates],
        )
        return {row[0] for row in cursor.fetchall()}


@dataclass
class Query:
    """A reader's query, prepared for each kind of row.

    English stop words ("the", "of") are ignored as PostgreSQL's ``english`` configuration
    ignores them, in Chinese, Thai, Lao, Khmer and Burmese rows too (where English names
    appear among the text): "the" alone finds nothing anywhere, "the mangroves" what
    "mangroves" finds. Vietnamese rows (``simple``) keep them: "an", "do" and "to" are
    Vietnamese words too.
    """

    text: str
    chinese: str | None = None
    unspaced: str | None = None
    terms: list[str] = field(default_factory=list)
    common_words_only: bool = False

    @classmethod
    def parse(cls, text: str) -> "Query":
        text = " ".join(text.split())
        stop_words = english_stop_words(text)
        terms = {part for part in text.split() if part.lower() not in stop_words}
        for part in text.split():
            terms.update(word for word in words(part) if len(word) > 1 and word not in stop_words)
        chinese = segmented_tsquery(text, ignored=stop_words)
        return cls(
            text=text,
            chinese=chinese,
            unspaced=segmented_tsquery(text, segmentation.words, stop_words),
            terms=sorted(terms, key=len, reverse=True),
            common_words_only=bool(stop_words) and chinese is None,
        )

    @property
    def is_empty(self) -> bool:
        return not self.text

    def per_language(self):
        """(condition on the entry's language, tsquery) for each way text is indexed."""
        queries = [
            (
                Q(language=ENGLISH),
                SearchQuery(self.text, config="english", search_type="websearch"),
            ),
            (
                ~Q(language__in=[ENGLISH, CHINESE, *segmentation.SEGMENTED_LANGUAGES]),
                SearchQuery(self.text, config="simple", search_type="websearch"),
            ),
        ]
        if self.chinese:
            queries.append((Q(language=CHINESE), LiteralSearchQuery(self.chinese)))
        if self.unspaced:
            queries.append(
                (
                    Q(language__in=segmentation.SEGMENTED_LANGUAGES),
                    LiteralSearchQuery(self.unspaced),
                )
            )
        return queries

    def condition(self) -> Q:
        """True for the entries this query finds."""
        condition = Q(pk__in=[])
        for language, query in self.per_language():
            condition |= language & Q(vector=query)
        return condition

    def per_row(self):
        """The tsquery for each entry: the query as its language is indexed."""
        return Case(
            *(When(language, then=query) for language, query in self.per_language()),
            default=Value(None),
            output_field=SearchQueryField(),
        )


class LiteralSearchQuery(SearchQuery):
    """A tsquery already in PostgreSQL's syntax ("('生物' <-> '多样性')"), used as it is."""

    template = "(%(expressions)s)::tsquery"

    def __init__(self, value):
        super().__init__(value, search_type="raw")


def visible_entries():
    """Entries the public may find: published events and partners, and the items of the
    editions readers see now."""
    return SearchEntry.objects.filter(Q(edition__isnull=True) | current_condition("edition__"))


# Of the items a query finds, this many (the most recent) are ranked by relevance; the
# older ones follow them, newest first. Ranking reads each item's words (ts_rank): a word
# found in thousands of items would otherwise cost a search 100 ms and more.
RANKED_CANDIDATES = 500


def search(
    query: Query, *, language: str, kind: str = "", year: int | None = None, only_language: str = ""
):
    """The entries matching ``query``, best first, one per item (``SearchResults``).

    An item written in several languages matches once: in the first language of the
    reader's fallback chain (lmec.localized) whose version matches (a Thai reader: Thai,
    then English, then Chinese), else in the first other language that matches.
    """
    matches = visible_entries().filter(query.condition())
    if kind:
        matches = matches.filter(kind=kind)
    if year:
        matches = matches.filter(year=year)
    if only_language:
        matches = matches.filter(language=only_language)
    chain = fallback_chain(language)
    order = chain + [code for code, _name in settings.LANGUAGES if code not in chain]
    items = (
        matches.annotate(
            preferred=Case(
                *(When(language=code, then=Value(position)) for position, code in enumerate(order)),
                default=Value(len(order)),
            ),
            tsquery=query.per_row(),
        )
        .order_by("kind", "object_id", "preferred")
        .distinct("kind", "object_id")
        .values("id", "date", "vector", "tsquery")
    )
    return SearchResults(items)


class SearchResults:
    """The items a search found, for a Paginator: ``count()`` and slices, each one query.

    Why not a queryset: an item is ranked only if it is among the ``RANKED_CANDIDATES``
    most recent ones found (the partners, which have no date, always are), so that a
    common word costs as little as a rare one; every item found is counted and can be
    paged to. The words of the other items are never read (they are stored out of line,
    publishing/migrations/0003), only their date.
    """

    def __init__(self, items):
        self.items = items

    def count(self) -> int:
        sql, params = self.items.query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT count(*) FROM ({sql}) AS items", params)
            return cursor.fetchone()[0]

    def __len__(self):
        return self.count()

    def __getitem__(self, window):
        if not isinstance(window, slice) or window.step or not 0 <= window.start <= window.stop:
            raise TypeError("search results are read a page at a time")
        if window.start == window.stop:
            return []
        sql, params = self.items.query.sql_with_params()
        ranked = f"""
            WITH items AS MATERIALIZED ({sql}),
            candidates AS (
                SELECT id FROM items ORDER BY date DESC NULLS FIRST, id DESC LIMIT %s
            )
            SELECT items.id, CASE WHEN candidates.id IS NOT NULL
                THEN ts_rank(items.vector, items.tsquery, 1) END AS rank
            FROM items LEFT JOIN candidates ON candidates.id = items.id
            ORDER BY rank DESC NULLS LAST, items.date DESC NULLS FIRST, items.id
            LIMIT %s OFFSET %s
        """
        with connection.cursor() as cursor:
            cursor.execute(
                ranked,
                [*params, RANKED_CANDIDATES, window.stop - window.start, window.start],
            )
            ranks = dict(cursor.fetchall())
        entries = SearchEntry.objects.filter(pk__in=ranks).select_related("edition")
        by_id = {entry.pk: entry for entry in entries.defer("vector", "edition__content")}
        return [by_id[pk] for pk in ranks]


def entry_years():
    """The years a reader can narrow a search to."""
    return list(
        visible_entries()
        .exclude(year=None)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


# Showing results ----------------------------------------------------------------------

SNIPPET_CHARS = 160
SNIPPET_LEAD = 40


def highlighter(query: Query):
    """A regular expression matching the query's words, and the stems of its Latin words."""
    patterns = []
    for term in query.terms:
        if HAN.search(term) or segmentation.UNSPACED_SCRIPT.search(term) or len(term) < 4:
            patterns.append(re.escape(term))
        else:
            # A crude stem, enough to mark "mangroves" for "mangrove", "economic" for "economy".
            patterns.append(r"\b" + re.escape(term[: max(4, len(term) - 2)]) + r"\w*")
    if not patterns:
        return None
    return re.compile("|".join(patterns), re.IGNORECASE)


def highlight(text: str, pattern) -> str:
    """``text`` escaped, with the matches wrapped in <mark>."""
    if pattern is None:
        return escape(text)
    pieces, last = [], 0
    for match in pattern.finditer(text):
        pieces.append(escape(text[last : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    pieces.append(escape(text[last:]))
    return mark_safe("".join(pieces))  # every piece is escaped above


def snippet(text: str, pattern) -> str:
    """A window of ``text`` around the first match, highlighted."""
    found = pattern.search(text) if pattern else None
    start = max(0, found.start() - SNIPPET_LEAD) if found else 0
    if start > 0 and not (
        HAN.search(text[start : start + 2])
        or segmentation.UNSPACED_SCRIPT.search(text[start : start + 2])
    ):
        # Start at a word in languages that have spaces.
        space = text.find(" ", start, found.start())
        start = space + 1 if space != -1 else start
    end = min(len(text), start + SNIPPET_CHARS)
    window = text[start:end]
    return mark_safe(
        ("…" if start > 0 else "") + highlight(window, pattern) + ("…" if end < len(text) else "")
    )
