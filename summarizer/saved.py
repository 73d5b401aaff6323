"""Summaries saved to disk (by `summarize` or `eval --save`), read back by `summarize report`
and `eval --predictions`: regular files only, size-capped, and of a schema this version reads.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from summarizer.errors import InputError
from summarizer.models import MeetingSummary
from summarizer.readers import read_regular
from summarizer.validation import described

# Far above any summary of an ordinary run (16,000 items take 3.5 MB); a larger file is not
# one, and reading it whole could fill memory.
SAVED_MAX_BYTES = 16 * 1024 * 1024


def read_summary(path: Path) -> MeetingSummary | None:
    """The summary saved in `path`; None for JSON that does not claim to be one (no
    `schema_version`: an eval figure file, say). Raises InputError, naming the file and why,
    for a file that cannot be read or a summary that cannot be used."""
    raw = read_regular(
        path,
        max_bytes=SAVED_MAX_BYTES,
        too_large="more than any summary this tool writes; is it one?",
    )
    try:
        return MeetingSummary.model_validate_json(raw)
    except ValidationError as error:
        if not _claims_to_be_a_summary(raw):
            return None
        problems = described(error.errors(include_url=False), listed=1)
        raise InputError(f"{path}: not a usable summary ({problems})") from None


def _claims_to_be_a_summary(raw: bytes) -> bool:
    try:
        data = json.loads(raw)
    except (ValueError, RecursionError):
        return True  # a broken file named *.json beside summaries: say so
    return isinstance(data, dict) and "schema_version" in data
