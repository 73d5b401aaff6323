"""The grounding gate: quotes aligned to the source, exactly, normalized, fuzzily, or not at all."""

from __future__ import annotations

import pytest

from summarizer.grounding import SourceIndex, fuzzy_threshold, ground_draft
from summarizer.models import MatchKind, SummaryDraft
from tests.drafts import LAVROV_CALL, draft

SOURCE = (
    "The two sides \u201cagreed to meet again\u201d in April \u2014 officials said.\n\n"
    "U.S. officials also frankly raised issues of concern, including China\u2019s industrial\n"
    "policy practices and overcapacity, and the resulting impact on U.S. workers and firms."
)


def test_exact_quote_gets_its_offsets() -> None:
    """An exact quote maps to the span that holds it."""
    found = SourceIndex(SOURCE).locate("in April")
    assert found.match is MatchKind.EXACT
    assert SOURCE[found.start : found.end] == "in April"


def test_quote_marks_dashes_case_and_whitespace_are_normalized() -> None:
    """Straight quotes, a hyphen, other case and a folded line still find the original span."""
    quote = 'the two sides "agreed to meet again" in april - officials'
    found = SourceIndex(SOURCE).locate(quote)
    assert found.match is MatchKind.NORMALIZED
    assert SOURCE[found.start : found.end] == (
        "The two sides \u201cagreed to meet again\u201d in April \u2014 officials"
    )
    assert found.quote == SOURCE[found.start : found.end]
    assert found.model_quote == quote


def test_line_breaks_inside_the_source_fold_into_spaces() -> None:
    """A quote written on one line matches a source span broken over two."""
    quote = "China's industrial policy practices"
    found = SourceIndex(SOURCE).locate(quote)
    assert found.match is MatchKind.NORMALIZED
    assert SOURCE[found.start : found.end] == "China\u2019s industrial\npolicy practices"


def test_a_long_quote_with_one_word_changed_matches_fuzzily() -> None:
    """A long near-verbatim quote is found, flagged fuzzy, with a score under 100."""
    quote = "U.S. officials also openly raised issues of concern, including China's industrial"
    found = SourceIndex(SOURCE).locate(quote)
    assert found.match is MatchKind.FUZZY
    assert 85 <= found.score < 100
    assert SOURCE[found.start : found.end].startswith("U.S. officials also")


def test_an_invented_quote_is_not_found() -> None:
    """A sentence that is not in the source gets no offsets."""
    found = SourceIndex(SOURCE).locate("The two sides signed a trade agreement worth billions.")
    assert found.match is MatchKind.NONE
    assert (found.start, found.end, found.score) == (None, None, 0)


def test_short_quotes_never_match_fuzzily() -> None:
    """A short quote one letter off is not found: fuzzy matching short text finds noise."""
    assert fuzzy_threshold(10) is None
    assert SourceIndex(SOURCE).locate("in Apri1").match is MatchKind.NONE


@pytest.mark.parametrize(("length", "stricter"), [(30, 100), (100, 200)])
def test_the_fuzzy_bar_rises_as_quotes_get_shorter(length: int, stricter: int) -> None:
    """Shorter quotes need a higher similarity to count."""
    shorter, longer = fuzzy_threshold(length), fuzzy_threshold(stricter)
    assert shorter is not None
    assert longer is not None
    assert shorter > longer


def test_grounded_draft_flags_invented_names_and_quotes() -> None:
    """An invented participant and a made-up quote are flagged, named, and kept."""
    answer = draft(participant="Lian Ma", topic_quote="They discussed fishing rights at length.")
    grounded = ground_draft(SummaryDraft.model_validate(answer), SourceIndex(LAVROV_CALL))
    person, mentioned = grounded.participants
    assert not person.grounded
    assert mentioned.grounded
    assert "'Lian Ma' does not occur" in person.problems[0]
    assert not grounded.agenda_topics[0].grounded
    assert grounded.ungrounded_count() == 2
    failures = grounded.failures()
    assert any(line.startswith("participants[0]: name 'Lian Ma'") for line in failures)
    assert any(line.startswith("agenda_topics[0]: quote") for line in failures)


def test_a_fully_quoted_draft_is_grounded() -> None:
    """A draft whose every quote and name stands in the source has nothing to fix."""
    grounded = ground_draft(SummaryDraft.model_validate(draft()), SourceIndex(LAVROV_CALL))
    assert grounded.failures() == []
    for item in [*grounded.participants, *grounded.agenda_topics, *grounded.frictions]:
        for evidence in item.evidence:
            assert evidence.start is not None
            assert evidence.end is not None
            assert LAVROV_CALL[evidence.start : evidence.end] == evidence.quote


def test_a_quote_that_exists_but_does_not_name_its_person_is_not_supported() -> None:
    """Grounded (the words are in the text) is not enough: a participant's quote must name them,
    a topic's must share a word with it. The failure is listed for the corrective re-ask."""
    answer = draft(participant_quote="an overview of U.S. policy toward the DPRK")
    answer["agenda_topics"][0]["label"] = "Arctic shipping"
    grounded = ground_draft(SummaryDraft.model_validate(answer), SourceIndex(LAVROV_CALL))
    lavrov, whelan = grounded.participants
    assert lavrov.grounded
    assert lavrov.supported is False
    assert whelan.supported is True
    (topic,) = grounded.agenda_topics
    assert topic.grounded
    assert topic.supported is False
    assert grounded.ungrounded_count() == 0
    failures = grounded.failures()
    assert any(f.startswith("participants[0]: its quotes do not mention") for f in failures)
    assert any(f.startswith("agenda_topics[0]: its quotes do not mention") for f in failures)
