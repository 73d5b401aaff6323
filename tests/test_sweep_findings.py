"""Inputs the sweep and the fuzz tests found raising or misplacing an offset, each read now; every
one is a small invented text of the shape that was found."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.engines.extractive import extract
from summarizer.errors import InputError
from summarizer.readers import InputSpec, detect, document_from_text, read_document
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


@pytest.mark.parametrize(
    "opening",
    ["WEBVTT adoption notes.\n", "1\n00:00:01,000 --> later\n"],
    ids=["webvtt", "srt"],
)
def test_a_text_that_only_opens_like_subtitles_is_read_as_prose(opening: str) -> None:
    """Content that starts as WebVTT or SRT does but is not: the guess was wrong, so the text
    is read as what it is, not refused (a .vtt or .srt suffix still refuses it)."""
    text = opening + "Minister Ana Silva met Minister Jonas Berg in Lisbon on Monday."
    document = document_from_text(text)
    assert document.layout.format is InputFormat.PROSE
    assert {p.name for p in extract(document).participants} == {"Ana Silva", "Jonas Berg"}
    suffix = ".vtt" if opening.startswith("WEBVTT") else ".srt"
    with pytest.raises(InputError, match=f"x{suffix}: not "):
        detect.layout(text, source=f"x{suffix}", suffix=suffix)


@pytest.mark.parametrize("text", ["Silva meets Berg", "Talks: Ana Silva meets Jonas Berg\n"])
def test_a_document_that_is_only_a_headline_naming_a_meeting_is_summarized(text: str) -> None:
    """No sentence ends, so the body is empty and the headline is the meeting's only words:
    the meeting is read from it (the lede was looked for in an empty body)."""
    document = document_from_text(text)
    draft = extract(document)
    assert draft.meeting.evidence[0].quote == text.strip()
    assert document_problems(document) == []
