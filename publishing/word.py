"""Issues as Word documents, for the ministries that edit what they receive.

``build_docx(content, edition)`` writes the same document as the PDF of that edition
(publishing/pdf/document.py builds both from an edition's frozen content, in the same
order): the masthead, each article's kicker and headline (Heading 1, its lines as the
editor broke them), its paragraphs, pictures with their captions, the viewpoints heading
(Heading 2) and each viewpoint as a quotation (Word's "Quote" style) followed by who said
it; then the contact and about blocks and the address of the issue's page. Each run says
its language, so that Word checks the spelling of each in its own. Chinese is set in
SimSun and SimHei, the fonts of Chinese government documents.
"""

import io

import docx
import lxml.html
from django.core.files.storage import default_storage
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from publishing.pdf import document
from publishing.pdf.services import ExportedFile, export_source

RED = RGBColor(0xC8, 0x10, 0x2E)
GREY = RGBColor(0x55, 0x55, 0x55)
# Word's language tags: Chinese as written in the People's Republic.
WORD_LANGUAGES = {"zh-hans": "zh-CN", "en": "en-GB"}
PICTURE_WIDTH = Cm(15)


def word_language(code: str) -> str:
    return WORD_LANGUAGES.get(code, code)


def set_language(run, lang: str) -> None:
    """Tell Word the language of ``run`` (spelling, hyphenation, fonts)."""
    properties = run._r.get_or_add_rPr()
    language = OxmlElement("w:lang")
    tag = word_language(lang)
    language.set(qn("w:val"), tag)
    language.set(qn("w:eastAsia"), tag if lang.startswith("zh") else "zh-CN")
    properties.append(language)


def add_text(paragraph, text, lang=None, *, bold=False, size=None, color=None):
    run = paragraph.add_run(str(text))
    run.bold = bold or None
    if size:
        run.font.size = Pt(size)
    if color:
        run.font.color.rgb = color
    set_language(run, lang or getattr(text, "lang", None) or "zh-hans")
    return run


def set_fonts(style, latin: str, chinese: str) -> None:
    style.font.name = latin
    fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
    fonts.set(qn("w:eastAsia"), chinese)


def new_document():
    word = docx.Document()
    set_fonts(word.styles["Normal"], "Times New Roman", "SimSun")
    word.styles["Normal"].font.size = Pt(11)
    for name in ("Title", "Heading 1", "Heading 2"):
        set_fonts(word.styles[name], "Arial", "SimHei")
    for section in word.sections:
        section.page_height, section.page_width = Cm(29.7), Cm(21)
        section.left_margin = section.right_margin = Cm(2)
        section.top_margin, section.bottom_margin = Cm(2.4), Cm(2.2)
    return word


def masthead(word, context) -> None:
    for name, lang in ((context["center_zh"], "zh-hans"), (context["center_en"], "en")):
        paragraph = word.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(paragraph, name, lang, bold=True, color=RED)
    title = word.add_paragraph(style="Title")
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_text(title, "简报" if context["lang"] == "zh-hans" else context["series"], context["lang"])
    line = word.add_paragraph()
    line.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for index, head in enumerate(context["mastheads"]):
        if index:
            add_text(line, " · ", head["lang"])
        add_text(line, f"{head['label']}  {head['date']}", head["lang"], bold=True)
    if context["version_note"]:
        add_text(line, f"  {context['version_note']}", context["lang"])
    if context["draft_notice"]:
        notice = word.add_paragraph()
        notice.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_text(notice, context["draft_notice"], context["lang"], bold=True, color=RED)


def add_picture(word, src: str, width=PICTURE_WIDTH) -> None:
    with default_storage.open(src.removeprefix("lmec-media:"), "rb") as file:
        word.add_picture(io.BytesIO(file.read()), width=width)
    word.paragraphs[-1].alignment = WD_ALIGN_PARAGRAPH.CENTER


def add_block(word, block: dict) -> None:
    """A paragraph, heading or list of the body, as its text."""
    element = lxml.html.fragment_fromstring(str(block["html"]))
    lang = element.get("lang") or "zh-hans"
    if element.tag in ("ul", "ol"):
        style = "List Bullet" if element.tag == "ul" else "List Number"
        for item in element.findall("li"):
            add_text(word.add_paragraph(style=style), item.text_content().strip(), lang)
        return
    if element.tag in ("h3", "h4"):
        add_text(word.add_heading(level=3), element.text_content().strip(), lang)
        return
    paragraph = word.add_paragraph()
    if lang.startswith("zh"):
        paragraph.paragraph_format.first_line_indent = Pt(22)  # two characters
    add_text(paragraph, element.text_content().strip(), lang)


def add_article(word, article: dict) -> None:
    for kicker in article["kickers"]:
        add_text(word.add_paragraph(), kicker, color=GREY)
    for headline in article["headlines"]:
        heading = word.add_heading(level=1)
        lines = [line.strip() for line in str(headline["html"]).split("<br>")]
        for index, line in enumerate(lines):
            run = add_text(heading, lxml.html.fromstring(line).text_content(), headline["lang"])
            if index < len(lines) - 1:
                run.add_break(WD_BREAK.LINE)
    if article["untranslated"]:
        add_text(word.add_paragraph(), article["untranslated"], article["lang"], color=GREY)
    for item in article["flow"]:
        kind = item["template"].rsplit("/", 1)[-1].removesuffix(".html")
        if kind == "blocks":
            for block in item["blocks"]:
                add_block(word, block)
        elif kind == "figure":
            add_picture(word, item["src"])
            caption = word.add_paragraph(style="Caption")
            caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
            for text in [*item["captions"], item["credit"]]:
                if text:
                    add_text(caption, f"{text} ")
        elif kind == "viewpoints_heading":
            heading = word.add_heading(level=2)
            for index, text in enumerate(item["texts"]):
                add_text(heading, f"{' · ' if index else ''}{text}", text.lang)
        elif kind == "viewpoint":
            for version in item["versions"]:
                add_text(word.add_paragraph(style="Quote"), version["statement"])
                source = word.add_paragraph()
                source.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                add_text(source, "—— ", version["statement"].lang, size=9, color=GREY)
                add_text(
                    source, version["signature"], version["signature_lang"], size=9, color=GREY
                )


def add_closing(word, closing: dict) -> None:
    heading = word.add_heading(level=1)
    for index, title in enumerate(closing["titles"]):
        add_text(heading, f"{' ' if index else ''}{title['text']}", title["lang"])
    for name in closing["names"]:
        add_text(word.add_paragraph(), name, bold=True)
    for address in closing["addresses"]:
        add_text(word.add_paragraph(), address)
    rows = [
        *((row["labels"], [str(value) for value in row["values"]]) for row in closing["rows"]),
        *([(closing["wechat_labels"], closing["wechat"])] if closing["wechat"] else []),
    ]
    for labels, values in rows:
        paragraph = word.add_paragraph()
        for label in labels:
            add_text(paragraph, f"{label['text']} ", label["lang"], bold=True)
        add_text(paragraph, ": " + ", ".join(str(value) for value in values), "en")
    if closing["wechat_qr"]:
        add_picture(word, closing["wechat_qr"], width=Cm(3))
    for code in closing["qr_codes"]:
        add_text(word.add_paragraph(), f"{code['label']}: {code['url']}", code["lang"])
    for about in closing["about"]:
        add_text(word.add_paragraph(), about, size=9.5)


def build_docx(content: dict, edition: str, *, draft: bool = False, version=None) -> bytes:
    """``edition`` of an edition's ``content`` as a Word document (see the docstring)."""
    context = document.build_context(content, edition, draft=draft, version=version)
    word = new_document()
    word.core_properties.title = context["title"]
    word.core_properties.author = context["author"]
    word.core_properties.keywords = ", ".join(context["keywords"])
    word.core_properties.language = word_language(context["lang"])
    masthead(word, context)
    for article in context["articles"]:
        add_article(word, article)
    add_closing(word, context["closing"])
    output = io.BytesIO()
    word.save(output)
    return output.getvalue()


def export_docx(bulletin, language: str) -> ExportedFile:
    """The Word document staff download from the admin: a published issue's edition, a
    draft's records as they are now (``export_source``), in ``language`` or both."""
    source = export_source(bulletin, language)
    content = build_docx(
        source.content,
        language,
        draft=source.draft,
        version=source.edition.version if source.edition else None,
    )
    return ExportedFile(content, source.file_name(language, suffix="docx"), draft=source.draft)
