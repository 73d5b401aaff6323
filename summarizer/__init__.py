"""Source-grounded structured summaries of meeting documents.

>>> from summarizer import Summarizer
>>> with Summarizer() as summarizer:
...     summary = summarizer.summarize(text)

Retries, probes, fallbacks and a cache turned off are logged under the "summarizer" logger
(silent unless the application configures logging, as are the loggers of the libraries it calls).
"""

import logging

from summarizer._version import __version__
from summarizer.config import EndpointKind, EngineName, Settings, resolve
from summarizer.errors import (
    BudgetExceeded,
    ClosedError,
    ConfigError,
    EmbeddedServerError,
    InputError,
    InternalError,
    InvalidOutputError,
    OutputError,
    PromptError,
    ProviderError,
    SummarizerError,
    TruncatedOutputError,
)
from summarizer.models import (
    AgendaTopic,
    Evidence,
    Friction,
    MatchKind,
    Meeting,
    MeetingFormat,
    MeetingStatus,
    MeetingSummary,
    Outcome,
    Participant,
    Presence,
    Provenance,
)
from summarizer.pipeline import Summarizer, asummarize, summarize, summarize_file
from summarizer.readers import Document
from summarizer.reconcile import MeetingReport, Reconciliation
from summarizer.reconcile.models import ReconciledMeeting

# Our logger, and those of the libraries we call (instructor logs each failed attempt at ERROR):
# their records reach the handlers an application configures, and without any, Python's
# last-resort handler does not print them on stderr: the library never prints.
_QUIET = (__name__, "instructor", "openai", "httpx", "httpx2", "trafilatura", "htmldate", "courlan")
for _logger in _QUIET:
    logging.getLogger(_logger).addHandler(logging.NullHandler())

__all__ = [
    "AgendaTopic",
    "BudgetExceeded",
    "ClosedError",
    "ConfigError",
    "Document",
    "EmbeddedServerError",
    "EndpointKind",
    "EngineName",
    "Evidence",
    "Friction",
    "InputError",
    "InternalError",
    "InvalidOutputError",
    "MatchKind",
    "Meeting",
    "MeetingFormat",
    "MeetingReport",
    "MeetingStatus",
    "MeetingSummary",
    "Outcome",
    "OutputError",
    "Participant",
    "Presence",
    "PromptError",
    "Provenance",
    "ProviderError",
    "ReconciledMeeting",
    "Reconciliation",
    "Settings",
    "Summarizer",
    "SummarizerError",
    "TruncatedOutputError",
    "__version__",
    "asummarize",
    "resolve",
    "summarize",
    "summarize_file",
]
