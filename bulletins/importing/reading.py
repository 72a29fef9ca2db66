"""Reading an uploaded file: plain text, Markdown or Word (.docx) become one ``Source``.

A ``Source`` is the file's text, decoded, as paragraphs ("blocks") of numbered lines,
the same whatever the format, so that one parser (parsing.py) reads them all. A file is
accepted by what it contains, not by its name alone: a .docx must be a Word document,
text must decode, and anything else is refused with a message saying what it is.
"""

import codecs
import io
import posixpath
import re
import unicodedata
import zipfile
from dataclasses import dataclass, field
from pathlib import PurePath

from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _
from lxml import etree

from bulletins.importing.errors import ImportFailed
from bulletins.importing.normalize import clean_text, join_lines
from lmec.archives import ArchiveRefused, open_zip

TEXT_SUFFIXES = {".txt": "text", ".md": "markdown", ".markdown": "markdown"}
DOCX_SUFFIX = ".docx"
ACCEPTED_SUFFIXES = [*TEXT_SUFFIXES, DOCX_SUFFIX]


@dataclass
class Block:
    """A paragraph of the source: its lines with their numbers, and its heading level (0: none)."""

    lines: list[tuple[int, str]]
    heading: int = 0

    @property
    def line(self) -> int:
        return self.lines[0][0]

    @property
    def text(self) -> str:
        return join_lines([text for _number, text in self.lines])


@dataclass
class Source:
    """A decoded file. ``text`` for text and Markdown, ``paragraphs`` for Word files."""

    name: str
    kind: str  # "text", "markdown" or "docx"
    text: str = ""
    paragraphs: list[tuple[int, str]] = field(default_factory=list)  # (heading level, text)

    @property
    def unit(self) -> str:
        """What error messages count in: lines, or a Word file's paragraphs."""
        return "paragraph" if self.kind == "docx" else "line"

    def blocks(self) -> list[Block]:
        if self.kind == "docx":
            return _docx_blocks(self.paragraphs)
        lines = self.text.splitlines()
        return _text_blocks(
            lines,
            markdown=self.kind == "markdown",
            line_per_paragraph=one_paragraph_per_line(lines),
        )

    def numbered_lines(self) -> list[tuple[int, str]]:
        """The source as the editor sees it beside the parsed issue."""
        if self.kind == "docx":
            return [
                (number, ("#" * level + " " if level else "") + text)
                for number, (level, text) in enumerate(self.paragraphs, start=1)
            ]
        return list(enumerate(self.text.splitlines(), start=1))

    def to_payload(self) -> dict:
        return {
            "name": self.name,
            "kind": self.kind,
            "text": self.text,
            "paragraphs": self.paragraphs,
        }

    @classmethod
    def from_payload(cls, payload: dict) -> "Source":
        return cls(
            name=payload["name"],
            kind=payload["kind"],
            text=payload["text"],
            paragraphs=[(level, text) for level, text in payload["paragraphs"]],
        )


def read_source(name: str, data: bytes) -> Source:
    """Decode an uploaded or named file, or raise ImportFailed saying why it cannot be read."""
    name = PurePath(name).name
    suffix = PurePath(name).suffix.lower()
    if suffix not in ACCEPTED_SUFFIXES:
        raise ImportFailed(
            _(
                "“%(name)s”: only text (.txt), Markdown (.md) and Word (.docx) files can be imported."
            )
            % {"name": name}
        )
    if len(data) > settings.LMEC_MAX_IMPORT_UPLOAD_BYTES:
        raise too_large(name)
    if not data.strip():
        raise ImportFailed(_("“%(name)s” is empty.") % {"name": name})
    _refuse_other_formats(name, data)
    if suffix == DOCX_SUFFIX:
        return Source(name=name, kind="docx", paragraphs=_docx_paragraphs(name, data))
    if data.startswith(b"PK\x03\x04"):
        raise ImportFailed(
            _("“%(name)s” is a Word document or another archive, not text; name it .docx.")
            % {"name": name}
        )
    return Source(name=name, kind=TEXT_SUFFIXES[suffix], text=_decode(name, data))


def too_large(name: str) -> ImportFailed:
    return ImportFailed(
        _("“%(name)s” is larger than %(limit)s; split it into one file per issue.")
        % {"name": name, "limit": filesizeformat(settings.LMEC_MAX_IMPORT_UPLOAD_BYTES)}
    )


def _refuse_other_formats(name: str, data: bytes):
    """Name the usual wrong files rather than failing to decode them."""
    formats = [
        (b"%PDF", _("a PDF file; copy its text into a .txt file or export it as .docx")),
        (b"\xd0\xcf\x11\xe0", _("an old Word .doc file; save it as .docx in Word")),
        (b"{\\rtf", _("an RTF file; save it as .docx in Word")),
        (b"\x89PNG", _("an image")),
        (b"\xff\xd8\xff", _("an image")),
        (b"GIF8", _("an image")),
    ]
    for magic, what in formats:
        if data.startswith(magic):
            raise ImportFailed(_("“%(name)s” is %(what)s.") % {"name": name, "what": what})


UTF8_CHARACTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)


def _decode(name: str, data: bytes) -> str:
    """Text in UTF-8 (with or without BOM), UTF-16 (with BOM) or GB18030.

    A UTF-8 file with a damaged byte is refused, naming the line, rather than read as
    GB18030, which would turn all its Chinese into other characters.
    """
    for bom, encoding in [
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ]:
        if data.startswith(bom):
            data, encodings = data[len(bom) :], [encoding]
            break
    else:
        encodings = ["utf-8", "gb18030"]
    for encoding in encodings:
        try:
            return _check_text(name, data.decode(encoding))
        except UnicodeDecodeError as error:
            if encoding == "utf-8" and _mostly_utf8(data):
                raise ImportFailed(
                    _("“%(name)s” is UTF-8 text with a damaged character in this line.")
                    % {"name": name},
                    line=data[: error.start].count(b"\n") + 1,
                ) from None
    raise ImportFailed(
        _(
            "“%(name)s” is not text in a known encoding (UTF-8, UTF-16 or GB18030). "
            "Save it as UTF-8 text."
        )
        % {"name": name}
    )


def _mostly_utf8(data: bytes) -> bool:
    high = sum(1 for byte in data if byte >= 0x80)
    in_utf8 = sum(len(match) for match in UTF8_CHARACTER.findall(data))
    return high > 0 and in_utf8 / high > 0.5


def _check_text(name: str, text: str) -> str:
    for number, line in enumerate(text.splitlines(), start=1):
        if any(unicodedata.category(c) == "Cc" and c not in "\t\f\v" for c in line):
            raise ImportFailed(
                _("“%(name)s” contains binary data, not text.") % {"name": name}, line=number
            )
    return text


# Plain text and Markdown ------------------------------------------------------------------

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)\s*$")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:\s*\1){2,}\s*$")
BLOCKQUOTE = re.compile(r"^ {0,3}(?:>\s?)+")
LIST_MARKER = re.compile(r"^ {0,3}(?:[-*+]|\d{1,3}[.)])\s+")
AUTOLINK = re.compile(r"<((?:https?://|mailto:)[^>\s]+|[^@<>\s]+@[^@<>\s]+)>")
IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
LINK = re.compile(r"\[([^\]]+)\]\([^)]*\)")
HTML_COMMENT = re.compile(r"<!--.*?-->")
LINE_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
CODE = re.compile(r"`([^`]+)`")
STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
# Not between Latin letters or digits, where * and _ are part of the text (tang_huaqing@…);
# Chinese around them is fine: "表示，*应当*加强".
EMPHASIS = re.compile(
    r"(?<![A-Za-z0-9*])\*(?=\S)(.+?)(?<=\S)\*(?![A-Za-z0-9*])"
    r"|(?<![A-Za-z0-9_])_(?=\S)(.+?)(?<=\S)_(?![A-Za-z0-9_])"
)
STRIKETHROUGH = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!<>|~])")
HARD_BREAK = re.compile(r"(?:\\|\s{2,})$")


def _markdown_inline(text: str) -> str:
    """The text a reader sees: emphasis markers, link targets and escapes removed."""
    escaped = []

    def hide(match):
        escaped.append(match.group(1))
        return f"\ue000{len(escaped) - 1}\ue001"

    text = ESCAPE.sub(hide, text)
    text = HTML_COMMENT.sub("", text)
    text = LINE_BREAK_TAG.sub(" ", text)
    text = CODE.sub(r"\1", text)
    text = IMAGE.sub(r"\1", text)
    text = LINK.sub(r"\1", text)
    text = AUTOLINK.sub(r"\1", text)
    text = STRONG.sub(r"\2", text)
    text = EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = STRIKETHROUGH.sub(r"\1", text)
    return re.sub("\ue000(\\d+)\ue001", lambda m: escaped[int(m.group(1))], text)


# A line that ends a sentence: 。！？ and the like, perhaps inside closing quotes.
ENDS_SENTENCE = re.compile(r"[。！？!?；;…][”’」』）)\]]*\s*$")


def one_paragraph_per_line(raw_lines: list[str]) -> bool:
    """Whether a text puts each paragraph on a line of its own, with no blank line between.

    Where blank lines separate paragraphs, a line that ends a sentence is mostly the end
    of a paragraph, followed by a blank line; where they do not, it is followed by the
    next paragraph. A line broken by the layout of a printed page rarely ends a sentence.
    """
    followed_by_text = followed_by_blank = 0
    for line, following in zip(raw_lines, raw_lines[1:], strict=False):
        if ENDS_SENTENCE.search(line):
            if clean_text(following):
                followed_by_text += 1
            else:
                followed_by_blank += 1
    return followed_by_text > followed_by_blank


def _text_blocks(
    raw_lines: list[str], *, markdown: bool, line_per_paragraph: bool = False
) -> list[Block]:
    """Blank lines separate paragraphs; a heading is a paragraph of its own. In a text
    with one paragraph per line (``line_per_paragraph``), every line is a paragraph.

    Plain text gets the little Markdown that text exported from the briefings carries
    (``#`` headings, ``<http://…>`` links, trailing double spaces); Markdown files
    get the rest of it too.
    """
    blocks: list[Block] = []
    current: list[tuple[int, str]] = []

    def close():
        if current:
            blocks.append(Block(lines=current.copy()))
            current.clear()

    for number, raw in enumerate(raw_lines, start=1):
        line = HARD_BREAK.sub("", raw.rstrip("\r\n"))
        if markdown:
            if SETEXT_UNDERLINE.match(line):
                level = 1 if "=" in line else 2
                if current:
                    blocks.append(Block(lines=current.copy(), heading=level))
                    current.clear()
                    continue
                if line_per_paragraph and blocks and blocks[-1].lines[-1][0] == number - 1:
                    blocks[-1].heading = level  # the line above, already a paragraph
                    continue
            if THEMATIC_BREAK.match(line):
                close()
                continue
            line = LIST_MARKER.sub("", BLOCKQUOTE.sub("", line))
        heading = ATX_HEADING.match(line)
        if heading:
            close()
            text = heading.group(2)
            text = _markdown_inline(text) if markdown else AUTOLINK.sub(r"\1", text)
            if clean_text(text):
                blocks.append(Block(lines=[(number, text)], heading=len(heading.group(1))))
            continue
        text = _markdown_inline(line) if markdown else AUTOLINK.sub(r"\1", line)
        if not clean_text(text):
            close()
            continue
        current.append((number, text))
        if line_per_paragraph:
            close()
    close()
    return blocks


# Word ---------------------------------------------------------------------------------------

HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


def _docx_paragraphs(name: str, data: bytes) -> list[tuple[int, str]]:
    """The document's paragraphs in order, table cells included, with their heading level."""
    import docx  # imported here: only Word files need it
    from docx.table import Table

    not_word = ImportFailed(_("“%(name)s” is not a Word (.docx) document.") % {"name": name})
    try:
        with open_zip(data) as archive:
            package = _docx_text_parts(archive)
    except ArchiveRefused as refused:
        raise ImportFailed(
            _("“%(name)s” was not read: %(reason)s") % {"name": name, "reason": refused.message}
        ) from None
    except (zipfile.BadZipFile, KeyError, ValueError, etree.XMLSyntaxError):
        raise not_word from None
    try:
        document = docx.Document(io.BytesIO(package))
    except Exception:  # python-docx raises many kinds of errors on a damaged file
        raise not_word from None

    paragraphs = []

    def add(paragraph):
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        match = HEADING_STYLE.match(style.strip())
        level = int(match.group(1)) if match else 1 if style.strip().lower() == "title" else 0
        paragraphs.append((level, paragraph.text))

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            seen = set()  # a merged cell appears once per grid column it spans
            for row in item.rows:
                for cell in row.cells:
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        for paragraph in cell.paragraphs:
                            add(paragraph)
        else:
            add(item)
    return paragraphs


OFFICE_DOCUMENT = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument"
)
STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
CONTENT_TYPES = "[Content_Types].xml"
ROOT_RELATIONSHIPS = "_rels/.rels"
# No entities, no network, no huge trees: the parts come from the uploader.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)


def _docx_text_parts(archive: zipfile.ZipFile) -> bytes:
    """A copy of the Word package with only what the importer reads: the main document
    and its styles (for headings). Images, headers, fonts and the rest are never
    unpacked; relationships to them are dropped so that python-docx does not look."""
    parts = {CONTENT_TYPES: archive.read(CONTENT_TYPES)}
    root, document = _kept_relationships(archive, ROOT_RELATIONSHIPS, "", {OFFICE_DOCUMENT})
    parts[ROOT_RELATIONSHIPS] = root
    (document_name,) = document  # KeyError/ValueError below: no Word document
    folder, _slash, base = document_name.rpartition("/")
    rels_name = f"{folder}/_rels/{base}.rels" if folder else f"_rels/{base}.rels"
    if rels_name in archive.namelist():
        parts[rels_name], styles = _kept_relationships(archive, rels_name, folder, {STYLES})
    else:
        styles = []
    for part in [document_name, *styles]:
        parts[part] = archive.read(part)
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w", zipfile.ZIP_STORED) as copy:
        for part, content in parts.items():
            copy.writestr(part, content)
    return package.getvalue()


def _kept_relationships(archive, rels_name: str, folder: str, kinds: set[str]):
    """The relationships file ``rels_name`` with only the links to parts of ``kinds`` (and
    to outside addresses, such as hyperlinks), and the names of those parts."""
    tree = etree.fromstring(archive.read(rels_name), XML_PARSER)
    kept = []
    for relationship in list(tree.iter(RELATIONSHIP)):
        if relationship.get("TargetMode") == "External":
            continue
        target = relationship.get("Target", "")
        part = posixpath.normpath(
            target.lstrip("/") if target.startswith("/") else posixpath.join(folder, target)
        )
        if relationship.get("Type") in kinds and part in archive.namelist():
            kept.append(part)
        else:
            relationship.getparent().remove(relationship)
    return etree.tostring(tree, xml_declaration=True, encoding="UTF-8", standalone=True), kept


def _docx_blocks(paragraphs: list[tuple[int, str]]) -> list[Block]:
    """Every non-empty paragraph is a block; a line break inside one (Shift+Enter) joins."""
    blocks = []
    for number, (level, text) in enumerate(paragraphs, start=1):
        lines = [(number, line) for line in text.split("\n") if clean_text(line)]
        if lines:
            blocks.append(Block(lines=lines, heading=level))
    return blocks
