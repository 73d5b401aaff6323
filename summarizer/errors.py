"""The one exception tree the library raises; every message names the thing at fault and the fix.

SummarizerError
├── ConfigError          a setting is missing or contradictory (flag, env var)
├── InputError           a document cannot be read or holds no text
│   └── GoldRecordError       gold records that do not fit the record shape (all of them)
├── OutputError          results cannot be written where asked
├── PromptError          a prompt template is missing or asks for an unknown variable
├── ProviderError        the model endpoint failed: auth, bad request, unreachable, retries spent
│   └── EmbeddedServerError   the embedded llama.cpp server did not start or died
│       └── ServerDiedError   it died during the run, and restarting it once did not help
├── BudgetExceeded       a run passed --max-tokens-per-doc or --max-cost and stopped
├── InvalidOutputError   the model's answers never validated against the schema
│   └── TruncatedOutputError  an answer stopped at max_tokens
├── ClosedError          a Summarizer was used after close()
└── InternalError        a bug in summarizer itself (or an exception a library should not
                         have raised): it fails the one document that triggered it
"""

from __future__ import annotations


class SummarizerError(Exception):
    """Base of every error the library raises on purpose."""


class ConfigError(SummarizerError):
    """A setting is missing, malformed or contradicts another."""


class InputError(SummarizerError):
    """A document cannot be read, decoded, or holds no text to summarize."""


class GoldRecordError(InputError):
    """Gold records that do not fit the record shape: `problems` holds one line per bad record
    (the file, the field and the fix), every one found, so all can be fixed at once."""

    def __init__(self, problems: list[str]) -> None:
        more = f" (and {len(problems) - 1} more bad records)" if len(problems) > 1 else ""
        super().__init__(problems[0] + more)
        self.problems = problems


class OutputError(SummarizerError):
    """A result file cannot be written (permissions, full disk, a name outside --out)."""


class PromptError(SummarizerError):
    """A prompt template is missing or refers to a variable nobody supplies."""


class ProviderError(SummarizerError):
    """The model endpoint failed in a way retrying did not (or must not) fix.

    `fatal` marks failures that no other document would escape (a refused key, an unknown model, an
    unreachable server): a batch stops at the first instead of repeating it for every document.
    """

    def __init__(self, message: str, *, fatal: bool = False) -> None:
        super().__init__(message)
        self.fatal = fatal


class EmbeddedServerError(ProviderError):
    """The embedded llama.cpp server could not be started or stopped answering."""

    def __init__(self, message: str) -> None:
        super().__init__(message, fatal=True)


class ServerDiedError(EmbeddedServerError):
    """The server this run started died under a request (a signal, a crash), and was restarted
    once already or could not be. Not fatal: each document may still fall back, and none is
    skipped for it."""

    def __init__(self, message: str) -> None:
        ProviderError.__init__(self, message, fatal=False)


class BudgetExceeded(SummarizerError):
    """A token or cost limit was passed; the run stopped and kept what was finished."""


class InvalidOutputError(SummarizerError):
    """The model kept answering with output that does not fit the schema.

    `tokens` is (prompt, completion) summed over the failed attempts: failures cost tokens too.
    `last_answer` is the text of the last attempt, for a caller that can use part of it."""

    def __init__(
        self, message: str, *, attempts: int, errors: list[str], tokens: tuple[int, int] = (0, 0)
    ) -> None:
        super().__init__(message)
        self.attempts = attempts
        self.errors = errors
        self.tokens = tokens
        self.last_answer: str | None = None


class TruncatedOutputError(InvalidOutputError):
    """The answer was cut at max_tokens; re-asking the same way would be cut again."""


class ClosedError(SummarizerError):
    """A Summarizer was used after `close()` (or after its `with` block): its engine, cache and
    event loop are gone, and quietly starting them again would run without the cache."""


class InternalError(SummarizerError):
    """Something summarizer itself got wrong; please report it.

    `where` names the module and function that raised it ("nlp/items.py:_cue_phrase"), and
    `details` holds the traceback, for the run ledger and `-v`; the original exception is the
    `__cause__`."""

    def __init__(self, message: str, *, where: str | None = None, details: str = "") -> None:
        super().__init__(message)
        self.where = where
        self.details = details
