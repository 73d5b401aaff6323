"""Text as a reader sees it: format characters are invisible, to the parser too.

Zero-width spaces and joiners, soft hyphens, bidirectional controls and the like (Unicode
category Cf) change nothing on the screen, but spaCy reads "Anna" + U+200B as a word that is not
a name, and U+2067 + "Anna" as no capitalized word at all. The parser reads the text without them;
what it finds is mapped back to the source, so offsets point into the source and evidence
quotes are the source's exact words, format characters included.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def invisible(char: str) -> bool:
    """A format character: it shapes how text is shown, it is not text."""
    return unicodedata.category(char) == "Cf"


@dataclass(frozen=True, slots=True)
class Visible:
    """A source text and what of it is visible, with where each visible character came from."""

    source: str
    text: str
    # The source offset of each character of `text`, then len(source); empty when they are equal.
    _origins: tuple[int, ...] = ()

    @classmethod
    def of(cls, source: str) -> Visible:
        if source.isascii():  # no format character is ASCII
            return cls(source, source)
        origins = [at for at, char in enumerate(source) if not invisible(char)]
        if len(origins) == len(source):
            return cls(source, source)
        text = "".join(source[at] for at in origins)
        return cls(source, text, (*origins, len(source)))

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Where the visible characters [start, end) are in the source: from the first to just
        after the last, so format characters between them are kept and those around are not."""
        if not self._origins:
            return start, end
        if end <= start:
            return self._origins[start], self._origins[start]
        return self._origins[start], self._origins[end - 1] + 1
