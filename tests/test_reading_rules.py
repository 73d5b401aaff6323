"""The extractive engine's reading rules, one table per category of language, each case an
invented sentence (never a gold text's words): a rule earns its place by reading these."""

from __future__ import annotations

import pytest

from summarizer import summarize

OPENING = "Minister Petra Lund met Governor Kofi Osei in Karsk on Monday. "


@pytest.mark.parametrize(
    ("sentence", "issue"),
    [
        (
            "At a regional forum in Valdoria, Minister Petra Lund, speaking after a long "
            "bilateral session, voiced concerns about fishing quotas.",
            "fishing quotas",
        ),
        (
            "The two delegations clashed over the new levy on grain exports.",
            "new levy on grain exports",
        ),
        ("Osei bristled at the proposed import embargo.", "proposed import embargo"),
        (
            "Their positions on the fishing quotas remain far apart.",
            "positions on the fishing quotas",
        ),
        (
            "Lund said that access to the northern ports is not negotiable.",
            "access to the northern ports",
        ),
        ("Lund called on Osei to lift the ban on timber sales.", "lift the ban on timber sales"),
    ],
)
def test_a_friction_is_labelled_by_what_its_cue_is_about(sentence: str, issue: str) -> None:
    """The label is the cue's own phrase (its object, its clause, the subject of 'X is not
    negotiable'), not the first words of a sentence that puts the issue last."""
    labels = [friction.issue for friction in summarize(OPENING + sentence).frictions]
    assert any(issue in label for label in labels), labels


@pytest.mark.parametrize(
    "sentence",
    [
        "Relations between the two countries have been strained for years over trade.",
        "The dispute over the border is long-standing.",
        "They condemned the attack on the convoy.",
    ],
)
def test_background_and_shared_views_are_not_frictions_of_the_meeting(sentence: str) -> None:
    """A state of affairs that has lasted, or a view both sides share, is not a disagreement."""
    assert summarize(OPENING + sentence).frictions == []


@pytest.mark.parametrize(
    ("text", "published", "date_text", "iso"),
    [
        (
            "Minister Lund met Governor Osei in Karsk on Friday.",
            "2024-05-08",
            "Friday",
            "2024-05-03",
        ),
        (
            "Minister Lund will meet Governor Osei in Karsk on Friday.",
            "2024-05-08",
            "Friday",
            "2024-05-10",
        ),
        (
            "Minister Lund met Governor Osei in Karsk on Wednesday.",
            "2024-05-08",
            "Wednesday",
            "2024-05-08",
        ),
        (
            "Minister Lund met Governor Osei in Karsk on 4 September.",
            "2019-09-06",
            "4 September",
            "2019-09-04",
        ),
        (
            "Ministers met in Karsk on Sept. 4-5.",
            "2019-09-06",
            "Sept. 4-5",
            "2019-09-04/2019-09-05",
        ),
        (
            "Ministers met in Karsk on the 4th and 5th of September 2019.",
            None,
            None,
            "2019-09-04/2019-09-05",
        ),
        ("Ministers met in Karsk in March 2021.", "2021-04-01", "March 2021", None),
    ],
)
def test_dates_are_read_in_the_forms_news_writes_them(
    text: str, published: str | None, date_text: str | None, iso: str | None
) -> None:
    """Weekdays against the publication date (back for a meeting held, forward for one to come),
    day-first and abbreviated months, ranges; a month and year is not a day ('March 2021' is
    never March 20)."""
    meeting = summarize(text, published=published).meeting
    if date_text is not None:
        assert meeting.date_text == date_text
    assert meeting.date == iso
