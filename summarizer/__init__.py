"""Source-grounded structured summaries of meeting documents.

>>> from summarizer import Summarizer
>>> with Summarizer() as summarizer:
...     summary = summarizer.summarize(text)

Retries, probes, fallbacks and a cache turned off are logged under the "summarizer" logger
(silent unless the application configures logging).
"""

import logging

from summarizer._version import __version__
from summarizer.config import EndpointKind, EngineName, Settings, resolve
from summarizer.documents import Document
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

logging.getLogger(__name__).addHandler(logging.NullHandler())

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
    "MeetingStatus",
    "MeetingSummary",
    "Outcome",
    "OutputError",
    "Participant",
    "Presence",
    "PromptError",
    "Provenance",
    "ProviderError",
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
