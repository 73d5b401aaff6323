"""Readers of meeting records: each layout's turns (or lists), with every offset pointing into the
text as read, chosen by suffix and by content; prose stays prose."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer import InputError
from summarizer.readers import (
    InputSpec,
    detect,
    document_from_text,
    minutes,
    read_document,
    speaker_text,
    srt,
    turns_json,
    webvtt,
)
from summarizer.readers.structure import InputFormat, Turn
from tests import records


def words(text: str, turn: Turn) -> str:
    return text[turn.start : turn.end]


def label(text: str, turn: Turn) -> str:
    assert turn.label_start is not None
    assert turn.label_end is not None
    return text[turn.label_start : turn.label_end]


@pytest.mark.parametrize(
    ("text", "speakers"),
    [
        (
            "Ana Ruiz: Hello.\n\nJon Berg: Hi there.\n\nAna Ruiz: Shall we start?\n",
            ["Ana Ruiz", "Jon Berg", "Ana Ruiz"],
        ),
        (
            "ANA RUIZ: Hello.\nJON BERG: Hi there.\nANA RUIZ: Shall we start?\n",
            ["ANA RUIZ", "JON BERG", "ANA RUIZ"],
        ),
        (
            "Ana Ruiz (Chair): Hello.\nJon Berg (Treasurer): Hi.\nAna Ruiz (Chair): Begin.\n",
            ["Ana Ruiz (Chair)", "Jon Berg (Treasurer)", "Ana Ruiz (Chair)"],
        ),
        (
            "The Chair (Hon. Kim Tal (North Vale—Eastmoor, Lib.)): Hello.\n\n"
            "Mr. Dev Osei (Riverside, CPC): Thank you.\n\nThe Chair: Go ahead.\n",
            [
                "The Chair (Hon. Kim Tal (North Vale—Eastmoor, Lib.))",
                "Mr. Dev Osei (Riverside, CPC)",
                "The Chair",
            ],
        ),
        (
            "[00:01:05] Ana Ruiz: Hello.\n[00:01:09] Jon Berg: Hi.\n[00:01:12] Ana Ruiz: Go.\n",
            ["Ana Ruiz", "Jon Berg", "Ana Ruiz"],
        ),
        (
            "Ana Ruiz (00:01:05): Hello.\nJon Berg (00:01:09): Hi.\nAna Ruiz (00:01:12): Go.\n",
            ["Ana Ruiz", "Jon Berg", "Ana Ruiz"],
        ),
        (
            "Speaker 1: Hello.\nSpeaker 2: Hi.\nSpeaker 1: Shall we?\n",
            ["Speaker 1", "Speaker 2", "Speaker 1"],
        ),
    ],
)
def test_speaker_labelled_text_in_its_common_forms(text: str, speakers: list[str]) -> None:
    """Name:, NAME:, Name (Role):, Hansard tags with nested parentheses, times before or after
    the label: each turn's speaker, and its words at its offsets."""
    layout = speaker_text.read(text)
    assert layout is not None
    assert [turn.speaker for turn in layout.turns] == speakers
    assert [label(text, turn) for turn in layout.turns] == speakers
    assert words(text, layout.turns[0]) == "Hello."


def test_the_export_layout_with_the_name_and_time_above_the_words() -> None:
    """'Name  0:05' alone on its line, the words below (Otter, Zoom): turns with times."""
    text = (
        "Ana Ruiz  0:05\nGood morning, all.\n\n"
        "Jon Berg  0:12\nMorning.\nSecond line.\n\n"
        "Ana Ruiz  1:02:03\nLet's go.\n"
    )
    layout = speaker_text.read(text)
    assert layout is not None
    assert [turn.speaker for turn in layout.turns] == ["Ana Ruiz", "Jon Berg", "Ana Ruiz"]
    assert words(text, layout.turns[1]) == "Morning.\nSecond line."
    assert [turn.seconds for turn in layout.turns] == [5.0, 12.0, 3723.0]


@pytest.mark.parametrize(
    "text",
    [
        "Minister Ana Ruiz met Jon Berg.\nNote: the talks went well.\nThey will meet again.",
        # A list: nobody speaks twice.
        "Ana Ruiz: trade minister.\nJon Berg: finance minister.\nLia Kurt: envoy.\n",
        "The Chair: Welcome.\n"
        + "A long report follows about the meeting and what it decided. " * 30,
    ],
)
def test_prose_with_a_label_or_two_stays_prose(text: str) -> None:
    """A report quoting 'Note:', a list of 'Name: role' lines, a label over a long report."""
    assert speaker_text.read(text) is None
    assert document_from_text(text).layout.format is InputFormat.PROSE


def test_webvtt_voice_tags_prefixes_settings_and_notes() -> None:
    """webvtt-py reads the cues; each turn's speaker comes from its voice tag or its 'Name:'
    prefix, its words are the cue's own text (tags left out), NOTE blocks are no turns."""
    text = records.webvtt()
    layout = webvtt.read(text)
    assert layout is not None
    assert len(layout.turns) == len(records.TURNS)
    for turn, (speaker, said) in zip(layout.turns, records.TURNS, strict=True):
        assert turn.speaker == speaker
        assert words(text, turn) == said
        assert label(text, turn) == speaker
    assert layout.turns[1].seconds is not None
    assert layout.turns[1].seconds > 0


def test_srt_cues_with_speakers_and_times() -> None:
    """The srt library reads the cues; 'Name:' opens each; offsets point at the words."""
    text = records.srt()
    assert srt.looks_like(text)
    layout = srt.read(text)
    assert layout is not None
    assert [turn.speaker for turn in layout.turns] == [speaker for speaker, _ in records.TURNS]
    assert words(text, layout.turns[3]) == records.TURNS[3][1]
    assert layout.turns[0].seconds == 0.0


@pytest.mark.parametrize("raw", [records.turns_json(), records.whisperx_json()])
def test_json_transcripts_are_written_out_as_turns(raw: str) -> None:
    """A list of turns, or WhisperX segments (one speaker's consecutive segments one turn):
    the text is 'Speaker: words' blocks, and the turns' offsets point into it."""
    items = turns_json.parse(raw)
    assert items is not None
    text, layout = turns_json.render(items)
    assert text == records.speaker_text()
    assert [turn.speaker for turn in layout.turns] == [speaker for speaker, _ in records.TURNS]
    assert words(text, layout.turns[6]) == records.TURNS[6][1]
    assert layout.turns[2].seconds is not None


def test_a_whisper_file_without_speakers_is_read_as_unlabelled_turns(tmp_path: Path) -> None:
    """whisper's own JSON (its 'text' beside 'segments'): the segments, with times, no names."""
    path = tmp_path / "talk.json"
    segments = [
        {"start": 0.0, "end": 2.0, "text": " Good morning."},
        {"start": 2.0, "end": 4.0, "text": " Let us begin."},
    ]
    path.write_text(json.dumps({"text": "Good morning. Let us begin.", "segments": segments}))
    document = read_document(InputSpec(path=path, name="talk"))
    assert document.text == "Good morning.\n\nLet us begin.\n"
    assert [turn.speaker for turn in document.layout.turns] == [None, None]
    assert document.layout.turns[1].seconds == 2.0


def test_minutes_lists_and_agenda() -> None:
    """Present (inline, parentheses kept whole), apologies (one a line), absent, and numbered
    agenda items; 'Apologies were received from ...' in the body is no heading."""
    text = (
        "Minutes of the Finance Committee, 3 March 2024\n\n"
        "Present: Cllr A. Smith (Chair, Finance; Audit), Cllr B. Jones and Cllr C. Brown\n"
        "Apologies:\n- Cllr E. White\n- Cllr F. Black\n"
        "Absent: Cllr G. Grey\n\n"
        "1. Apologies for absence\nApologies were received from Cllr White.\n"
        "2. Budget 2024/25\nMoved by Cllr Smith, seconded by Cllr Jones; carried 5-2.\n"
    )
    layout = minutes.read(text)
    assert layout is not None
    listed = [(entry.kind, text[entry.start : entry.end]) for entry in layout.listed]
    assert listed == [
        ("present", "Cllr A. Smith (Chair, Finance; Audit)"),
        ("present", "Cllr B. Jones"),
        ("present", "Cllr C. Brown"),
        ("apologies", "Cllr E. White"),
        ("apologies", "Cllr F. Black"),
        ("absent", "Cllr G. Grey"),
        ("agenda", "Apologies for absence"),
        ("agenda", "Budget 2024/25"),
    ]


def test_a_text_without_a_list_of_who_was_there_is_no_minutes() -> None:
    """Numbered items alone (a report with a numbered list) are prose."""
    text = (
        "The talks covered:\n1. Trade and tariffs\n2. Fisheries quotas\nBoth sides agreed to meet."
    )
    assert minutes.read(text) is None


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (records.webvtt(), InputFormat.WEBVTT),
        (records.srt(), InputFormat.SRT),
        (records.turns_json(), InputFormat.TURNS_JSON),
        (records.speaker_text(), InputFormat.SPEAKER_TEXT),
        ("Minister Ana Ruiz met Jon Berg in Lisbon on Monday.", InputFormat.PROSE),
    ],
)
def test_the_layout_is_told_by_content_whatever_the_file_is_called(
    text: str, expected: InputFormat
) -> None:
    """A .txt or a library call's text that starts with WEBVTT is WebVTT, and so on."""
    _, layout = detect.layout(text, source="x.txt", suffix=".txt")
    assert layout.format is expected


def test_a_json_record_whose_text_is_webvtt_is_read_as_webvtt(tmp_path: Path) -> None:
    """The examples' record shape holding a meeting's own export in its text field."""
    path = tmp_path / "record.json"
    path.write_text(json.dumps({"id": "r", "text": records.webvtt()}))
    document = read_document(InputSpec(path=path, name="record"))
    assert document.layout.format is InputFormat.WEBVTT
    assert len(document.layout.turns) == len(records.TURNS)


def test_a_vtt_file_that_is_not_webvtt_is_one_line_naming_it() -> None:
    """The suffix says WebVTT, the content does not: an InputError with the fix."""
    with pytest.raises(InputError, match=r"notes\.vtt: not webvtt"):
        detect.layout("just some notes", source="notes.vtt", suffix=".vtt")


def test_input_format_says_the_layout_outright(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """--input-format prose reads a transcript as a report; --input-format webvtt on files
    that are not WebVTT is one line naming each, exit 1."""
    from summarizer.cli import main

    (tmp_path / "session.txt").write_text(records.speaker_text())
    (tmp_path / "notes.txt").write_text("Ana Ruiz met Jon Berg in Lisbon on Monday.")
    out = tmp_path / "out"
    assert main([str(tmp_path / "session.txt"), "-o", str(out), "--input-format", "prose"]) == 0
    assert json.loads((out / "session.json").read_text())["agenda_topics"] != []
    code = main([str(tmp_path), "-o", str(out), "--input-format", "webvtt", "--refresh"])
    assert code == 1
    assert "notes.txt: not webvtt" in capsys.readouterr().err


def test_the_library_takes_the_layout_from_its_settings() -> None:
    """Settings(input_format=...) decides for Summarizer.summarize as the flag does for the CLI."""
    from summarizer import Settings, Summarizer

    with Summarizer(Settings(engine="extractive", input_format="prose")) as summarizer:
        prose = summarizer.summarize(records.speaker_text())
    with Summarizer(Settings(engine="extractive")) as summarizer:
        record = summarizer.summarize(records.speaker_text())
    assert [t.label for t in record.agenda_topics] != [t.label for t in prose.agenda_topics]
    assert len(record.agenda_topics) == 3
