"""Extraction rules of the offline engine, pinned on small sentences written for the test."""

from __future__ import annotations

import unicodedata

import pytest

from summarizer import summarize
from summarizer.engines.extractive import extract
from summarizer.grounding import GroundedDraft
from summarizer.nlp.index import build_index
from summarizer.readers import Document


def _read(text: str, published: str | None = None) -> GroundedDraft:
    return extract(Document(text=text, source="t.txt", name="t", published=published))


def _presence(draft: GroundedDraft) -> dict[str, str]:
    return {p.name: p.presence.value for p in draft.participants}


def test_a_phone_call_is_held_by_phone_and_dated_from_the_publication_date() -> None:
    """'spoke today with' is a call; 'today' is the publication date; nobody is 'in' a place."""
    draft = _read(
        "Secretary of State Jane Doe spoke today with Indian Foreign Minister Ravi Kumar. "
        "They discussed maritime security.",
        published="2024-03-01",
    )
    meeting = draft.meeting
    assert (meeting.status.value, meeting.format.value) == ("held", "phone")
    assert (meeting.date_text, meeting.date, meeting.location) == ("today", "2024-03-01", None)
    assert _presence(draft) == {"Jane Doe": "attended", "Ravi Kumar": "attended"}


def test_a_meeting_announced_for_later_is_scheduled_with_its_place_and_date() -> None:
    """'will host ... in Oslo on May 14, 2025' is scheduled, in person, in Oslo, on that day."""
    draft = _read(
        "Prime Minister Anna Berg will host President Tomas Novak in Oslo on May 14, 2025."
    )
    meeting = draft.meeting
    assert (meeting.status.value, meeting.format.value) == ("scheduled", "in_person")
    assert (meeting.location, meeting.date) == ("Oslo", "2025-05-14")
    assert set(_presence(draft).values()) == {"attended"}


def test_an_unanchored_weekday_keeps_its_words_but_no_iso_date() -> None:
    """'on Thursday' with no publication date: the phrase is kept, the ISO date is null."""
    draft = _read(
        "Finance Minister Omar Haddad will meet Governor Lena Fischer in Berlin on Thursday."
    )
    assert draft.meeting.date is None
    assert draft.meeting.date_text == "Thursday"


def test_people_in_another_meeting_and_quoted_analysts_are_only_mentioned() -> None:
    """A meeting 'last week' is another event; an analyst's comment is not attendance."""
    draft = _read(
        "Defense Secretary Paul Stone met with Defense Minister Aiko Tanaka in Tokyo on Monday. "
        "Last week, General Mark Reed met with Admiral Chen Wei in Manila. "
        "Sara Holm, a researcher at the Nordic Institute, said the talks were overdue."
    )
    assert _presence(draft) == {
        "Paul Stone": "attended",
        "Aiko Tanaka": "attended",
        "Mark Reed": "mentioned",
        "Chen Wei": "mentioned",
        "Sara Holm": "mentioned",
    }


def test_a_name_split_from_its_title_by_a_comma_keeps_the_title_as_role() -> None:
    """'Lena Fischer, deputy governor of the central bank' gives the role after the comma."""
    draft = _read(
        "The two delegations will meet in Geneva. The German team will be led by Lena Fischer, "
        "deputy governor of the central bank."
    )
    (person,) = draft.participants
    assert person.presence.value == "attended"
    assert person.role == "deputy governor of the central bank"


def test_a_friction_stated_by_one_side_names_that_side_only_in_its_positions() -> None:
    """A concern raised by one side is a friction with that side's position alone."""
    draft = _read(
        "Secretary of Commerce Jane Doe met with Indian Commerce Minister Ravi Kumar in Delhi. "
        "Minister Kumar raised concerns about new U.S. export controls on semiconductors."
    )
    (friction,) = draft.frictions
    assert friction.kind.value == "disapprove"
    assert "export controls" in friction.issue
    assert [position.party for position in friction.positions] == ["India"]
    assert set(friction.parties) == {"United States", "India"}


def test_a_concern_both_sides_share_about_a_third_party_is_no_friction() -> None:
    """'They expressed deep concern about X' is agreement between the sides, not friction."""
    draft = _read(
        "President Ana Silva met with Chancellor Otto Brandt in Lisbon. They expressed deep "
        "concern about attacks on commercial shipping and condemned the violence."
    )
    assert draft.frictions == []
    assert any("attacks on commercial shipping" in topic.label for topic in draft.agenda_topics)


def test_agenda_lists_are_split_into_topics() -> None:
    """'discussed A, B and C' gives three topics, each grounded in the sentence."""
    text = (
        "Treasury Secretary Ann Lee met with Finance Minister Ravi Kumar in Delhi. They discussed "
        "debt relief, climate finance and anti-money laundering."
    )
    draft = _read(text)
    labels = [topic.label for topic in draft.agenda_topics]
    assert labels == ["debt relief", "climate finance", "anti-money laundering"]
    for topic in draft.agenda_topics:
        (evidence,) = topic.evidence
        assert text[evidence.start : evidence.end] == evidence.quote


def test_every_item_is_grounded_by_construction() -> None:
    """All evidence of the extractive engine is exact source text at its offsets."""
    text = (
        "Readout of the Meeting\n\nSecretary Jane Doe met Minister Ravi Kumar today in Delhi. "
        "Secretary Doe urged India to lift tariffs on solar panels. They agreed to meet again."
    )
    draft = _read(text, published="2024-05-02")
    items = [
        draft.meeting,
        *draft.participants,
        *draft.agenda_topics,
        *draft.frictions,
        *draft.outcomes,
    ]
    assert draft.outcomes
    for item in items:
        assert item.grounded
        for evidence in item.evidence:
            assert text[evidence.start : evidence.end] == evidence.quote


def test_a_text_without_a_meeting_says_so_plainly() -> None:
    """No meeting verb anywhere: not a title made of the first sentence, but 'No meeting found',
    no attendee, and a meeting item that is not grounded (nothing supports a meeting)."""
    summary = summarize("The weather in Paris was sunny today. Tourists queued at the museums.")
    assert summary.meeting.title == "No meeting found"
    assert not summary.meeting.grounded
    assert summary.meeting.evidence == []
    assert summary.summary == "No meeting is described in this document."
    assert not [p for p in summary.participants if p.presence == "attended"]


INVISIBLE = {
    "a zero-width space after the given name": ("Jane Doe", "Jane\u200b Doe"),
    "a zero-width space inside the given name": ("Jane Doe", "Ja\u200bne Doe"),
    "a name in a right-to-left isolate": ("Jane Doe", "\u2067Jane Doe\u2069"),
    "a name in a first-strong isolate": ("Ravi Kumar", "\u2068Ravi Kumar\u2069"),
    "a left-to-right mark before the name": ("Ravi Kumar", "\u200eRavi Kumar"),
    "a zero-width joiner before the surname": ("Ravi Kumar", "Ravi \u200dKumar"),
    "a soft hyphen inside a surname": ("Kumar", "Ku\u00admar"),
    "a word joiner and a byte-order mark": ("Secretary Jane", "\ufeffSecretary Jane\u2060"),
}
READOUT = (
    "Readout of the Meeting\n\nSecretary Jane Doe met Minister Ravi Kumar today in Delhi. "
    "Secretary Doe urged India to lift tariffs on solar panels. They agreed to meet again."
)


def _seen(text: str) -> str:
    return "".join(char for char in text if unicodedata.category(char) != "Cf")


@pytest.mark.parametrize("case", INVISIBLE.values(), ids=list(INVISIBLE))
def test_format_characters_in_a_name_change_nothing_but_the_quotes(
    case: tuple[str, str],
) -> None:
    """Zero-width and bidirectional-control characters are invisible to the reading: the same
    people, presence, meeting and items as the plain text, evidence at source offsets with the
    source's exact words."""
    plain, marked = case
    text = READOUT.replace(plain, marked)
    clean, draft = _read(READOUT, "2024-05-02"), _read(text, "2024-05-02")
    assert _presence(draft) == _presence(clean)
    assert draft.meeting.model_dump(exclude={"evidence"}) == clean.meeting.model_dump(
        exclude={"evidence"}
    )
    assert [t.label for t in draft.agenda_topics] == [t.label for t in clean.agenda_topics]
    assert [f.issue for f in draft.frictions] == [f.issue for f in clean.frictions]
    sections = ("meeting", "participants", "agenda_topics", "frictions", "outcomes")
    for section in sections:
        items, plain_items = getattr(draft, section), getattr(clean, section)
        items, plain_items = (
            ([items], [plain_items]) if section == "meeting" else (items, plain_items)
        )
        for item, plain_item in zip(items, plain_items, strict=True):
            for evidence, plain_evidence in zip(item.evidence, plain_item.evidence, strict=True):
                assert text[evidence.start : evidence.end] == evidence.quote
                assert _seen(evidence.quote) == plain_evidence.quote


def test_every_sentence_of_the_index_maps_to_its_source_words() -> None:
    """The numbered sentences the model engines cite are cut from the source itself: each
    parsed sentence's source span is its words with the format characters put back."""
    text = "\ufeffMinister \u2067Ana Ruiz\u2069 met Jo\u200bnas Berg.\n\nThey spoke\u00ad again."
    index = build_index(text)
    assert index.text == _seen(text)
    for sentence in index.doc.sents:
        start, end = index.in_source(sentence)
        assert _seen(text[start:end]) == sentence.text.strip()
    assert [p.name for p in index.people] == ["Ana Ruiz", "Jonas Berg"]
