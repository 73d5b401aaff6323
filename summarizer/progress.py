"""Word of a long document's progress, part by part, for whoever is waiting on it.

An engine that reads a document in parts says so (`part(3, 7)`); the batch (or any caller)
that opened `reporting()` for that document hears it, with the document's source. A context
variable carries it, so concurrent documents never mix their reports, and nothing is said when
nobody listens. The library never prints: the CLI turns reports into its progress line.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# (source, part, parts): part `part` of `parts` is about to be read.
PartReport = Callable[[str, int, int], None]

_CURRENT: ContextVar[tuple[str, PartReport] | None] = ContextVar(
    "summarizer_progress", default=None
)


@contextmanager
def reporting(source: str, report: PartReport | None) -> Iterator[None]:
    """Send the parts read inside the block (in this task and those it awaits) to `report`."""
    token = _CURRENT.set((source, report) if report is not None else None)
    try:
        yield
    finally:
        _CURRENT.reset(token)


def part(number: int, parts: int) -> None:
    """Say that part `number` of `parts` of the document under way is being read."""
    listening = _CURRENT.get()
    if listening is not None:
        source, report = listening
        report(source, number, parts)
