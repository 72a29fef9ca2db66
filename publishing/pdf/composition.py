"""Page composition: lay an edition out, look at its pages, and lay it out again where a
print designer would have changed something.

CSS says most of it (bulletin.css): pictures and closing blocks are never split, the
closing blocks stay with the end of the last article, headings stay with what follows,
two lines at least at the foot and head of a page. What CSS cannot say is decided here,
from the pages of a first layout, and applied as ``document.Adjustments``:

- **A picture that leaves a hole.** A picture that does not fit the rest of a page goes to
  the next one and leaves the rest blank. If the hole holds the picture at a readable
  size (``document.FIGURE_MIN_HEIGHT``), the picture is scaled to it; otherwise the text
  that follows the picture in its article flows past it and fills the hole, and the
  picture heads a later page.
- **A word hyphenated across pages.** Its paragraph is set again without hyphenation.
- **A last page with a few lines.** The issue is set a little tighter (less space between
  paragraphs) when that brings those lines back.

At most ``MAX_PASSES`` layouts; an issue that needs none of this (both seeds in most
editions) is laid out once.
"""

from dataclasses import replace

from publishing.pdf import document, render

MAX_PASSES = 4
PX_PER_MM = 96 / 25.4
HOLE_MM = 25  # blank space at the foot of a page that counts as a hole
SHORT_LAST_PAGE = 0.15  # a last page filled less than this is worth pulling back
HYPHENS = ("\u2010", "-", "\u00ad")


def compose(
    content: dict, edition: str, *, draft: bool = False, version=None, archival: bool = False
) -> render.RenderedPDF:
    """The PDF of ``edition`` of an edition's ``content``, composed (see the docstring)."""

    def laid_out_with(adjustments):
        html = document.build_html(
            content, edition, draft=draft, version=version, adjustments=adjustments
        )
        return render.layout(html)

    adjustments, may_tighten = document.Adjustments(), True
    with render.lock:  # WeasyPrint's font configuration is not meant for two threads at once
        laid_out = laid_out_with(adjustments)
        for _attempt in range(MAX_PASSES - 1):
            better = improve(laid_out, adjustments, may_tighten=may_tighten)
            if better is None:
                break
            candidate = laid_out_with(better)
            if better.tight and not adjustments.tight:
                may_tighten = False  # tried once: kept only if it saves a page
                if len(candidate.pages) >= len(laid_out.pages):
                    better = replace(better, tight=False)
                    if better == adjustments:
                        break
                    candidate = laid_out_with(better)
            laid_out, adjustments = candidate, better
        return render.write(laid_out, archival=archival)


class Page:
    """What composition needs of a laid-out page: its content area, its boxes."""

    def __init__(self, page):
        page_box = page._page_box
        self.top = page_box.content_box_y()
        self.bottom = self.top + page_box.height
        roots = [child for child in page_box.children if child.element_tag == "html"]
        self.boxes = [box for root in roots for box in root.descendants()]

    def drawn(self):
        """Lines and pictures: what takes room on the page."""
        return [
            box
            for box in self.boxes
            if type(box).__name__ in ("LineBox", "BlockReplacedBox", "InlineReplacedBox")
        ]

    def content_bottom(self) -> float:
        drawn = self.drawn()
        return max((box.position_y + box.margin_height() for box in drawn), default=self.top)

    def first_drawn_top(self) -> float:
        drawn = self.drawn()
        return min((box.position_y for box in drawn), default=self.bottom)

    def filled(self) -> float:
        return (self.content_bottom() - self.top) / (self.bottom - self.top)

    def elements(self) -> set:
        return {id(box.element) for box in self.boxes if box.element is not None}


def classes(box) -> list[str]:
    return (box.element.get("class") or "").split() if box.element is not None else []


def improve(
    laid_out, adjustments: document.Adjustments, *, may_tighten: bool = True
) -> document.Adjustments | None:
    """Better adjustments for ``laid_out``, or None when its pages need nothing more."""
    pages = [Page(page) for page in laid_out.pages]
    better = replace(
        adjustments,
        figure_heights=dict(adjustments.figure_heights),
        figures_moved=dict(adjustments.figures_moved),
        unhyphenated=set(adjustments.unhyphenated),
    )
    for previous, page in zip(pages, pages[1:], strict=False):
        fill_hole_before_figure(previous, page, better)
        unhyphenate_page_end(previous, page, better)
    if may_tighten and len(pages) > 1 and pages[-1].filled() < SHORT_LAST_PAGE:
        better.tight = True
    return None if better == adjustments else better


def fill_hole_before_figure(previous: Page, page: Page, adjustments) -> None:
    """A picture heading ``page`` after a hole at the foot of ``previous``: scaled into the
    hole when it stays readable there, else moved past the text that follows it."""
    hole = (previous.bottom - previous.content_bottom()) / PX_PER_MM
    if hole < HOLE_MM:
        return
    figures = [box for box in page.boxes if "figure" in classes(box)]
    if not figures:
        return
    figure = min(figures, key=lambda box: box.position_y)
    if figure.position_y > page.first_drawn_top() + 1:
        return  # something else heads the page
    name = figure.element.get("id")
    images = [
        box
        for box in figure.descendants()
        if type(box).__name__ in ("BlockReplacedBox", "InlineReplacedBox")
    ]
    if not name or not images:
        return
    image_height = images[0].height / PX_PER_MM
    around = figure.margin_height() / PX_PER_MM - image_height  # caption and margins
    room = hole - around - 2  # a little slack against rounding
    if room >= document.FIGURE_MIN_HEIGHT and room < image_height:
        adjustments.figure_heights[name] = room
    else:
        adjustments.figures_moved[name] = adjustments.figures_moved.get(name, 0) + 1


def unhyphenate_page_end(previous: Page, page: Page, adjustments) -> None:
    """The last line of ``previous`` ends with a hyphen and its paragraph goes on."""
    lines = [box for box in previous.drawn() if type(box).__name__ == "LineBox"]
    if not lines:
        return
    last = max(lines, key=lambda box: box.position_y)
    texts = [box for box in last.descendants() if type(box).__name__ == "TextBox"]
    if not texts or not texts[-1].text.rstrip().endswith(HYPHENS):
        return
    paragraph = next((box for box in previous.boxes if last in getattr(box, "children", ())), None)
    element = paragraph.element if paragraph is not None else None
    if element is None or id(element) not in page.elements():
        return  # a hyphen the text has, at the end of its paragraph
    if element.get("id"):
        adjustments.unhyphenated.add(element.get("id"))
