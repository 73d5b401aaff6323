"""The document index: one spaCy pass giving sentences, the body, people and their mentions.

Lines of page furniture (headline, "FOR IMMEDIATE RELEASE", a date stamp) are kept apart from the
body: a line break always ends a sentence, and only lines that read as prose count as body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from summarizer.nlp import load_pipeline
from summarizer.nlp.lists import IntroducedList, introduced_lists
from summarizer.nlp.people import Person, cluster, describe, find_mentions
from summarizer.nlp.visible import Visible

_PROSE_END = re.compile(r"[.!?\u201d\"\u2019')]\s*$")
_STAMP = re.compile(r"\s*\d{1,2}/\d{1,2}/\d{4}(\s+\d{1,2}:\d{2}\s*(AM|PM)?\s*\w{0,4})?\s*$")


@Language.component("newline_boundaries")
def newline_boundaries(doc: Doc) -> Doc:
    """A line break ends a sentence: headlines and datelines never run into the body."""
    for token in doc[1:]:
        if "\n" in doc[token.i - 1].text or "\n" in doc[token.i - 1].whitespace_:
            token.is_sent_start = True
    return doc


# Title abbreviations spaCy splits at the full stop, ending the sentence before the name:
# "the Rt Hon. Boris Johnson", "Amb. Kofi Osei", "Lt. Col. Ana Ruiz".
TITLE_ABBREVIATIONS = (
    "Hon.",
    "Rt.",
    "Amb.",
    "Lt.",
    "Col.",
    "Maj.",
    "Capt.",
    "Sec.",
    "Pres.",
    "Cllr.",
    "Supt.",
    "Sgt.",
    "Insp.",
    "Cmdr.",
    "Brig.",
    "Fr.",
    "Dep.",
    "Min.",
    "Gov't.",
)


@cache
def _pipeline() -> Language:
    nlp = load_pipeline()
    tokenizer: Any = nlp.tokenizer  # a Cython class without type information
    for abbreviation in TITLE_ABBREVIATIONS:
        tokenizer.add_special_case(abbreviation, [{"ORTH": abbreviation}])
    if "newline_boundaries" not in nlp.pipe_names:
        nlp.add_pipe("newline_boundaries", before="parser")
    return nlp


def parser() -> Language:
    """The pipeline every reading uses (title abbreviations kept whole, line breaks ending
    sentences), loaded once per process."""
    return _pipeline()


@dataclass
class DocumentIndex:
    """What one parse found. `text` is what the parser read: the source without its format
    characters (nlp/visible.py); `in_source` says where a span's words are in the source."""

    visible: Visible
    doc: Doc
    headline: str | None
    body: list[Span]
    people: list[Person]
    lists: list[IntroducedList]

    @property
    def text(self) -> str:
        return self.visible.text

    @property
    def source(self) -> str:
        return self.visible.source

    def in_source(self, span: Span) -> tuple[int, int]:
        """The source offsets of a span's words, the whitespace around them left out."""
        words = span.text
        start = span.start_char + len(words) - len(words.lstrip())
        return self.visible.source_span(start, span.start_char + len(words.rstrip()))

    def surnames(self, people: list[Person]) -> list[str]:
        """Display surnames: the last name word, suffixes (Jr., III) and initials left out."""
        return [person.surname for person in people]


def build_index(source: str) -> DocumentIndex:
    """One parse of what a reader of `source` sees (its format characters left out)."""
    visible = Visible.of(source)
    text = visible.text
    doc = _pipeline()(text)
    mentions = find_mentions(doc)
    named = {i for mention in mentions for i in range(mention.start, mention.end)}
    people = cluster(mentions)
    for person in people:
        describe(person, doc, named)
    # spaCy rebuilds Doc.text from its tokens on every access: read it once, not per sentence.
    body = [s for s in doc.sents if _is_prose(s, text) and s.text.strip()]
    return DocumentIndex(
        visible=visible,
        doc=doc,
        headline=_headline(text),
        body=body,
        people=people,
        lists=introduced_lists(doc),
    )


def _is_prose(sentence: Span, text: str) -> bool:
    # A sentence's span carries the line breaks after it: measure the line from its last word,
    # or the line looked at is the next one.
    last = sentence.start_char + len(sentence.text.rstrip())
    line_start = text.rfind("\n", 0, sentence.start_char) + 1
    line_end = text.find("\n", last)
    line = text[line_start : line_end if line_end >= 0 else None].strip()
    if line.endswith(":"):
        return False
    return bool(_PROSE_END.search(line)) or len(line) > 160


def _headline(text: str) -> str | None:
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if _PROSE_END.search(stripped) or len(stripped) > 250:
            return None
        return _STAMP.sub("", _CREDIT.sub("", stripped)).strip() or None
    return None


# What follows a bar in a title line is a site's name or a picture credit: "... | Photo: staff".
_CREDIT = re.compile(r"\s+\|\s+.*$")
