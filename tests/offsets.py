"""What every reading keeps, whatever the text: each offset inside the text, each quote the
text's own characters there. The sweep (`bench/sweep.py`) and the fuzz tests check these.

Each check returns its problems as lines (none when all is well), so a sweep can report every
one and a test can assert there are none.
"""

from __future__ import annotations

import re

from summarizer.engines.extractive import extract, from_reading
from summarizer.grounding import GroundedDraft
from summarizer.models import sections
from summarizer.nlp.reading import Reading, read
from summarizer.numbered import NumberedText
from summarizer.readers import Document
from summarizer.readers.structure import Layout
from summarizer.support import judge

_SURROGATES = re.compile("[\ud800-\udfff]")


def span_problems(text: str, start: int, end: int, what: str) -> list[str]:
    if 0 <= start <= end <= len(text):
        return []
    return [f"{what}: [{start}:{end}] is outside the text of {len(text)} characters"]


def layout_problems(text: str, layout: Layout) -> list[str]:
    """Turns, their labels and listed entries inside the text; a label shows its speaker."""
    problems: list[str] = []
    for number, turn in enumerate(layout.turns):
        what = f"turn {number}"
        problems += span_problems(text, turn.start, turn.end, f"{what} words")
        if (turn.label_start is None) != (turn.label_end is None):
            problems.append(f"{what}: label offsets {turn.label_start}, {turn.label_end}")
        elif turn.label_start is not None and turn.label_end is not None:
            label = span_problems(text, turn.label_start, turn.label_end, f"{what} label")
            shown = text[turn.label_start : turn.label_end].strip()
            if not label and shown != turn.speaker:
                label.append(f"{what}: label {shown!r} is not its speaker {turn.speaker!r}")
            problems += label
    for entry in layout.listed:
        problems += span_problems(text, entry.start, entry.end, f"listed {entry.kind}")
    return problems


def draft_problems(text: str, draft: GroundedDraft) -> list[str]:
    """Every item's evidence inside the text, its quote the text's characters there."""
    problems: list[str] = []
    for section, items in sections(draft):
        for position, item in enumerate(items):
            for evidence in item.evidence:
                what = f"{section}[{position}] evidence"
                found = span_problems(text, evidence.start, evidence.end, what)
                if not found and text[evidence.start : evidence.end] != evidence.quote:
                    found.append(f"{what}: quote {evidence.quote[:60]!r} is not the text there")
                problems += found
    return problems


def numbered(reading: Reading) -> NumberedText:
    """The document's sentences as the assisted engine numbers them (engines/citing.py), all of
    them: a model's context cuts only how many are sent."""
    index = reading.index
    return NumberedText(index.source, [index.in_source(sentence) for sentence in index.doc.sents])


def numbered_problems(text: str, sentences: NumberedText) -> list[str]:
    """Sentences numbered from 1, each inside the text and quoting it, found by its offsets."""
    problems: list[str] = []
    for position, sentence in enumerate(sentences.sentences):
        what = f"sentence {sentence.number}"
        if sentence.number != position + 1:
            problems.append(f"{what}: numbered {sentence.number} in place {position + 1}")
        found = span_problems(text, sentence.start, sentence.end, what)
        if not found and text[sentence.start : sentence.end] != sentence.text:
            found.append(f"{what}: {sentence.text[:60]!r} is not the text there")
        if not found and sentences.containing(sentence.start) != sentence.number:
            found.append(f"{what}: its first character is found in another sentence")
        problems += found
    sentences.render()
    cited = sentences.evidence(range(1, len(sentences) + 1))
    for evidence in cited:
        if text[evidence.start : evidence.end] != evidence.quote:
            problems.append(f"evidence of [{evidence.start}:{evidence.end}] misquotes the text")
    return problems


def document_problems(document: Document) -> list[str]:
    """A document through the extractive engine and through what the assisted engine builds
    without a model (its reading, numbered sentences and the parser's items), checked."""
    text = document.text
    problems = [f"layout: {line}" for line in layout_problems(text, document.layout)]
    if not text.isascii() and _SURROGATES.search(text):
        problems.append("text: holds a lone surrogate, which no UTF-8 writer can encode")
    problems += [f"extractive: {line}" for line in draft_problems(text, extract(document))]
    problems += assisted_problems(document)
    return problems


def assisted_problems(document: Document) -> list[str]:
    """What the assisted engine reads before it asks a model: the prose reading of the text,
    its numbered sentences, and the parser's items it falls back on (engines/assisted.py)."""
    text = document.text
    reading = read(text, document.published)
    problems = [f"numbered: {line}" for line in numbered_problems(text, numbered(reading))]
    draft = judge(from_reading(reading))
    return problems + [f"assisted: {line}" for line in draft_problems(text, draft)]
