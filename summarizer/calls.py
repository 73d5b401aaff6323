"""Every HTTP request made to a model for one document, for the run ledger.

The transport sees every request, retried ones included; the client knows what each was for and
how its answer fared (validated, invalid, cut off). Both write to the log that `recording()` opens
for the document under way: a context variable, so concurrent documents never mix their calls.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field


@dataclass(slots=True)
class ModelCall:
    """One request: `purpose` is answer, re-ask (after an invalid answer) or grounding re-ask;
    `outcome` is ok, invalid, truncated, retried (a 429/5xx/cut connection waited out) or
    failed."""

    purpose: str
    part: int | None
    status: str
    outcome: str
    seconds: float
    prompt_tokens: int = 0
    completion_tokens: int = 0
    error: str | None = None


@dataclass(slots=True)
class CallLog:
    calls: list[ModelCall] = field(default_factory=list)
    purpose: str = "answer"
    part: int | None = None

    def add(self, *, status: str, outcome: str, seconds: float) -> None:
        self.calls.append(ModelCall(self.purpose, self.part, status, outcome, round(seconds, 4)))

    def last(self) -> ModelCall | None:
        return self.calls[-1] if self.calls else None


_CURRENT: ContextVar[CallLog | None] = ContextVar("summarizer_call_log", default=None)


def current() -> CallLog | None:
    """The log of the document under way in this task, if anyone is recording."""
    return _CURRENT.get()


@contextmanager
def recording() -> Iterator[CallLog]:
    """Collect the model calls made inside the block (in this task and the ones it awaits)."""
    log = CallLog()
    token = _CURRENT.set(log)
    try:
        yield log
    finally:
        _CURRENT.reset(token)
