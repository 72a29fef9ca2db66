"""What a parsed issue means in the database: the plan of an import.

Every organization, person, event, contact block and about block the text names is
either matched to a record that exists or proposed as a new one; nothing is dropped.
The plan is what the dry run prints and the admin shows; saving.py carries it out.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _
from modeltranslation.utils import build_localized_fieldname

from bulletins.importing.errors import ImportFailed, end_of_file, expected, quoted, too_long
from bulletins.importing.normalize import clean_text, name_key, name_key_with_positions
from bulletins.importing.parsing import ParsedArticle, ParsedEvent, ParsedIssue
from bulletins.importing.speakers import parse_speaker
from bulletins.models import AboutBlock, Bulletin, ContactBlock, Viewpoint
from events.models import Event, EventOrganizer
from lmec.localized import translated_search_fields
from partners.models import Organization, OrganizationAlias, Person


@dataclass(eq=False)
class ProposedOrganization:
    """An organization the registry does not know, created when the import is saved."""

    name: str
    short_name: str = ""
    kind: str = Organization.Kind.OTHER
    lines: list[int] = field(default_factory=list)

    def __str__(self):
        return self.name


@dataclass(eq=False)
class ProposedPerson:
    name: str
    organization: "Organization | ProposedOrganization"

    def __str__(self):
        return self.name


@dataclass(eq=False)
class PlannedEvent:
    """An event the issue reports: one that exists (``existing``), or a new one."""

    title: str
    start_date: datetime.date
    end_date: datetime.date
    existing: Event | None = None
    kind: str = Event.Kind.OTHER
    format: str = Event.Format.IN_PERSON
    place: str = ""
    parent: "PlannedEvent | None" = None
    roles: list[tuple["Organization | ProposedOrganization", str]] = field(default_factory=list)

    @property
    def is_new(self) -> bool:
        return self.existing is None

    @property
    def format_label(self) -> str:
        return str(Event.Format(self.format).label)

    def role_labels(self) -> list[tuple[str, str]]:
        return [(str(organization), label) for organization, label, _new in self.role_rows()]

    def role_rows(self) -> list[tuple["Organization | ProposedOrganization", str, bool]]:
        """(organization, role in words, whether the organization is new) for each role."""
        return [
            (
                organization,
                str(EventOrganizer.Role(role).label),
                isinstance(organization, ProposedOrganization),
            )
            for organization, role in self.roles
        ]


@dataclass
class PlannedViewpoint:
    line: int
    statement: str
    printed_organization: str
    organization: "Organization | ProposedOrganization"
    person: "Person | ProposedPerson | None" = None
    speaker_label: str = ""
    speaker_title: str = ""

    @property
    def organization_is_new(self) -> bool:
        return isinstance(self.organization, ProposedOrganization)

    @property
    def person_is_new(self) -> bool:
        return isinstance(self.person, ProposedPerson)


@dataclass
class PlannedArticle:
    parsed: ParsedArticle
    viewpoints: list[PlannedViewpoint]
    event: PlannedEvent | None = None
    event_inherited: bool = False  # the same event as the article before


@dataclass
class ImportPlan:
    """A parsed issue, with every name it contains matched or proposed."""

    issue: ParsedIssue
    language: str
    year: int
    number: int
    existing: Bulletin | None
    articles: list[PlannedArticle]
    organizations_matched: list[Organization]
    organizations_new: list[ProposedOrganization]
    people_matched: list[Person]
    people_new: list[ProposedPerson]
    events: list[PlannedEvent]
    contact_block: ContactBlock | None  # None: a new version is made
    about_block: AboutBlock | None
    notes: list[str]
    # False when the file ends without the block: the newest version is used.
    contact_in_file: bool = True
    about_in_file: bool = True

    @property
    def label(self) -> str:
        return str(_("No. %(number)s, %(year)s") % {"number": self.number, "year": self.year})

    @property
    def events_new(self) -> list[PlannedEvent]:
        return [event for event in self.events if event.is_new]

    def required_permissions(self, *, replace: bool) -> set[str]:
        """What a user needs to save this plan."""
        needed = {"bulletins.add_article", "bulletins.add_viewpoint"}
        if self.existing and replace:
            needed |= {
                "bulletins.change_bulletin",
                "bulletins.change_article",
                "bulletins.delete_article",
                "bulletins.change_viewpoint",
                "bulletins.delete_viewpoint",
            }
        else:
            needed.add("bulletins.add_bulletin")
        if self.organizations_new:
            needed.add("partners.add_organization")
        if self.people_new:
            needed.add("partners.add_person")
        if self.events_new:
            needed |= {"events.add_event", "events.add_eventorganizer"}
        if self.contact_block is None:
            needed.add("bulletins.add_contactblock")
        if self.about_block is None:
            needed.add("bulletins.add_aboutblock")
        return needed


# A new organization's kind, guessed from words in its name; the first match wins.
ORGANIZATION_KINDS = [
    (Organization.Kind.INTERNATIONAL, ["联合国", "United Nations"]),
    (Organization.Kind.RESEARCH, ["大学", "学院", "研究院", "研究所", "University", "Institute"]),
    (Organization.Kind.COMPANY, ["公司", "集团", "银行", "Company", "Ltd", "Group"]),
    (Organization.Kind.NGO, ["基金", "学会", "协会", "Foundation", "Society", "Fund"]),
    (
        Organization.Kind.GOVERNMENT,
        ["部", "厅", "局", "司", "署", "委员会", "政府", "秘书处", "使馆", "Ministry"],
    ),
]


def organization_kind(name: str) -> str:
    """A first guess at a new organization's kind; editors correct it."""
    for kind, words in ORGANIZATION_KINDS:
        if any(word in name for word in words):
            return kind
    return Organization.Kind.OTHER


def event_kind(title: str) -> str:
    kinds = [
        (("平行论坛", "Parallel Forum"), Event.Kind.PARALLEL_FORUM),
        (("圆桌", "Round Table", "Round-Table"), Event.Kind.ROUND_TABLE),
        (("论坛", "Forum"), Event.Kind.FORUM),
        (("系列活动", "周", "Week"), Event.Kind.SERIES),
        (("研讨会", "工作坊", "Workshop"), Event.Kind.WORKSHOP),
        (("培训", "Training"), Event.Kind.TRAINING),
        (("考察", "访问", "Visit"), Event.Kind.VISIT),
        (("会议", "大会", "Conference"), Event.Kind.CONFERENCE),
    ]
    for words, kind in kinds:
        if any(word.lower() in title.lower() for word in words):
            return kind
    return Event.Kind.OTHER


def _latin(character: str) -> bool:
    return character.isascii() and character.isalnum()


class Registry:
    """The organizations' names in every language, short names and aliases, by name key.

    It also holds the organizations this import proposes, so that a name met twice
    makes one new record.
    """

    NAME, ALIAS, SHORT_NAME = 0, 1, 2  # a full name wins over an alias, an alias over a short name

    def __init__(self, unit: str):
        self.unit = unit
        self.names: dict[str, dict[int, set]] = {}
        # The whole registry in one query: a match needs no further one.
        self.organizations = {o.pk: o for o in Organization.objects.all()}
        name_fields = translated_search_fields("name", "short_name")
        for organization in self.organizations.values():
            for field_name in name_fields:
                tier = self.SHORT_NAME if field_name.startswith("short_name") else self.NAME
                self._add(getattr(organization, field_name), organization.pk, tier)
        for pk, alias in OrganizationAlias.objects.values_list("organization_id", "name"):
            self._add(alias, pk, self.ALIAS)
        self.proposed: list[ProposedOrganization] = []

    def _add(self, name, target, tier):
        key = name_key(name or "")
        if key:
            self.names.setdefault(key, {}).setdefault(tier, set()).add(target)

    def _resolve(self, key: str, printed: str, line: int):
        tiers = self.names[key]
        best = tiers[min(tiers)]
        if len(best) > 1:
            pks = sorted(target for target in best if isinstance(target, int))
            names = "; ".join(str(o) for o in Organization.objects.filter(pk__in=pks))
            raise ImportFailed(
                _(
                    "“%(name)s” is the name of more than one organization in the registry "
                    "(%(names)s). Rename one of them or remove the alias they share."
                )
                % {"name": printed, "names": names},
                line=line,
                unit=self.unit,
            )
        (target,) = best
        if isinstance(target, int):
            return self.organizations[target]
        return target

    def find(self, name: str, line: int):
        key = name_key(name)
        return self._resolve(key, name, line) if key in self.names else None

    def known_prefixes(self, text: str) -> list[int]:
        """Lengths of the starts of ``text`` that are known names, longest first."""
        key, positions = name_key_with_positions(text)
        ends = set()
        for length in range(len(key), 0, -1):
            if key[:length] in self.names:
                end = positions[length - 1] + 1
                # "CI" is not the start of "CIFOR".
                if not (end < len(text) and _latin(text[end - 1]) and _latin(text[end])):
                    ends.add(end)
        return sorted(ends, reverse=True)

    def find_or_propose(self, name: str, line: int, short_name: str = ""):
        organization = self.find(name, line)
        if organization is None:
            organization = ProposedOrganization(
                name=name, short_name=short_name, kind=organization_kind(name)
            )
            self.proposed.append(organization)
            self._add(name, organization, self.NAME)
            if short_name:
                self._add(short_name, organization, self.SHORT_NAME)
        if isinstance(organization, ProposedOrganization):
            organization.lines.append(line)
        return organization


class _Planner:
    def __init__(self, issue: ParsedIssue, language: str):
        self.issue = issue
        self.language = language
        self.unit = issue.source.unit
        self.registry = Registry(self.unit)
        self.people: list[ProposedPerson] = []
        self.people_matched: list[Person] = []
        self.events: list[PlannedEvent] = []
        self.notes: list[str] = []

    def fail(self, reason, line):
        raise ImportFailed(reason, line=line, unit=self.unit)

    def field(self, name: str) -> str:
        return build_localized_fieldname(name, self.language)

    def plan(self, year: int, number: int) -> ImportPlan:
        articles = []
        previous_event = None
        for parsed in self.issue.articles:
            event, inherited = previous_event, True
            if parsed.event:
                event, inherited = self.plan_event(parsed.event), False
            viewpoints = [self.plan_viewpoint(v.line, v.statement) for v in parsed.viewpoints]
            if event and event.is_new:
                taken = {organization for organization, _role in event.roles}
                for viewpoint in viewpoints:
                    if viewpoint.organization not in taken:
                        taken.add(viewpoint.organization)
                        event.roles.append(
                            (viewpoint.organization, EventOrganizer.Role.PARTICIPANT)
                        )
            articles.append(
                PlannedArticle(
                    parsed=parsed,
                    viewpoints=viewpoints,
                    event=event,
                    event_inherited=inherited and event is not None,
                )
            )
            previous_event = event
        matched = []
        for article in articles:
            for organization in self.mentioned_organizations(article):
                if isinstance(organization, Organization) and organization not in matched:
                    matched.append(organization)
        return ImportPlan(
            issue=self.issue,
            language=self.language,
            year=year,
            number=number,
            existing=Bulletin.objects.filter(year=year, number=number).first(),
            articles=articles,
            organizations_matched=matched,
            organizations_new=self.registry.proposed,
            people_matched=self.people_matched,
            people_new=self.people,
            events=self.events,
            contact_block=self.match_contact_block(),
            about_block=self.match_about_block(),
            notes=self.notes,
            contact_in_file=self.issue.contact is not None,
            about_in_file=bool(self.issue.about),
        )

    @staticmethod
    def mentioned_organizations(article: PlannedArticle):
        if article.event and article.event.is_new and not article.event_inherited:
            yield from (organization for organization, _role in article.event.roles)
        yield from (viewpoint.organization for viewpoint in article.viewpoints)

    # Viewpoints --------------------------------------------------------------------------

    def plan_viewpoint(self, line: int, statement: str) -> PlannedViewpoint:
        # No organization's name is longer than this in running text.
        speaker = parse_speaker(statement, self.registry.known_prefixes(statement[:80]))
        if speaker is None:
            self.fail(
                expected(
                    _(
                        "a viewpoint opening with the organization and the speaker, then what "
                        "they said, as in “乐施会代表表示…” or “野生生物保护学会技术顾问Kerstin "
                        "Brauneder介绍了…”"
                    ),
                    _("%(text)s, where no speaker is named") % {"text": quoted(statement, 20)},
                ),
                line,
            )
        self.check_length(Viewpoint, "speaker_label", speaker.label, line)
        self.check_length(Viewpoint, "speaker_title", speaker.title, line)
        self.check_length(Organization, "name", speaker.organization, line)
        organization = self.registry.find_or_propose(speaker.organization, line)
        person = None
        if speaker.person:
            self.check_length(Person, "name", speaker.person, line)
            person = self.find_or_propose_person(speaker.person, organization)
        return PlannedViewpoint(
            line=line,
            statement=statement,
            printed_organization=speaker.organization,
            organization=organization,
            person=person,
            speaker_label=speaker.label,
            speaker_title=speaker.title,
        )

    def find_or_propose_person(self, name: str, organization):
        """The person of that name at that organization (or at none), else a new one."""
        key = name_key(name)
        for person in self.people:
            if name_key(person.name) == key and person.organization is organization:
                return person
        if isinstance(organization, Organization):
            condition = Q()
            for field_name in translated_search_fields("name"):
                condition |= Q(**{f"{field_name}__iexact": name})
            candidates = Person.objects.filter(condition).filter(
                Q(organization=organization) | Q(organization__isnull=True)
            )
            for person in candidates.order_by("organization_id", "pk"):
                if person not in self.people_matched:
                    self.people_matched.append(person)
                return person
        person = ProposedPerson(name=name, organization=organization)
        self.people.append(person)
        return person

    def check_length(self, model, field_name: str, value: str, line: int):
        reason = too_long(model, field_name, value)
        if reason:
            self.fail(reason, line)

    # Events ------------------------------------------------------------------------------

    def find_event(self, title: str, date: datetime.date, *, prefix=False) -> Event | None:
        """An event on that date whose title is ``title`` (or, for a series, begins it)."""
        key = name_key(title)
        title_fields = translated_search_fields("title")
        for event in Event.objects.filter(start_date__lte=date, end_date__gte=date).order_by("pk"):
            for field_name in title_fields:
                other = name_key(getattr(event, field_name) or "")
                if other and (other == key or (prefix and key.startswith(other))):
                    return event
        return None

    def plan_event(self, parsed: ParsedEvent) -> PlannedEvent:
        for planned in self.events:
            if name_key(planned.title) == name_key(parsed.title) and (
                planned.start_date == parsed.start_date
            ):
                return planned
        self.check_length(Event, "title", parsed.title, parsed.line)
        self.check_length(Event, "place", parsed.place, parsed.line)
        existing = self.find_event(parsed.title, parsed.start_date)
        if existing:
            event = self.wrap(existing)
            self.remember(event)
            return event
        event = PlannedEvent(
            title=parsed.title,
            start_date=parsed.start_date,
            end_date=parsed.end_date,
            kind=event_kind(parsed.title),
            format=parsed.format,
            place=parsed.place,
        )
        for role in parsed.roles:
            organization = self.registry.find_or_propose(
                role.name, parsed.line, short_name=role.short_name
            )
            if (organization, role.role) not in event.roles:
                event.roles.append((organization, role.role))
        event.parent = self.plan_parent(parsed)
        self.remember(event)
        return event

    def remember(self, event: PlannedEvent):
        """List the event after the events it is part of."""
        if event.parent:
            self.remember(event.parent)
        if event not in self.events:
            self.events.append(event)

    def plan_parent(self, parsed: ParsedEvent) -> PlannedEvent | None:
        series = None
        if parsed.series:
            existing = self.find_event(parsed.series, parsed.start_date, prefix=True)
            if existing:
                series = self.wrap(existing)
            else:
                self.notes.append(
                    _(
                        "Line %(line)s: “%(event)s” is said to be part of “%(series)s”, which is "
                        "not among the events; it is not linked. Add that event and set it as the "
                        "parent if you want the link."
                    )
                    % {"line": parsed.line, "event": parsed.title, "series": parsed.series}
                )
        if not parsed.parent_title:
            return series
        self.check_length(Event, "title", parsed.parent_title, parsed.line)
        for planned in self.events:
            if name_key(planned.title) == name_key(parsed.parent_title):
                return planned
        existing = self.find_event(parsed.parent_title, parsed.start_date)
        if existing:
            return self.wrap(existing)
        return PlannedEvent(
            title=parsed.parent_title,
            start_date=parsed.start_date,
            end_date=parsed.end_date,
            kind=event_kind(parsed.parent_title),
            format=parsed.format,
            parent=series,
        )

    def wrap(self, existing: Event) -> PlannedEvent:
        for planned in self.events:
            if planned.existing == existing:
                return planned
        return PlannedEvent(
            title=existing.title,
            start_date=existing.start_date,
            end_date=existing.end_date,
            existing=existing,
        )

    # Closing blocks ----------------------------------------------------------------------

    def last_line(self) -> int:
        return self.issue.source.blocks()[-1].line

    def newest(self, model, what: str):
        """The newest version of a block the file lacks, said in a note; refused if none."""
        newest = model.objects.order_by("-valid_from", "-pk").first()
        if newest is None:
            self.fail(
                expected(
                    _("%(what)s at the end of the file (there is no earlier version to use)")
                    % {"what": what},
                    end_of_file(),
                ),
                self.last_line(),
            )
        self.notes.append(
            _("The file has no %(what)s: the newest version, “%(label)s”, is used.")
            % {"what": what, "label": newest}
        )
        return newest

    def contact_values(self) -> dict[str, str]:
        contact = self.issue.contact
        return {
            self.field("organization_names"): "\n".join(contact.organization_names),
            self.field("address"): contact.address,
            "postcode": contact.postcode,
            "phone": contact.phone,
            "fax": contact.fax,
            "emails": "\n".join(contact.emails),
            "website": contact.website,
            self.field("wechat"): contact.wechat,
        }

    def match_contact_block(self) -> ContactBlock | None:
        if self.issue.contact is None:
            return self.newest(
                ContactBlock, _("contact block (“联系我们” and the contact details)")
            )
        wanted = self.contact_values()

        def tidy(value):
            return "\n".join(
                clean_text(line) for line in (value or "").splitlines() if line.strip()
            )

        for block in ContactBlock.objects.all():
            if all(tidy(getattr(block, name)) == tidy(value) for name, value in wanted.items()):
                return block
        return None

    def match_about_block(self) -> AboutBlock | None:
        if not self.issue.about:
            return self.newest(AboutBlock, _("paragraph about the center"))
        wanted = clean_text(self.issue.about)
        for block in AboutBlock.objects.all():
            if clean_text(getattr(block, self.field("text")) or "") == wanted:
                return block
        return None


def plan_import(
    issue: ParsedIssue,
    *,
    language: str = "zh-hans",
    year: int | None = None,
    number: int | None = None,
) -> ImportPlan:
    """Match everything ``issue`` names against the database.

    ``year`` and ``number`` correct the issue label read from the file.
    """
    return _Planner(issue, language).plan(year or issue.year, number or issue.number)
