"""A `.json` input: a record in the examples' shape (its `text` field, with `published`, `id`,
`source_url`, `publisher`), or a transcript's own JSON (turns, or whisper's segments)."""

from __future__ import annotations

import json
from dataclasses import replace

from summarizer.errors import InputError
from summarizer.readers import turns_json
from summarizer.readers.document import Document
from summarizer.readers.structure import InputFormat
from summarizer.readers.text import from_text, publication_day


def from_record(raw: str, *, source: str, name: str, forced: InputFormat | None = None) -> Document:
    """The record's text (its layout as `forced` says, else read from it), or a transcript's
    own JSON written out as turns."""
    try:
        record = json.loads(raw)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise InputError(
            f"{source}: JSON nested too deeply to read; a record is an object with a "
            '"text" string field'
        ) from None
    turns = turns_json.parse(raw) if forced in (None, InputFormat.TURNS_JSON) else None
    if turns is not None:  # a transcript's own JSON (whisper's "segments" beside its "text")
        text, found = turns_json.render(turns)
        return Document(text=text, source=source, name=name, layout=found)
    if not isinstance(record, dict) or not isinstance(record.get("text"), str):
        raise InputError(
            f'{source}: a JSON record needs a "text" string field (or, for a transcript, a '
            'list of turns with "speaker" and "text", or "segments")'
        )
    published = publication_day(record.get("published"), f'{source}: "published"')
    metadata = {
        key: str(record[key]) for key in ("id", "source_url", "publisher") if record.get(key)
    }
    document = from_text(record["text"], source=source, name=name, forced=forced)
    return replace(document, published=published, metadata=metadata)
