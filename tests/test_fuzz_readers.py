"""Every input reader on texts built to trip it (tests/fuzz.py): none raises, and every turn, label
and listed entry it finds lies inside the text it was given."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.readers import (
    InputSpec,
    detect,
    minutes,
    read_document,
    speaker_text,
    srt,
    turns_json,
    webvtt,
)
from summarizer.readers.structure import InputFormat
from tests.fuzz import examples, json_transcripts, records_as, texts
from tests.offsets import layout_problems

# Each reader, and the texts it meets most: its own layout (whole or cut) as often as anything.
READERS = {
    "speaker_text": (speaker_text.read, records_as("speaker text")),
    "webvtt": (webvtt.read, records_as("webvtt", "webvtt with labels")),
    "srt": (srt.read, records_as("srt")),
    "minutes": (minutes.read, texts),
}
# What a file of each suffix holds: mostly its own layout.
FILES = {
    ".txt": st.one_of(texts, records_as("speaker text")),
    ".md": texts,
    ".vtt": records_as("webvtt", "webvtt with labels"),
    ".srt": records_as("srt"),
    ".json": st.one_of(json_transcripts, records_as("turns json", "whisperx json")),
    ".html": texts.map(lambda text: f"<html><body><article><p>{text}</p></article></body></html>"),
}


@pytest.mark.parametrize("name", READERS)
@settings(max_examples=examples(4))
@given(data=st.data())
def test_a_reader_finds_turns_and_lists_only_inside_the_text(
    name: str, data: st.DataObject
) -> None:
    """speaker_text, webvtt, srt and minutes: None or a layout whose offsets are the text's."""
    read, made = READERS[name]
    text = data.draw(st.one_of(made, texts), label="text")
    layout = read(text)
    if layout is not None:
        assert layout_problems(text, layout) == []


@settings(max_examples=examples(4))
@given(raw=json_transcripts)
def test_a_json_transcript_is_written_out_with_turns_inside_its_text(raw: str) -> None:
    """Any JSON (or none): not a transcript, or one whose turns point into its rendered text."""
    items = turns_json.parse(raw)
    if items is not None:
        text, layout = turns_json.render(items)
        assert layout_problems(text, layout) == []


@settings(max_examples=examples(4))
@given(
    text=st.one_of(texts, json_transcripts),
    suffix=st.sampled_from(["", ".txt", ".md", ".vtt", ".srt", ".VTT"]),
    forced=st.none() | st.sampled_from(InputFormat),
)
def test_the_detector_reads_any_text_or_says_it_is_not_the_format_named(
    text: str, suffix: str, forced: InputFormat | None
) -> None:
    """Detection never raises; a subtitle suffix or --input-format may refuse, in one line."""
    try:
        read, layout = detect.layout(text, source="in.txt", suffix=suffix, forced=forced)
    except InputError as error:
        refused = str(error)
    else:
        assert layout_problems(read, layout) == []
        return
    assert forced is not None or suffix.lower() in (".vtt", ".srt"), refused
    assert "\n" not in refused


@settings(max_examples=examples(4))
@given(text=texts, start=st.integers(0, 400), length=st.integers(0, 400))
def test_a_cue_label_is_found_only_inside_the_cue(text: str, start: int, length: int) -> None:
    """leading_label's offsets lie between the start and end it is given."""
    end = min(len(text), start + length)
    found = speaker_text.leading_label(text, start, end)
    if found is not None:
        label_start, label_end, words = found
        assert start <= label_start <= label_end <= words <= end


def _written(text: str, how: str) -> bytes:
    """The text as a file holds it: UTF-8 (lone surrogates as the bytes a careless writer
    leaves), UTF-16, or inside a JSON record."""
    if how == "utf-16":
        return text.encode("utf-16", "surrogatepass")
    if how == "record":
        return json.dumps({"text": text, "published": "2024-03-05"}).encode()
    return text.encode("utf-8", "surrogatepass")


@pytest.mark.parametrize("suffix", FILES)
@settings(max_examples=examples(0.5))
@given(data=st.data(), how=st.sampled_from(["utf-8", "utf-8", "utf-16", "record"]))
def test_any_file_is_read_or_refused_in_one_line(
    suffix: str, data: st.DataObject, how: str
) -> None:
    """read_document on a file of any of these: an InputError, or a document whose text can be
    written as UTF-8 and whose turns and lists point into it."""
    text = data.draw(st.one_of(FILES[suffix], texts), label="text")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, f"in{suffix}")
        path.write_bytes(_written(text, how))
        try:
            document = read_document(InputSpec(path=path, name="in"))
        except InputError as error:
            refused = str(error)
        else:
            refused = None
    if refused is not None:
        assert "\n" not in refused
        return
    document.text.encode("utf-8")
    assert document.sha256
    assert layout_problems(document.text, document.layout) == []
    for turn in document.layout.turns:
        (turn.speaker or "").encode("utf-8")
