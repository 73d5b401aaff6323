"""The scorer, on hand-made predictions whose scores are worked out by hand."""

from __future__ import annotations

from typing import Any

import pytest

from summarizer.evaluate import aggregate, score_document
from summarizer.names import names_match, normalize_name
from tests.summaries import make_summary

TEXT = "Secretary Antony J. Blinken met Foreign Minister Wang Yi. \u201cWe disagree,\u201d he said."


def record(**gold: Any) -> dict[str, Any]:
    base = {
        "meeting": {
            "title_keywords": ["blinken", "wang|yi"],
            "status": "held",
            "date": "2023-10-26/2023-10-27",
            "location": "Washington",
            "format": "in_person",
        },
        "participants": [
            {"name": "Antony J. Blinken", "aliases": ["Secretary Blinken"]},
            {"name": "Wang Yi", "aliases": ["Foreign Minister Wang"]},
        ],
        "mentioned_not_attending": ["Joe Biden"],
        "topics": [
            {"label": "Middle East", "keywords": ["israel", "middle east"]},
            {"label": "Fentanyl", "keywords": ["fentanyl"]},
        ],
        "frictions": [{"issue": "Taiwan", "keywords": ["taiwan"]}],
    }
    base.update(gold)
    return {"id": "doc", "text": TEXT, "gold": base}


@pytest.mark.parametrize(
    ("predicted", "gold", "aliases", "expected"),
    [
        ("Antony Blinken", "Antony J. Blinken", [], True),  # initials ignored
        ("Blinken", "Antony J. Blinken", [], True),  # surname only
        ("Secretary Blinken", "Antony J. Blinken", ["Secretary Blinken"], True),  # alias
        ("José Fernández", "Jose Fernandez", [], True),  # accents
        ("Antony", "Antony J. Blinken", [], False),  # given name lacks the surname
        ("Wang", "Wang Yi", [], False),  # gold surname is the last token: "yi"
        ("Wang", "Wang Yi", ["Foreign Minister Wang"], True),  # an alias supplies the surname
        ("Austin", "Lloyd J. Austin III", [], True),  # generational suffix dropped
        ("Lloyd Austin", "Lloyd J. Austin III", [], True),
        ("Austin III", "Lloyd J. Austin III", [], True),
        ("Lloyd", "Lloyd J. Austin III", [], False),
        ("Wang Yi", "Wang Yi", [], True),
        ("Jake Sullivan", "Antony J. Blinken", [], False),
        ("An\u200btony Blin\u00adken", "Antony J. Blinken", [], True),  # format characters
    ],
)
def test_name_matching_rules(predicted: str, gold: str, aliases: list[str], expected: bool) -> None:
    """Equality with name or alias, or, for the name or any alias, a contained token set that
    holds that form's surname (generational suffixes dropped)."""
    assert names_match(predicted, gold, aliases) is expected


def test_normalization_folds_case_accents_and_punctuation() -> None:
    """'Ñúñez-Paz,  Jr.' and 'nunez paz jr' are the same name."""
    assert normalize_name("Ñúñez-Paz,  Jr.") == "nunez paz jr"


def test_participant_precision_recall_and_one_to_one_matching() -> None:
    """Two predictions of Blinken match one gold person: P = 2/3, R = 2/2."""
    summary = make_summary(attended=["Blinken", "Antony Blinken", "Wang Yi"])
    score = score_document(record(), summary)
    assert score.participants.precision == pytest.approx(2 / 3)
    assert score.participants.recall == 1.0
    assert score.participants.f1 == pytest.approx(0.8)


def test_attendance_judges_every_predicted_person_that_matches_gold() -> None:
    """Blinken attended (right), Biden attended (wrong), Wang mentioned (wrong), Ma unknown."""
    summary = make_summary(attended=["Blinken", "Joe Biden"], mentioned=["Wang Yi", "Ma Wei"])
    assert score_document(record(), summary).attendance == pytest.approx(1 / 3)


def test_topics_match_by_keyword_in_label_and_description() -> None:
    """One of two predictions hits one of two gold topics: P = R = F1 = 0.5."""
    summary = make_summary(topics=["Conflict in the Middle East", "Climate"])
    topics = score_document(record(), summary).topics
    assert (topics.precision, topics.recall, topics.f1) == (0.5, 0.5, 0.5)


def test_friction_text_includes_positions() -> None:
    """A keyword in a party's position counts, not only in the issue."""
    summary = make_summary(frictions=[("Cross-strait tension", "opposes arms sales to Taiwan")])
    assert score_document(record(), summary).frictions.f1 == 1.0


def test_empty_gold_lists_score_one_only_for_empty_predictions() -> None:
    """No gold friction: an empty prediction scores 1.0, any friction scores 0.0."""
    gold = record(frictions=[])
    assert score_document(gold, make_summary()).frictions.f1 == 1.0
    assert score_document(gold, make_summary(frictions=[("x", "")])).frictions.f1 == 0.0


def test_meeting_fields() -> None:
    """Title keywords with alternatives, location containment, status, format, date in range."""
    summary = make_summary(
        title="Blinken hosts Wang", location="Washington, D.C.", date="2023-10-27"
    )
    score = score_document(record(), summary)
    assert (score.title, score.location, score.status, score.format, score.date) == (
        True,
        True,
        True,
        True,
        True,
    )
    late = score_document(record(), make_summary(title="Blinken talks", date="2023-10-28"))
    assert (late.title, late.date, late.location) == (False, False, False)


def test_date_is_not_scored_where_gold_has_none() -> None:
    """A gold date of null leaves the date out of the scores."""
    gold = record()
    gold["gold"]["meeting"]["date"] = None
    assert score_document(gold, make_summary(date="2020-01-01")).date is None


def test_grounding_is_checked_against_the_text_not_the_tool_flags() -> None:
    """Straight quotes find curly ones; an invented quote is ungrounded even if flagged grounded."""
    found = make_summary(attended=["Wang Yi"], evidence='"We disagree," he said.')
    invented = make_summary(attended=["Wang Yi"], evidence="They agreed on everything.")
    assert score_document(record(), found).grounded_share == 1.0
    assert score_document(record(), invented).grounded_share == 0.0


def test_overall_is_the_macro_mean_of_three_f1s() -> None:
    """Per document the mean of participant, topic and friction F1; then the mean over documents."""
    perfect = make_summary(
        attended=["Blinken", "Wang Yi"], topics=["fentanyl", "israel"], frictions=[("taiwan", "")]
    )
    empty = make_summary()
    report = aggregate([score_document(record(), perfect), score_document(record(), empty)])
    assert report.documents[0].overall == 1.0
    assert report.documents[1].overall == 0.0
    assert report.averages["overall"] == 0.5


def test_a_quote_that_does_not_name_its_person_or_topic_is_not_support() -> None:
    """Found in the text is grounded; naming the person (by surname, suffix dropped) or sharing a
    word with the topic is support. Two people and a topic: the sentence names Blinken only."""
    sentence = "Secretary Antony J. Blinken met Foreign Minister Wang Yi."
    summary = make_summary(
        attended=["Lloyd J. Blinken III", "Kurt Campbell"],
        topics=["minister talks"],
        evidence=sentence,
    )
    score = score_document(record(), summary)
    assert (score.supported, score.supportable) == (2, 3)
    assert score.grounded_share == 1.0
    assert aggregate([score]).averages["supported_share"] == round(2 / 3, 4)
