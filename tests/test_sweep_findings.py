"""Inputs the sweep and the fuzz tests found raising or misplacing an offset, each read now; every
one is a small invented text of the shape that was found."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.documents import InputSpec, document_from_text, read_document
from summarizer.engines.extractive import extract
from summarizer.readers.structure import InputFormat
from tests.offsets import document_problems

TURNS = [
    {"speaker": "Ana Silva", "text": "Welcome to the harbour board. We start with fees."},
    {"speaker": "Jonas Berg", "text": "I don't accept the new fees."},
    {"speaker": "Ana Silva", "text": "Then we vote on the fees next week."},
]


def test_a_json_transcript_holding_a_lone_surrogate_is_read_and_summarized(
    tmp_path: Path,
) -> None:
    """A turn's "\\ud800" (in its words or its speaker) is read as U+FFFD, one character for
    one, as in a record's text: the document can be written out and is summarized."""
    turns = [*TURNS, {"speaker": "Ana \ud800Silva", "text": "Agreed \ud800 then."}]
    path = tmp_path / "board.json"
    path.write_text(json.dumps(turns))
    for document in (
        read_document(InputSpec(path=path, name="board")),
        document_from_text(path.read_text()),
    ):
        assert document.layout.format is InputFormat.TURNS_JSON
        assert "Agreed \ufffd then." in document.text
        assert document.layout.turns[-1].speaker == "Ana \ufffdSilva"
        assert document_problems(document) == []
        assert extract(document).participants
