"""An HTML page: its main text (trafilatura), dated by its metadata, else by --published, else
by the date the page's other dates suggest (said in a warning)."""

from __future__ import annotations

from dataclasses import replace

from summarizer.errors import InputError
from summarizer.readers.document import Document
from summarizer.readers.structure import InputFormat
from summarizer.readers.text import ISO_DAY, from_text


def from_html(
    html: str, *, source: str, name: str, published: str | None, forced: InputFormat | None = None
) -> Document:
    """The page's main text, dated by the publication date its metadata states; else by
    `published` (--published); else by the date htmldate guesses from the rest of the page
    (a date in its text, or a year alone read as 1 January), said in a warning."""
    text = _html_main_text(html, source)
    document = from_text(text, source=source, name=name, records=False, forced=forced)
    stated = _page_date(html, extensive=False)
    if stated is not None:
        return replace(document, published=stated)
    guess = None if published is not None else _page_date(html, extensive=True)
    if guess is None:
        return document
    warning = (
        f"the page's metadata gives no readable publication date; {guess}, guessed "
        "from the rest of the page, dates 'today' and 'on Monday' (give --published if wrong)"
    )
    return replace(document, published=guess, warnings=(warning,))


def _page_date(html: str, *, extensive: bool) -> str | None:
    """The page's publication date by trafilatura's metadata reader: from its metadata only, or
    `extensive`ly, from anything in it that looks like a date."""
    import trafilatura

    metadata = trafilatura.extract_metadata(html, extensive=extensive)
    date = getattr(metadata, "date", None) if metadata is not None else None
    return date if isinstance(date, str) and ISO_DAY.match(date) else None


def _html_main_text(html: str, source: str) -> str:
    import trafilatura  # imported late: lxml and friends cost ~0.3 s and only HTML needs them

    text = trafilatura.extract(
        html, include_comments=False, include_tables=False, favor_recall=True
    )
    if not text or not text.strip():
        cause = _html_parse_limit(html)
        if cause is not None:
            raise InputError(f"{source}: the HTML cannot be parsed ({cause}); save it as text")
        raise InputError(f"{source}: no main text found in this HTML; save the article as text")
    return str(text)


def _html_parse_limit(html: str) -> str | None:
    """libxml2's own reason when it gave up on a page (nesting past its depth limit, say), which
    trafilatura reports only as 'no text'."""
    from lxml import etree

    parser = etree.HTMLParser()
    etree.fromstring(html, parser)
    fatal = [entry for entry in parser.error_log if entry.level_name == "FATAL"]
    return fatal[0].message if fatal else None
