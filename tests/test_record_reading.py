"""Reading a meeting's own record with the extractive engine: who attended and who was only named,
the title, the agenda's parts, who challenged whom, what was settled; the same in every layout.

The session is invented (`tests/records.py`); each case below is a kind of language a record
uses, never the words of a gold example."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.engines.extractive import extract
from summarizer.grounding import GroundedDraft
from summarizer.nlp.records.speakers import parse
from summarizer.readers import document_from_text
from tests import records

LAYOUTS = {
    "speaker text": records.speaker_text,
    "webvtt": records.webvtt,
    "srt": records.srt,
    "json turns": records.turns_json,
    "whisperx": records.whisperx_json,
}


def read(text: str) -> GroundedDraft:
    return extract(document_from_text(text))


@pytest.fixture(scope="module")
def session() -> GroundedDraft:
    return read(records.speaker_text())


def attending(draft: GroundedDraft) -> list[str]:
    return [p.name for p in draft.participants if p.presence == "attended"]


def test_every_speaker_attends_under_the_name_their_label_gives(session: GroundedDraft) -> None:
    """'Mara Quill MS' is Mara Quill, 'Dr Ines Harrow' is Ines Harrow; nobody else attends."""
    assert attending(session) == records.SPEAKERS


def test_apologies_and_people_referred_to_are_only_mentioned(session: GroundedDraft) -> None:
    """The member who sent apologies and the minister a witness quotes are mentioned."""
    mentioned = {p.name for p in session.participants if p.presence == "mentioned"}
    assert mentioned == {"Tobias Fenwick", "Alys Brook"}


def test_a_witness_gets_the_role_the_chair_welcomes_them_with(session: GroundedDraft) -> None:
    """'Owen Pell, chief executive of the Valley Bus Company' in the chair's welcome."""
    pell = next(p for p in session.participants if p.name == "Owen Pell")
    assert pell.role == "chief executive of the Valley Bus Company"
    assert pell.side == "witness"


def test_a_person_the_chair_welcomes_who_never_speaks_attends() -> None:
    """A witness welcomed with the others, silent the whole session, took part."""
    text = records.speaker_text().replace(
        "and Owen Pell, chief executive",
        "Sami Brandt, head of planning at Carrow council, and Owen Pell, chief executive",
    )
    assert "Sami Brandt" in attending(read(text))


def test_the_title_names_the_body_and_its_business(session: GroundedDraft) -> None:
    assert session.meeting.title == (
        "Rural Affairs Committee: evidence session on the future of rural bus services"
    )
    assert session.meeting.status == "held"


def test_the_parts_are_the_subjects_the_chair_announces(session: GroundedDraft) -> None:
    """Three announced subjects, three topics, each labelled as announced, each with the first
    and last turn it covers as evidence."""
    labels = [topic.label for topic in session.agenda_topics]
    assert labels == [
        "the future of rural bus services",
        "fares and concessionary passes",
        "electric buses and charging depots",
    ]
    fares = session.agenda_topics[1]
    assert "move on now to questions on fares" in fares.evidence[0].quote
    assert any(q.quote.startswith("I cannot commit to freezing fares") for q in fares.evidence)


def test_a_long_record_has_a_handful_of_topics_an_hour_not_one_a_question() -> None:
    """The session said eight times over (about 28,000 characters): a few parts, not dozens."""
    text = "\n\n".join([records.speaker_text().strip()] * 8) + "\n"
    topics = read(text).agenda_topics
    assert 3 <= len(topics) <= 12


def test_a_member_pressing_a_witness_is_a_friction_in_both_their_words(
    session: GroundedDraft,
) -> None:
    """'I don't accept that the fares are fair. With respect, isn't it the case ...' put to
    the bus company, answered by it: one friction, both sides quoted."""
    (friction,) = session.frictions
    assert friction.parties == ["Lena Dorsey", "Owen Pell"]
    assert "fares" in friction.issue
    assert "isn't it the case" in friction.positions[0].position
    assert friction.positions[1].party == "Owen Pell"


def test_questions_answered_without_dispute_are_no_friction() -> None:
    """The same session with the member's pushback taken out: nobody challenges anybody."""
    text = (
        records.speaker_text()
        .replace(
            "I don't accept that the fares are fair. With respect, isn't it the case that fares "
            "rose twice this year while the subsidy grew?",
            "How did fares change this year?",
        )
        .replace(
            "So passengers pay higher fares and the concessionary passes stop at nineteen. ", ""
        )
    )
    assert read(text).frictions == []


def test_undertakings_and_decisions_are_outcomes_with_their_owner(session: GroundedDraft) -> None:
    """ "I'll write to the committee with the figures ... by Friday" is Owen Pell's; the
    committee's agreement is a decision."""
    kinds = {(o.kind.value, o.description.split(":")[0]) for o in session.outcomes}
    assert ("commitment", "Owen Pell") in kinds
    assert any(o.kind.value == "agreement" for o in session.outcomes)


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_every_layout_of_the_record_reads_the_same(layout: str, session: GroundedDraft) -> None:
    """WebVTT, SRT, JSON turns and WhisperX segments give the plain text's people, title,
    topics and frictions, with every quote the words at its offsets."""
    text = LAYOUTS[layout]()
    document = document_from_text(text)
    draft = extract(document)
    assert attending(draft) == attending(session)
    assert draft.meeting.title == session.meeting.title
    assert [t.label for t in draft.agenda_topics] == [t.label for t in session.agenda_topics]
    assert [f.parties for f in draft.frictions] == [f.parties for f in session.frictions]
    for item in [*draft.participants, *draft.agenda_topics, *draft.frictions]:
        for quote in item.evidence:
            assert quote.start is not None
            assert quote.end is not None
            assert document.text[quote.start : quote.end] == quote.quote


@pytest.mark.parametrize(
    ("label", "name", "role", "party"),
    [
        ("Lynne Oakes AM", "Lynne Oakes", None, None),
        ("Mr. Dev Osei (Riverside—Eastmoor, CPC)", "Dev Osei", None, "CPC"),
        ("The Chair (Hon. Kim Tal (North Vale, Lib.))", "Kim Tal", "Chair", "Lib."),
        ("The Acting Chair (Mrs. Ana Ruiz)", "Ana Ruiz", "The Acting Chair", None),
        ("Hon. Ida Marr (Minister of Health)", "Ida Marr", "Minister of Health", None),
        ("Project Manager", None, "Project Manager", None),
        ("Grad B", None, "Grad B", None),
        ("Speaker 2", None, "Speaker 2", None),
        ("SPEAKER_01", None, "SPEAKER_01", None),
    ],
)
def test_speaker_labels(label: str, name: str | None, role: str | None, party: str | None) -> None:
    """A label's name without honorifics and member letters, its role and party; a label
    that is only a role names nobody."""
    speaker = parse(label)
    assert (speaker.name, speaker.role, speaker.party) == (name, role, party)


def test_a_role_label_the_record_names_is_that_person() -> None:
    """'The Chair (Hon. Kim Tal ...)' once, then 'The Chair': one person, Kim Tal."""
    text = (
        "The Chair (Hon. Kim Tal (North Vale, Lib.)): Order. We begin with ferries.\n\n"
        "Mr. Dev Osei (Riverside, CPC): Ferries are late every week. Why is that?\n\n"
        "The Chair: The minister may answer.\n\n"
        "Hon. Ida Marr (Minister of Transport): The ferries are old; new ones come soon.\n\n"
        "The Chair: Thank you.\n"
    )
    assert attending(read(text)) == ["Kim Tal", "Dev Osei", "Ida Marr"]


MINUTES = """Minutes of the meeting of the Harbour Board
Held on 12 May 2025 at the Pilot House, Westport

Present: Cllr Ana Ruiz (Chair), Cllr Jon Berg and Cllr Ida Marr
In attendance: Lia Kurt (Harbour Master)
Apologies: Cllr Dev Osei

1. Apologies for absence
Apologies were received from Cllr Osei.
2. Mooring fees
Cllr Marr objected to the rise in mooring fees for fishing boats.
3. Dredging the channel
Moved by Cllr Ruiz, seconded by Cllr Berg; carried 2-1. RESOLVED that dredging starts in June.
"""


def test_minutes_people_come_from_their_lists_and_topics_from_their_agenda() -> None:
    """Present and in attendance attend, with the role in brackets; apologies are mentioned;
    the numbered items but the procedural one are the topics; the motion is an outcome; the
    objection is a friction; the heading gives the title, date and place."""
    draft = read(MINUTES)
    people = {p.name: (p.presence.value, p.role) for p in draft.participants}
    assert people["Ana Ruiz"] == ("attended", "Chair")
    assert people["Lia Kurt"] == ("attended", "Harbour Master")
    assert people["Dev Osei"][0] == "mentioned"
    assert {p.name for p in draft.participants if p.presence == "attended"} == {
        "Ana Ruiz",
        "Jon Berg",
        "Ida Marr",
        "Lia Kurt",
    }
    assert [t.label for t in draft.agenda_topics] == ["Mooring fees", "Dredging the channel"]
    assert any("carried 2-1" in o.description for o in draft.outcomes)
    assert [f.issue for f in draft.frictions]
    assert draft.meeting.title == "meeting of the Harbour Board"
    assert draft.meeting.date == "2025-05-12"
    assert draft.meeting.location == "Pilot House"


def test_a_vtt_minutes_and_whisperx_file_each_work_with_no_flag(tmp_path: Path) -> None:
    """`summarize meeting.vtt minutes.txt whisperx.json`: each read by its own layout (the
    speakers attend, the minutes' list attends), exit 0."""
    from summarizer.cli import main

    (tmp_path / "meeting.vtt").write_text(records.webvtt())
    (tmp_path / "minutes.txt").write_text(MINUTES)
    (tmp_path / "whisperx.json").write_text(records.whisperx_json())
    out = tmp_path / "out"
    names = ["meeting.vtt", "minutes.txt", "whisperx.json"]
    assert main([str(tmp_path / name) for name in names] + ["-o", str(out)]) == 0
    for name in ("meeting", "whisperx"):
        summary = json.loads((out / f"{name}.json").read_text())
        attended = [p["name"] for p in summary["participants"] if p["presence"] == "attended"]
        assert attended == records.SPEAKERS
    minutes = json.loads((out / "minutes.json").read_text())
    assert "Lia Kurt" in [p["name"] for p in minutes["participants"]]
