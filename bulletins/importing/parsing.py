"""The structure of a briefing, read from a ``Source``'s paragraphs.

The printed briefing is: the masthead; the issue label (2020年第2期) and date; articles,
each an optional kicker line, a headline, body paragraphs, an optional viewpoints
heading (部分专家观点) and viewpoint paragraphs; then 联系我们 with the contact block, and
the about paragraph. This module finds those parts and the events the first paragraph
of an article reports (date, title, format, place, organizers in their roles). It does
not look at the database: which organization a name means is matching.py's business.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.utils.translation import gettext as _

from bulletins.importing.errors import ImportFailed, end_of_file, expected, quoted, too_long
from bulletins.importing.normalize import clean_text, join_lines
from bulletins.importing.reading import Block, Source
from bulletins.models import Article, ContactBlock


@dataclass
class ParsedRole:
    """An organization named as an event's host, co-host, supporter, guidance, …"""

    name: str
    role: str
    short_name: str = ""  # from （以下简称…）


@dataclass
class ParsedEvent:
    line: int
    title: str
    start_date: datetime.date
    end_date: datetime.date
    format: str
    place: str = ""
    # "作为2020年“澜湄周”环境合作系列活动之一": a series, linked only if it is known.
    series: str = ""
    # "…圆桌对话之平行论坛二：…": the event this one is part of, on the same dates.
    parent_title: str = ""
    roles: list[ParsedRole] = field(default_factory=list)


@dataclass
class ParsedViewpoint:
    line: int
    statement: str


@dataclass
class ParsedArticle:
    line: int
    kicker: str = ""
    headline: str = ""
    headline_line: int = 0
    paragraphs: list[str] = field(default_factory=list)
    paragraph_lines: list[int] = field(default_factory=list)
    viewpoints_heading: str = ""
    viewpoints_heading_line: int = 0
    viewpoints: list[ParsedViewpoint] = field(default_factory=list)
    event: ParsedEvent | None = None


@dataclass
class ParsedContact:
    line: int
    organization_names: list[str]
    address: str
    postcode: str = ""
    phone: str = ""
    fax: str = ""
    emails: list[str] = field(default_factory=list)
    website: str = ""
    wechat: str = ""


@dataclass
class ParsedIssue:
    """Everything read from one file, as text: what the importer will save.

    ``contact`` is None and ``about`` empty when the file ends without them: the import
    then uses the newest versions in the database.
    """

    source: Source
    year: int
    number: int
    label_line: int
    publication_date: datetime.date
    articles: list[ParsedArticle]
    contact: ParsedContact | None
    about: str
    about_line: int


# The issue label and dates -------------------------------------------------------------------

CHINESE_NUMERALS = {c: n for n, c in enumerate("〇一二三四五六七八九")} | {"零": 0, "两": 2}
ISSUE_LABEL = re.compile(
    r"(?P<year>\d{4})\s*年\s*第\s*(?P<number>\d{1,3}|[〇零一二两三四五六七八九十]{1,3})\s*期"
    r"|(?:No\.?|Issue|Number)\s*(?P<en_number>\d{1,3})\s*[,，/]\s*(?P<en_year>\d{4})",
    re.IGNORECASE,
)
DATE = (
    r"(?P<year>\d{4})\s*年\s*(?P<month>\d{1,2})\s*月\s*(?P<day>\d{1,2})\s*日"
    r"(?:\s*(?:至|到|[-–—~～－])\s*(?:(?P<end_year>\d{4})\s*年\s*)?"
    r"(?:(?P<end_month>\d{1,2})\s*月\s*)?(?P<end_day>\d{1,2})\s*日)?"
)
ISO_DATE = r"(?P<iso>\d{4}-\d{1,2}-\d{1,2})"
MONTHS = {
    m: i
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ],
        start=1,
    )
    for m in names
}
ENGLISH_DATE = re.compile(
    r"^(?:(?P<d1>\d{1,2})\s+(?P<m1>[A-Za-z]+)\.?,?\s+(?P<y1>\d{4})"
    r"|(?P<m2>[A-Za-z]+)\.?\s+(?P<d2>\d{1,2}),?\s+(?P<y2>\d{4}))$"
)
PUBLICATION_DATE = re.compile(rf"^(?:日期[:：]\s*)?(?:{DATE}|{ISO_DATE})$")
# The date at the end of the label's line: "简报 2021年第3期 2021年6月18日".
DATE_AT_END = re.compile(rf"(?:{DATE}|{ISO_DATE})$")
LABEL_EXAMPLE = "“2021年第3期”"


def _chinese_number(text: str) -> int:
    if text.isdigit():
        return int(text)
    if text == "十":
        return 10
    if "十" in text:
        tens, _ten, units = text.partition("十")
        return CHINESE_NUMERALS.get(tens, 1) * 10 + (CHINESE_NUMERALS[units] if units else 0)
    return int("".join(str(CHINESE_NUMERALS[c]) for c in text))


def _date(year, month, day, line: int, unit: str) -> datetime.date:
    try:
        return datetime.date(int(year), int(month), int(day))
    except ValueError:
        raise ImportFailed(
            expected(
                _("a date"),
                _("%(year)s-%(month)s-%(day)s, which does not exist")
                % {"year": year, "month": month, "day": day},
            ),
            line=line,
            unit=unit,
        ) from None


def _publication_date(text: str, line: int, unit: str) -> datetime.date | None:
    match = PUBLICATION_DATE.match(text)
    if match:
        if match.group("iso"):
            return _date(*match.group("iso").split("-"), line, unit)
        return _date(match.group("year"), match.group("month"), match.group("day"), line, unit)
    match = ENGLISH_DATE.match(text)
    if match:
        day, month, year = (
            (match.group("d1"), match.group("m1"), match.group("y1"))
            if match.group("d1")
            else (match.group("d2"), match.group("m2"), match.group("y2"))
        )
        if month.lower() in MONTHS:
            return _date(year, MONTHS[month.lower()], day, line, unit)
    return None


# Kinds of paragraph --------------------------------------------------------------------------

CONTACT_HEADING = re.compile(
    r"^(?:联系我们|联系方式|联系地址|Contact(?: us)?)[:：]?$", re.IGNORECASE
)
# "部分专家观点", "主要专家观点如下：", "嘉宾发言摘要"; not "专家观点交流会顺利举行".
VIEWPOINTS_HEADING = re.compile(
    r"(?:观点|发言)(?:如下|摘编|摘要|摘登|要点|集锦)?[:：]?$|\b(?:views|viewpoints)[:：]?$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[。！？!?；;…]$|[。！？]")
SHORT = 100  # a headline is shorter than this; a paragraph usually is not


def _is_viewpoints_heading(text: str) -> bool:
    return (
        len(text) <= 30 and not SENTENCE_END.search(text) and bool(VIEWPOINTS_HEADING.search(text))
    )


def _is_title_like(block: Block) -> bool:
    """A heading, or a short line that does not end a sentence."""
    text = block.text
    if block.heading:
        return True
    return len(text) <= SHORT and not SENTENCE_END.search(text)


# Chinese puts no space after a full-width colon: one there in a headline is where the
# printed headline broke its line (text copied from the printed briefing), and the
# printed briefings break long headlines at their colons.
PRINTED_BREAK_AFTER_COLON = re.compile(r"：\s+(?=\S)")


def headline_of(block: Block) -> str:
    """A headline broken over several lines (Shift+Enter in Word, or lines of a text file),
    or after a colon where the printed one broke, keeps its breaks as the "|" an editor
    types (lmec/headlines.py)."""
    lines = (PRINTED_BREAK_AFTER_COLON.sub("：|", text) for _number, text in block.lines)
    return "|".join(clean_text(part) for line in lines for part in line.split("|"))


def _is_kicker(text: str) -> bool:
    return len(text) <= 60 and text[-1] in "：:" and "。" not in text


# The whole issue ----------------------------------------------------------------------------


class _Parser:
    def __init__(self, source: Source):
        self.source = source
        self.unit = source.unit
        self.blocks = source.blocks()

    def fail(self, reason: str, line: int | None):
        raise ImportFailed(reason, line=line, unit=self.unit)

    def fail_expected(self, what: str, found: str, line: int | None):
        self.fail(expected(what, found), line)

    def check_length(self, model, field_name: str, value: str, line: int):
        reason = too_long(model, field_name, value)
        if reason:
            self.fail(reason, line)

    def found(self, block: Block | None) -> str:
        return quoted(block.text) if block else end_of_file()

    def parse(self) -> ParsedIssue:
        if not self.blocks:
            self.fail_expected(_("the text of a briefing"), _("an empty file"), None)
        index, year, number, label_line, date = self.header()
        index, articles = self.articles(index)
        contact, about, about_line = self.closing(index)
        return ParsedIssue(
            source=self.source,
            year=year,
            number=number,
            label_line=label_line,
            publication_date=date,
            articles=articles,
            contact=contact,
            about=about,
            about_line=about_line,
        )

    def header(self):
        """The masthead (skipped), the issue label and the publication date."""
        label = _(
            "the masthead and then the issue label, on a line of its own (such as %(label)s) "
            "or with the date (such as “简报 2021年第3期 2021年6月18日”)"
        ) % {"label": LABEL_EXAMPLE}
        for index, block in enumerate(self.blocks):
            text = block.text
            match = ISSUE_LABEL.search(text)
            if match and len(text) <= 60:
                break
            if not _is_title_like(block) or index >= 8:
                self.fail_expected(label, self.found(block), block.line)
        else:
            self.fail_expected(label, end_of_file(), self.blocks[-1].line)
        if match.group("en_number"):
            year, number = int(match.group("en_year")), int(match.group("en_number"))
        else:
            year, number = int(match.group("year")), _chinese_number(match.group("number"))
        if not 2000 <= year <= 2999 or number < 1:
            self.fail_expected(
                _("an issue label with a year from 2000 and a number from 1"),
                quoted(match.group(0)),
                block.line,
            )
        # The date may share the label's line ("简报 2021年第3期 2021年6月18日"); what
        # stands before the label there is the masthead.
        rest = clean_text(text[match.end() :]) or clean_text(text[: match.start()])
        date_match = DATE_AT_END.search(rest)
        date = _publication_date(date_match.group(0), block.line, self.unit) if date_match else None
        index += 1
        if date is None:
            date_block = self.blocks[index] if index < len(self.blocks) else None
            date = date_block and _publication_date(date_block.text, date_block.line, self.unit)
            if not date:
                self.fail_expected(
                    _("the publication date (such as “2021年6月18日”) after the issue label"),
                    self.found(date_block),
                    date_block.line if date_block else block.line,
                )
            index += 1
        return index, year, number, block.line, date

    def articles(self, index):
        articles: list[ParsedArticle] = []
        article: ParsedArticle | None = None
        while index < len(self.blocks):
            block = self.blocks[index]
            text = block.text
            following = self.blocks[index + 1] if index + 1 < len(self.blocks) else None
            if CONTACT_HEADING.match(text):
                break
            if article and article.kicker and not article.headline:
                if not _is_title_like(block) or _is_viewpoints_heading(text):
                    self.fail_expected(headline_after_kicker(), self.found(block), block.line)
                article.headline, article.headline_line = headline_of(block), block.line
            elif _is_viewpoints_heading(text):
                if article is None:
                    self.fail_expected(
                        _("a headline before the viewpoints heading"),
                        self.found(block),
                        block.line,
                    )
                if article.viewpoints_heading or article.viewpoints:
                    self.fail_expected(
                        _(
                            "viewpoints after the viewpoints heading of line %(line)s, or the "
                            "next article's headline"
                        )
                        % {"line": article.viewpoints_heading_line or article.line},
                        _("a second viewpoints heading, %(text)s") % {"text": quoted(text)},
                        block.line,
                    )
                article.viewpoints_heading = text
                article.viewpoints_heading_line = block.line
            elif _is_title_like(block):
                self.close_article(article, block)
                article = ParsedArticle(line=block.line)
                articles.append(article)
                if _is_kicker(text):
                    # "2020年“澜湄周”系列活动：" introduces the headline that follows.
                    if not (following and _is_title_like(following)):
                        self.fail_expected(
                            headline_after_kicker(),
                            self.found(following),
                            following.line if following else block.line,
                        )
                    article.kicker = text
                else:
                    article.headline, article.headline_line = headline_of(block), block.line
            else:
                if article is None:
                    self.fail_expected(
                        _("the first article's headline (a short line that ends no sentence)"),
                        _("a paragraph, %(text)s") % {"text": quoted(text)},
                        block.line,
                    )
                if article.viewpoints_heading:
                    article.viewpoints.append(ParsedViewpoint(line=block.line, statement=text))
                else:
                    article.paragraphs.append(text)
                    article.paragraph_lines.append(block.line)
            index += 1
        following = self.blocks[index] if index < len(self.blocks) else None
        self.close_article(article, following)
        if not articles:
            self.fail_expected(
                _("an article (a headline and its text) after the issue label and date"),
                self.found(following),
                following.line if following else self.blocks[-1].line,
            )
        return index, articles

    def close_article(self, article: ParsedArticle | None, following: Block | None):
        """Check an article once the next block (``following``) is known to end it."""
        if article is None:
            return
        line = following.line if following else self.blocks[-1].line
        if not article.headline:
            self.fail_expected(headline_after_kicker(), self.found(following), line)
        if not article.paragraphs and not article.viewpoints:
            if article.viewpoints_heading:
                self.fail_expected(
                    _("viewpoints after the heading %(heading)s of line %(line)s")
                    % {
                        "heading": quoted(article.viewpoints_heading),
                        "line": article.viewpoints_heading_line,
                    },
                    self.found(following),
                    line,
                )
            self.fail_expected(
                _("text after the headline %(headline)s of line %(line)s")
                % {"headline": quoted(article.headline), "line": article.headline_line},
                self.found(following),
                line,
            )
        for name, value, value_line in [
            ("kicker", article.kicker, article.line),
            ("headline", article.headline, article.headline_line),
            ("viewpoints_heading", article.viewpoints_heading, article.viewpoints_heading_line),
        ]:
            self.check_length(Article, name, value, value_line)
        if article.paragraphs:
            article.event = parse_event(article.paragraphs[0], article.line, self.unit)

    def closing(self, index):
        """联系我们, the contact block's lines, then the about paragraph to the end.

        A file may end with the last article, or with the contact block: the import then
        uses the newest versions of what is missing (matching.py says so).
        """
        if index >= len(self.blocks):
            return None, "", 0
        heading = self.blocks[index]
        lines = [line for block in self.blocks[index + 1 :] for line in block.lines]
        contact_lines, about_lines = [], []
        for number, text in lines:
            text = clean_text(text)
            if about_lines or SENTENCE_END.search(text) or len(text) > 60:
                about_lines.append((number, text))
            else:
                contact_lines.append((number, text))
        if not contact_lines:
            self.fail_expected(
                _("the contact details (the center's name, 地址, 电话, …) after %(heading)s")
                % {"heading": quoted(heading.text)},
                quoted(about_lines[0][1]) if about_lines else end_of_file(),
                about_lines[0][0] if about_lines else heading.line,
            )
        contact = self.contact(contact_lines)
        if not about_lines:
            return contact, "", 0
        first = about_lines[0][0]
        paragraphs = [
            join_lines([text for number, text in block.lines if number >= first])
            for block in self.blocks[index + 1 :]
        ]
        about = "\n\n".join(paragraph for paragraph in paragraphs if paragraph)
        return contact, about, first

    def contact(self, lines: list[tuple[int, str]]) -> ParsedContact:
        values: dict[str, str] = {}
        emails: list[str] = []
        names: list[tuple[int, str]] = []
        last_key = None
        for number, text in lines:
            match = CONTACT_FIELD.match(text)
            if match:
                key = next(
                    key for key, label in match.groupdict().items() if label and key != "value"
                )
                value = clean_text(match.group("value"))
                if key in values:
                    self.fail_expected(
                        _("each contact detail once"),
                        _("a second one, %(text)s") % {"text": quoted(text)},
                        number,
                    )
                if key == "emails":
                    emails.extend(e for e in EMAIL_SEPARATORS.split(value) if e)
                values[key] = value
                last_key = key
            elif last_key == "emails" and EMAIL_LIKE.match(text):
                emails.extend(e for e in EMAIL_SEPARATORS.split(text) if e)
            elif last_key is None:
                names.append((number, text))
            else:
                self.fail_expected(
                    _(
                        "a contact line starting with 地址, 邮编, 电话, 传真, 电子邮箱, 网址 or "
                        "微信公众号 and “：”"
                    ),
                    quoted(text),
                    number,
                )
        if "address" not in values:
            if len(names) < 2:
                self.fail_expected(
                    _("the center's name and then its address"),
                    quoted(lines[0][1]),
                    lines[0][0],
                )
            values["address"] = names.pop()[1]
        if not names:
            self.fail_expected(_("the center's name"), quoted(lines[0][1]), lines[0][0])
        website = values.get("website", "").strip("<>")
        if website:
            try:
                URLValidator()(website)
            except ValidationError:
                self.fail_expected(
                    _("a web address (such as “http://www.lmec.org.cn”)"),
                    quoted(website),
                    self._line_of(lines, website),
                )
        for email in emails:
            try:
                EmailValidator()(email)
            except ValidationError:
                self.fail_expected(
                    _("an e-mail address"), quoted(email), self._line_of(lines, email)
                )
        for key in ["address", "postcode", "phone", "fax", "wechat"]:
            value = values.get(key, "")
            self.check_length(ContactBlock, key, value, self._line_of(lines, value))
        return ParsedContact(
            line=lines[0][0],
            organization_names=[name for _number, name in names],
            address=values["address"],
            postcode=values.get("postcode", ""),
            phone=values.get("phone", ""),
            fax=values.get("fax", ""),
            emails=emails,
            website=website,
            wechat=values.get("wechat", ""),
        )

    @staticmethod
    def _line_of(lines, value):
        return next((number for number, text in lines if value in text), lines[0][0])


CONTACT_FIELD = re.compile(
    r"^(?:(?P<address>地址|通讯地址|Address)"
    r"|(?P<postcode>邮编|邮政编码|Post ?code|Postal code|Zip)"
    r"|(?P<phone>电话|联系电话|Tel|Phone|Telephone)"
    r"|(?P<fax>传真|Fax)"
    r"|(?P<emails>电子邮箱|电子邮件|邮箱|E-?mails?)"
    r"|(?P<website>网址|网站|Website|Web)"
    r"|(?P<wechat>微信公众号|微信|WeChat(?: official account)?))"
    r"\s*[:：]\s*(?P<value>.*)$",
    re.IGNORECASE,
)
# Between the addresses of a contact block: spaces, commas, semicolons, 、 (full or half width).
EMAIL_SEPARATORS = re.compile(r"[\s,，;；、]+")
EMAIL_LIKE = re.compile(r"^\S+@\S+$")


# Events ------------------------------------------------------------------------------------

EVENT_SENTENCE = re.compile(
    rf"^{DATE}\s*[，,]\s*"
    r"(?:作为(?P<series>[^，,。]+?)之一\s*[，,]\s*)?"
    r"(?P<title>[^，,。]+?)"
    r"(?:以(?P<how>[^，,。]+?)(?:的)?形式|在(?P<place>[^，,。]+?))?"
    r"(?:顺利|成功|隆重)?(?:举行|召开|举办|开幕)(?=[，,。]|$)"
)
# "…圆桌对话之平行论坛二：…": the forum is part of the dialogue.
PART_OF = re.compile(r"之(?=(?:第[一二三四五六七八九十\d]+)?(?:平行论坛|分论坛|边会|分会|专题会))")
ONLINE = re.compile(r"网络|线上|在线|视频|云端|云上")
OFFLINE = re.compile(r"线下|现场")
ROLE_CLAUSE = re.compile(
    r"^(?P<by>(?:本次|此次|该|这次)?(?:会议|论坛|活动|对话|研讨会|视频会议|圆桌会议)?由)?"
    r"(?P<names>.+?)(?P<as>作为)?(?P<joint>联合|共同)?(?P<role>主办|承办|协办|指导|支持)(?P<unit>单位)?$"
    r"|^在(?P<under_names>.+?)的(?P<under_role>指导|支持)下$"
)
ROLES = {
    "主办": "host",
    "承办": "organizer",
    "协办": "supporter",
    "支持": "supporter",
    "指导": "guidance",
}
ALSO_CALLED = re.compile(
    r"[（(]\s*(?:以下)?简称[:：]?\s*[“\"]?(?P<short>[^）)”\"]+?)[”\"]?\s*[)）]"
)
NAME_SEPARATOR = re.compile(r"\s*[/／、]\s*")


def parse_event(paragraph: str, line: int, unit: str) -> ParsedEvent | None:
    """The event an article's first paragraph reports, if it opens like a report does.

    "2020年3月26日，作为…之一，<title>以网络会议形式顺利举行，会议由A/B（以下简称C）主办。"
    """
    sentence = paragraph.split("。", 1)[0]
    match = EVENT_SENTENCE.match(sentence)
    if not match:
        return None
    start = _date(match.group("year"), match.group("month"), match.group("day"), line, unit)
    end = start
    if match.group("end_day"):
        end = _date(
            match.group("end_year") or start.year,
            match.group("end_month") or start.month,
            match.group("end_day"),
            line,
            unit,
        )
        if end < start:
            raise ImportFailed(
                expected(
                    _("an event ending on or after its start, %(start)s") % {"start": start},
                    _("the end %(end)s") % {"end": end},
                ),
                line=line,
                unit=unit,
            )
    how = f"{match.group('how') or ''} {match.group('place') or ''}"
    if ONLINE.search(how) and OFFLINE.search(how):
        event_format = "hybrid"
    elif ONLINE.search(how):
        event_format = "online"
    else:
        event_format = "in_person"
    title = clean_text(match.group("title"))
    parent_title = ""
    part_of = PART_OF.search(title)
    if part_of:
        parent_title, title = title[: part_of.start()], title[part_of.end() :]
    return ParsedEvent(
        line=line,
        title=title,
        start_date=start,
        end_date=end,
        format=event_format,
        place=clean_text(match.group("place") or ""),
        series=clean_text(match.group("series") or ""),
        parent_title=parent_title,
        roles=_roles(paragraph),
    )


def _roles(paragraph: str) -> list[ParsedRole]:
    """The organizers the paragraph names: "由A指导", "B作为支持单位", "C、D联合主办"."""
    roles = []
    for clause in re.split(r"[，,。；;]", paragraph):
        match = ROLE_CLAUSE.match(clause.strip())
        if not match:
            continue
        if match.group("under_names"):
            names, role = match.group("under_names"), ROLES[match.group("under_role")]
        else:
            names, role = match.group("names"), ROLES[match.group("role")]
            explicit = (
                match.group("by")
                or match.group("as")
                or match.group("joint")
                or match.group("unit")
            )
            if match.group("role") in ("指导", "支持") and not explicit:
                continue  # "得到了…的大力支持" is thanks, not a role
            if role == "host" and match.group("joint"):
                role = "co_host"
        for name in NAME_SEPARATOR.split(names):
            short = ALSO_CALLED.search(name)
            name = clean_text(ALSO_CALLED.sub("", name))
            if not name or len(name) > 60 or "的" in name:
                continue
            roles.append(
                ParsedRole(
                    name=name,
                    role=role,
                    short_name=clean_text(short.group("short")) if short else "",
                )
            )
    return roles


def headline_after_kicker() -> str:
    return _("the headline after the kicker line (a short line that ends no sentence)")


def parse_source(source: Source) -> ParsedIssue:
    """Read ``source`` as a briefing, or raise ImportFailed naming the line and the reason."""
    return _Parser(source).parse()
