"""A document as numbered sentences: what a model cites, and how a citation becomes evidence.

A model that cites sentence numbers cannot misquote: the code turns each number into the exact
span of the source, so an item's evidence is grounded by construction, and only a number that
does not exist can be wrong.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from summarizer.models import Evidence, MatchKind


@dataclass(frozen=True, slots=True)
class Sentence:
    number: int
    start: int
    end: int
    text: str  # the source's own characters, start:end


class NumberedText:
    """Sentences of one text, numbered from 1, each with its offsets into the text."""

    def __init__(self, text: str, spans: Iterable[tuple[int, int]]) -> None:
        self.text = text
        self.sentences: list[Sentence] = []
        for start, end in spans:
            piece = text[start:end]
            stripped = piece.strip()
            if not stripped:
                continue
            begin = start + len(piece) - len(piece.lstrip())
            number = len(self.sentences) + 1
            self.sentences.append(Sentence(number, begin, begin + len(stripped), stripped))

    def __len__(self) -> int:
        return len(self.sentences)

    def render(self) -> str:
        """'[n] sentence' lines, each sentence's inner whitespace collapsed."""
        return "\n".join(f"[{s.number}] {' '.join(s.text.split())}" for s in self.sentences)

    def unknown(self, numbers: Iterable[int]) -> list[int]:
        """The cited numbers that name no sentence."""
        return [n for n in numbers if not 1 <= n <= len(self.sentences)]

    def repaired(self, cited: list[int], supports: Callable[[list[str]], bool]) -> list[int]:
        """The citation, or, when its sentences do not support the item but a neighbour of one
        does, that neighbour: small models often cite one sentence off."""
        if supports(self.texts(cited)):
            return cited
        for number in cited:
            for near in (number - 1, number + 1):
                if 1 <= near <= len(self.sentences) and supports(self.texts([near])):
                    return [near]
        return cited

    def texts(self, numbers: Iterable[int]) -> list[str]:
        return [self.sentences[n - 1].text for n in numbers if 1 <= n <= len(self.sentences)]

    def evidence(self, numbers: Sequence[int]) -> list[Evidence]:
        """Each cited sentence (once, in the order cited) as an exact quote with its offsets."""
        chosen = dict.fromkeys(n for n in numbers if 1 <= n <= len(self.sentences))
        return [
            Evidence(
                quote=sentence.text,
                start=sentence.start,
                end=sentence.end,
                match=MatchKind.EXACT,
                score=100,
            )
            for sentence in (self.sentences[n - 1] for n in chosen)
        ]

    def containing(self, offset: int) -> int | None:
        """The number of the sentence that holds a character offset."""
        for sentence in self.sentences:
            if sentence.start <= offset < sentence.end:
                return sentence.number
        return None
