"""Turn each input format into plain text with paragraph breaks, plus what its metadata says.

HTML pages go through trafilatura (main-content detection, metadata); HTML fragments and
pages that trafilatura flattens go through a structural conversion with lxml. Markdown is
read with markdown-it-py, PDF text layers with pypdfium2.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pypdfium2 as pdfium
import trafilatura
from lxml import etree
from lxml import html as lxml_html
from markdown_it import MarkdownIt
from markdown_it.token import Token
from trafilatura.settings import Document as ExtractedPage

from communique.errors import InputError, UndecodableDocument


@dataclass(frozen=True)
class Converted:
    """A document as text, with what its own markup or metadata says about it."""

    text: str
    title: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None


# elements whose text a reader never reads as the article
_DROP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "iframe",
        "object",
        "embed",
        "svg",
        "canvas",
        "nav",
        "footer",
        "aside",
        "form",
        "button",
        "select",
        "input",
        "textarea",
        "figure",
        "figcaption",
        "picture",
        "video",
        "audio",
        "map",
    ]
)
# in an HTML page <head> holds metadata; in trafilatura's output it is a heading
_PAGE_DROP_TAGS = _DROP_TAGS | {"head"}
_BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tr",
        "blockquote",
        "pre",
        "address",
        "hr",
        "center",
        "details",
        "summary",
        # trafilatura's own markup of the main content
        "head",
        "list",
        "item",
        "quote",
        "row",
    ]
)
_LINE_BREAKS = frozenset({"br", "lb"})
# trafilatura drops <time> elements, and with them the date of a dateline
_TIME = re.compile(r"<time\b[^>]*>(.*?)</time>", re.IGNORECASE | re.DOTALL)
# id/class words of consent banners, share bars, breadcrumbs and language switchers
_DROP_ATTR = re.compile(
    r"cookie|consent|gdpr|share|sharing|social|breadcrumb|skip-?link|lang(uage)?-?(menu|switch|selector)|"
    r"newsletter|related|read-?also|lire-?aussi",
    re.I,
)
_FULL_PAGE = re.compile(r"<\s*(html|body|head)\b", re.I)
_SPACES = re.compile(r"[ \t\r\f\v\u00a0\u2000-\u200b\u202f\u205f\u3000]+")


def _has_drop_attr(element: etree._Element) -> bool:
    attrs = f"{element.get('id') or ''} {element.get('class') or ''} {element.get('role') or ''}"
    return bool(attrs.strip()) and bool(_DROP_ATTR.search(attrs))


def html_structure_to_text(markup: str) -> str:
    """Text of an HTML page or fragment, one block per paragraph."""
    try:
        root = (
            lxml_html.document_fromstring(markup)
            if _FULL_PAGE.search(markup)
            else lxml_html.fragment_fromstring(markup, create_parent="div")
        )
    except (etree.ParserError, ValueError):
        return ""
    return element_text(root, _PAGE_DROP_TAGS)


def element_text(root: etree._Element, drop: frozenset[str] = _DROP_TAGS) -> str:
    """Text of an element tree with paragraph breaks; walks the tree without recursion so
    that pathologically deep documents cannot exhaust the stack."""
    parts: list[str] = []
    skip_depth = 0
    for event, element in etree.iterwalk(root, events=("start", "end")):
        # comments and processing instructions carry no text of the page, only a tail
        tag = element.tag if isinstance(element.tag, str) else "comment"
        if event == "start":
            if skip_depth or tag in drop or tag == "comment" or _has_drop_attr(element):
                skip_depth += 1
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n\n")
            elif tag in _LINE_BREAKS:
                parts.append("\n")
            if element.text and tag not in _LINE_BREAKS:
                parts.append(element.text)
        else:
            if skip_depth:
                skip_depth -= 1
                if skip_depth == 0 and element.tail:
                    parts.append(element.tail)
                continue
            if tag in _BLOCK_TAGS:
                parts.append("\n\n")
            if element.tail and element is not root:
                parts.append(element.tail)
    return _normalise_blocks("".join(parts))


def _normalise_blocks(text: str) -> str:
    """Collapse spaces inside lines; a run of two or more line breaks is a paragraph."""
    lines = [_SPACES.sub(" ", line).strip() for line in text.split("\n")]
    out: list[str] = []
    blank = False
    for line in lines:
        if not line:
            blank = bool(out)
            continue
        if out:
            out.append("\n\n" if blank else "\n")
        out.append(line)
        blank = False
    return "".join(out)


def _iso_day(value: str | None) -> str | None:
    if value and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value[:10]):
        return value[:10]
    return None


def _html_lang(markup: str) -> str | None:
    match = re.search(r"<html\b[^>]*\blang\s*=\s*[\"']?([a-zA-Z]{2})\b", markup[:4096])
    return match.group(1).lower() if match else None


def convert_html(markup: str) -> Converted:
    """An HTML page (trafilatura) or fragment (structure) as text."""
    structural = html_structure_to_text(markup)
    if not _FULL_PAGE.search(markup):
        return Converted(text=structural)
    extracted = trafilatura.bare_extraction(
        _TIME.sub(r"\1", markup),
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        # only dates stated in the page's metadata: never a guess from its text
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    if not isinstance(extracted, ExtractedPage):
        return Converted(text=structural, language=_html_lang(markup))
    text = element_text(extracted.body) if extracted.body is not None else ""
    # on short pages trafilatura falls back to a flat extraction that loses paragraphs
    if text.count("\n") + 1 < max(1, structural.count("\n\n")) // 2 or len(text) < 0.5 * len(structural):
        text = structural
    return Converted(
        text=text,
        title=extracted.title or None,
        published=_iso_day(extracted.date),
        url=extracted.url or None,
        language=_html_lang(markup),
    )


_MARKDOWN = MarkdownIt("commonmark")
_TAG = re.compile(r"<[^>]+>")


def _inline_text(token: Token) -> str:
    parts: list[str] = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        elif child.type == "html_inline":
            continue  # <u>, <span>: formatting only
        elif child.type == "image":
            continue  # alt texts are captions
    return "".join(parts)


def convert_markdown(source: str) -> Converted:
    """Markdown (CommonMark, pandoc-style hard-wrapped lines) as text; the first heading is
    the title."""
    blocks: list[str] = []
    title: str | None = None
    heading = False
    for token in _MARKDOWN.parse(source):
        if token.type == "heading_open":
            heading = True
        elif token.type == "heading_close":
            heading = False
        elif token.type == "inline":
            text = _normalise_blocks(_inline_text(token))
            if text:
                if heading and title is None and not blocks:
                    title = text
                blocks.append(text)
        elif token.type in ("html_block",):
            text = html_structure_to_text(token.content)
            if text:
                blocks.append(text)
        elif token.type in ("fence", "code_block"):
            blocks.append(token.content.strip())
    return Converted(text="\n\n".join(b for b in blocks if b), title=title)


_HTML_BLOCK = re.compile(r"<(p|div|ul|ol|li|h[1-6]|table|section|article|html|body)\b[^>]*>", re.I)
_HTML_ANY = re.compile(r"<(p|br|div|span|a|ul|ol|li|h[1-6]|strong|em|b|i|table|section|article|html|body)\b[^>]*>", re.I)


def looks_like_html(text: str, blocks_only: bool = False) -> bool:
    """Whether ``text`` is HTML (any common tag), or has HTML block structure."""
    return bool((_HTML_BLOCK if blocks_only else _HTML_ANY).search(text[:20000]))


_MD_MARK = re.compile(
    r"^\s{0,3}(#{1,6}\s|[-*+]\s+\S|\d+\.\s+\S|>\s)|\*\*[^*\n]+\*\*|\[[^\]\n]+\]\([^)\s]+\)|^\s{0,3}(-{3,}|={3,})\s*$"
    r"|(?<![*\w])\*[A-Z][^*\n]{1,80}\*(?![*\w])",
    re.M,
)
# a link to a web address is markdown on its own: plain text never writes "[name](https://…)"
_MD_LINK = re.compile(r"\[[^\]\n]+\]\(https?://[^)\s]+\)")


def looks_like_markdown(text: str) -> bool:
    head = text[:20000]
    return len(_MD_MARK.findall(head)) >= 2 or bool(_MD_LINK.search(head))


def convert_pdf(data: bytes, source: str) -> Converted:
    """The text layer of a PDF, pages separated by paragraph breaks; hard-wrapped lines of a
    paragraph are joined."""
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        raise UndecodableDocument(f"not a readable PDF ({exc})", source=source) from None
    pages: list[str] = []
    try:
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            pages.append(textpage.get_text_range())
            textpage.close()
            page.close()
    finally:
        pdf.close()
    text = "\n\n".join(_unwrap_pdf_lines(p) for p in pages if p.strip())
    if not text.strip():
        raise InputError("PDF has no text layer (scanned image?)", source=source)
    return Converted(text=text)


def _unwrap_pdf_lines(page: str) -> str:
    lines = [line.strip() for line in page.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
    out: list[str] = []
    for line in lines:
        if not line:
            if out and out[-1] != "":
                out.append("")
            continue
        previous = out[-1] if out else ""
        if previous and (previous.endswith(("-", ",")) or line[:1].islower()):
            out[-1] = previous[:-1] + line if previous.endswith("-") and line[:1].islower() else previous + " " + line
        else:
            out.append(line)
    return _normalise_blocks("\n".join(line or "\n" for line in out))


_WRAP_MIN, _WRAP_MAX = 50, 100


def is_hard_wrapped(text: str) -> bool:
    """Text whose paragraphs were broken into lines of a fixed width (mail, pandoc)."""
    lengths = [len(line) for line in text.split("\n") if line.strip()]
    if len(lengths) < 4:
        return False
    lengths.sort()
    median = lengths[len(lengths) // 2]
    return _WRAP_MIN <= median <= 90 and lengths[int(len(lengths) * 0.95) - 1] <= _WRAP_MAX


def unwrap(text: str) -> str:
    """Join the lines of each paragraph of hard-wrapped text; blank lines stay breaks."""
    paragraphs = re.split(r"\n[ \t\u00a0]*\n", text.replace("\r\n", "\n"))
    return "\n\n".join(_SPACES.sub(" ", " ".join(p.split("\n"))).strip() for p in paragraphs if p.strip())
