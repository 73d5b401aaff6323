"""Reconciling reports of meetings: which reports are one meeting and why, what is merged,
where the accounts differ, and that every quote is its own source's text at its offsets."""

from __future__ import annotations

import pytest

from summarizer import Summarizer
from summarizer.errors import InputError
from summarizer.models import Evidence
from summarizer.reconcile import MeetingReport, Reconciliation, reconcile
from summarizer.reconcile.grouping import link
from summarizer.reconcile.judge import FieldName, ItemText
from summarizer.reconcile.models import DifferenceKind, Quoted, ReconciledMeeting
from summarizer.reconcile.pool import Pool
from summarizer.reconcile.render import meeting_markdown
from summarizer.reconcile.scoring import score_pool
from summarizer.reconcile.slug import make_slug
from summarizer.report import render_report
from summarizer.schema_export import (
    RECONCILED_SCHEMA_FILE,
    REGENERATE,
    schema_path,
    schema_text,
)
from tests.reports import told

READOUT = (
    "Valdorian Foreign Minister Anna Berg met Karskian Foreign Minister Tomas Reyes in Karsk "
    "City on 14 May. They discussed fisheries and the grain corridor. Berg raised concern "
    "over the border fence. The talks were candid and constructive."
)
WIRE = (
    "Anna Berg and Tomas Reyes held talks in Karsk City on 15 May, officials said. The two "
    "covered fisheries and energy prices. Reyes warned about the border fence. Both called "
    "the talks fruitful."
)
OTHER_CALL = (
    "Anna Berg spoke by phone with Premier Ivo Lind on Tuesday. They discussed fisheries "
    "quotas and the border fence."
)


def _readout(**changes: object) -> MeetingReport:
    fields: dict[str, object] = {
        "attended": ["Anna Berg", "Tomas Reyes"],
        "topics": ["fisheries", "grain corridor"],
        "frictions": ["border fence"],
        "title": "Berg and Reyes meeting",
        "date": "2024-05-14",
        "date_text": "14 May",
        "location": "Karsk City",
        "published": "2024-05-14",
    }
    fields.update(changes)
    return told("readout", READOUT, **fields)  # type: ignore[arg-type]


def _wire(**changes: object) -> MeetingReport:
    fields: dict[str, object] = {
        "attended": ["Anna Berg", "Tomas Reyes"],
        "topics": ["fisheries", "energy prices"],
        "frictions": ["border fence"],
        "title": "Berg and Reyes talks",
        "date": "2024-05-15",
        "date_text": "15 May",
        "location": "Karsk City",
        "published": "2024-05-15",
    }
    fields.update(changes)
    return told("wire", WIRE, **fields)  # type: ignore[arg-type]


def _one(result: Reconciliation) -> ReconciledMeeting:
    assert len(result.meetings) == 1, result
    return result.meetings[0]


def test_a_readout_and_a_wire_story_of_one_meeting_are_one_meeting_that_says_why() -> None:
    """Shared attendees and dates a day apart make one meeting; the output names them."""
    meeting = _one(reconcile([_readout(), _wire()]))
    assert [s.name for s in meeting.sources] == ["readout", "wire"]
    assert meeting.grouping.shared_attendees == ["Anna Berg", "Tomas Reyes"]
    assert meeting.grouping.dates == ["2024-05-14", "2024-05-15"]
    (link,) = meeting.grouping.links
    assert "shared attendee: Anna Berg (+1.50)" in link.reasons
    assert any(reason.startswith("dates agree") for reason in link.reasons)
    assert "Anna Berg" in meeting.grouping.why


def test_a_report_of_the_meeting_scheduled_and_one_of_it_held_are_one_meeting() -> None:
    """A scheduled report and a held report of the same meeting group; the meeting was held."""
    scheduled = _readout(status="scheduled", published="2024-05-10", date="2024-05-15")
    meeting = _one(reconcile([scheduled, _wire()]))
    assert meeting.meeting.status.value == "held"
    statuses = {a.source: a.value for a in meeting.meeting.accounts["status"]}
    assert statuses == {"readout": "scheduled", "wire": "held"}


def test_a_ministers_call_with_one_counterpart_is_not_her_visit_to_another() -> None:
    """One shared person, another counterpart on each side, a phone call two days earlier:
    two meetings, so no reconciled meeting and both reports named as alone."""
    call = told(
        "call",
        OTHER_CALL,
        attended=["Anna Berg", "Ivo Lind"],
        topics=["fisheries quotas"],
        frictions=["border fence"],
        format="phone",
        date="2024-05-12",
        date_text="Tuesday",
    )
    result = reconcile([call, _readout()])
    assert result.meetings == []
    assert result.alone == ["call", "readout"]


def test_the_same_two_people_months_apart_are_two_meetings() -> None:
    """An undated report published in February cannot be of a May meeting it calls held."""
    earlier = _wire(date=None, date_text=None, location=None, published="2024-02-01")
    assert reconcile([_readout(), earlier]).meetings == []


def _quotes(meeting: ReconciledMeeting) -> list[Quoted]:
    return [
        *(q for p in meeting.participants for q in p.evidence),
        *(q for t in meeting.agenda_topics for q in t.evidence),
        *(q for f in meeting.frictions for q in f.evidence),
        *(a for accounts in meeting.meeting.accounts.values() for a in accounts),
        *(a for d in meeting.differences for a in d.accounts),
    ]


def test_every_quote_is_its_own_sources_text_at_its_offsets() -> None:
    """Evidence, field accounts and difference accounts all cite a span of the source named."""
    reports = [_readout(), _wire()]
    texts = {r.name: r.text for r in reports}
    quotes = _quotes(_one(reconcile(reports)))
    assert len(quotes) > 10
    assert {q.source for q in quotes} == {"readout", "wire"}
    for quote in quotes:
        assert texts[quote.source][quote.start : quote.end] == quote.quote


def test_an_evidence_whose_offsets_do_not_give_its_quote_is_left_out() -> None:
    """A quote that is not the text at its offsets is not carried into the meeting."""
    wire = _wire()
    topic = wire.summary.agenda_topics[1]
    moved = Evidence.model_validate({**topic.evidence[0].model_dump(), "start": 0})
    topic.evidence[0] = moved
    meeting = _one(reconcile([_readout(), wire]))
    energy = next(t for t in meeting.agenda_topics if t.label == "energy prices")
    assert energy.evidence == []
    assert all(q.quote != moved.quote or q.start != 0 for q in _quotes(meeting))


def test_items_told_by_both_are_merged_and_keep_each_sources_quote() -> None:
    """Same person by name, same topic by shared words: one item, both sources, both quotes."""
    meeting = _one(reconcile([_readout(), _wire()]))
    berg = next(p for p in meeting.participants if p.name == "Anna Berg")
    assert berg.attended_in == ["readout", "wire"]
    fisheries = next(t for t in meeting.agenda_topics if t.label == "fisheries")
    assert fisheries.sources == ["readout", "wire"]
    assert {q.source for q in fisheries.evidence} == {"readout", "wire"}


def test_differences_are_contradictions_emphasis_and_items_only_some_tell() -> None:
    """Dates a day apart contradict (each with its own words); the fence both raise is told in
    each one's words; energy prices only the wire tells, the readout listed as silent."""
    meeting = _one(reconcile([_readout(), _wire()]))
    by_about = {d.about: d for d in meeting.differences}
    date = by_about["the meeting's date"]
    assert date.kind is DifferenceKind.CONTRADICTION
    assert [(a.source, a.quote) for a in date.accounts] == [
        ("readout", "14 May"),
        ("wire", "15 May"),
    ]
    fence = by_about["border fence: told in each source's words"]
    assert fence.kind is DifferenceKind.EMPHASIS
    assert {a.quote for a in fence.accounts} == {
        "Berg raised concern over the border fence.",
        "Reyes warned about the border fence.",
    }
    energy = by_about["topic: energy prices"]
    assert energy.kind is DifferenceKind.ONLY_IN_SOME
    assert [a.source for a in energy.accounts] == ["wire"]
    assert energy.silent == ["readout"]
    tone = by_about["how the talks are characterised"]
    assert [a.says for a in tone.accounts] == ["candid, constructive", "fruitful"]


def test_a_place_one_report_names_more_closely_is_no_contradiction() -> None:
    """'Karsk City' and 'the Grand Hotel, Karsk City' agree; 'Valdor' does not."""
    close = reconcile([_readout(), _wire(location="the Grand Hotel, Karsk City")])
    assert "the meeting's place" not in {d.about for d in _one(close).differences}
    far = reconcile([_readout(), _wire(location="Valdor")])
    assert "the meeting's place" in {d.about for d in _one(far).differences}


class _EverythingIsOne:
    """A judge (as a model would be) that calls any two items the same, nothing contradictory."""

    def same_item(self, first: ItemText, second: ItemText) -> bool:
        return first.kind == second.kind

    def contradicts(self, field: FieldName, first: str, second: str) -> bool:  # noqa: ARG002
        return False  # the values do not matter to this judge


def test_a_judge_passed_in_decides_what_is_the_same_item_and_what_contradicts() -> None:
    """The judge is the seam: here it merges every topic across reports and sees no clash."""
    meeting = _one(reconcile([_readout(), _wire()], judge=_EverythingIsOne()))
    assert len(meeting.agenda_topics) < 4
    assert all(d.kind is not DifferenceKind.CONTRADICTION for d in meeting.differences)


def test_two_reports_with_one_name_are_refused() -> None:
    """Sources are cited by name, so two reports named alike are an InputError naming it."""
    with pytest.raises(InputError, match="'readout'"):
        reconcile([_readout(), _readout()])


def test_the_summarizer_reconciles_with_the_same_rules() -> None:
    """Summarizer.reconcile is the library call the CLI makes: the same meeting comes out."""
    with Summarizer() as summarizer:
        meeting = _one(summarizer.reconcile([_readout(), _wire()]))
    assert meeting == _one(reconcile([_readout(), _wire()]))


def test_the_reconciled_schema_is_generated_from_the_models() -> None:
    """schemas/reconciled_meeting.schema.json is generated; any drift names the fix."""
    committed = schema_path(RECONCILED_SCHEMA_FILE).read_text(encoding="utf-8")
    assert committed == schema_text(ReconciledMeeting), f"stale: run `{REGENERATE}`"


def _group_gold() -> dict[str, object]:
    docs = [
        {"id": name, "text": text, "gold": {}}
        for name, text in (("readout", READOUT), ("wire", WIRE))
    ]
    return {
        "id": "berg-reyes",
        "documents": docs,
        "gold": {
            "participants": [
                {"name": "Anna Berg", "aliases": ["Berg"], "sources": ["readout", "wire"]},
                {"name": "Tomas Reyes", "aliases": [], "sources": ["readout", "wire"]},
            ],
            "topics": [
                {"label": "fisheries", "keywords": ["fisheries"], "sources": ["readout", "wire"]}
            ],
            "frictions": [],
            "differences": [
                {
                    "about": "date",
                    "kind": "contradiction",
                    "keywords": ["date"],
                    "accounts": [
                        {"source": "readout", "quote": "14 May"},
                        {"source": "wire", "quote": "15 May"},
                    ],
                    "silent": [],
                }
            ],
        },
    }


def test_the_scorer_finds_the_group_exact_and_a_difference_only_with_both_sides_quotes() -> None:
    """Exact grouping, every participant source right, the date difference with both quotes;
    the same difference quoting one side only is not found."""
    pool = Pool(groups=[_group_gold()], singles=[{"id": "call", "text": OTHER_CALL, "gold": {}}])
    call = told("call", OTHER_CALL, attended=["Anna Berg", "Ivo Lind"], format="phone")
    result = reconcile([_readout(), _wire(), call])
    score = score_pool(pool, result)
    (group,) = score.groups
    assert group.exact
    assert group.participants.f1 == 1.0
    assert (group.differences_found, group.differences_total) == (1, 1)
    assert score.singles_apart == 1.0
    meeting = result.meetings[0]
    date = next(d for d in meeting.differences if d.about == "the meeting's date")
    date.accounts.pop()
    assert score_pool(pool, result).groups[0].differences_found == 0


def test_the_scorer_counts_a_report_pulled_in_as_a_wrong_group() -> None:
    """A group with an unrelated report in it is not exact, and its pairs lose precision."""
    pool = Pool(groups=[_group_gold()], singles=[{"id": "call", "text": OTHER_CALL, "gold": {}}])
    meeting = _one(reconcile([_readout(), _wire()]))
    call_ref = meeting.sources[0].model_copy(update={"name": "call"})
    pulled_in = meeting.model_copy(update={"sources": [*meeting.sources, call_ref]})
    score = score_pool(pool, Reconciliation(meetings=[pulled_in], alone=[]))
    assert not score.groups[0].exact
    assert score.pairs.precision == pytest.approx(1 / 3)
    assert score.singles_apart == 0.0


def test_a_report_whose_summary_lacks_an_item_its_text_tells_is_not_silent_on_it() -> None:
    """The readout's summary misses fisheries, but a sentence of its text holds the word: it
    is counted as telling it, quoted, and fisheries is no 'only in some' difference."""
    meeting = _one(reconcile([_readout(topics=["grain corridor"]), _wire()]))
    fisheries = next(t for t in meeting.agenda_topics if t.label == "fisheries")
    assert fisheries.sources == ["readout", "wire"]
    readout = next(q for q in fisheries.evidence if q.source == "readout")
    assert readout.quote == "They discussed fisheries and the grain corridor."
    assert "topic: fisheries" not in {d.about for d in meeting.differences}
    assert "topic: energy prices" in {d.about for d in meeting.differences}


THIRD = (
    "Berg and Reyes met in Karsk City, with aide Ivo Lind at the table. The fisheries deal "
    "was discussed."
)


def test_an_attendee_only_one_report_names_and_two_that_know_who_met_leave_out_is_mentioned() -> (
    None
):
    """Lind, an attendee by one report only, whom two reports naming who met leave out, is
    judged mentioned; the report's own word stays in attended_in."""
    third = told(
        "third",
        THIRD,
        attended=["Anna Berg", "Tomas Reyes", "Ivo Lind"],
        topics=["fisheries"],
        location="Karsk City",
        date="2024-05-14",
    )
    meeting = _one(reconcile([_readout(), third, _wire()]))
    people = {p.name: p for p in meeting.participants}
    assert people["Ivo Lind"].presence.value == "mentioned"
    assert people["Ivo Lind"].attended_in == ["third"]
    assert people["Anna Berg"].presence.value == "attended"


def test_a_report_that_names_nobody_as_taking_part_counts_for_those_the_others_agree_on() -> None:
    """A wire story whose summary found only mentions is read in the light of the readout."""
    silent_wire = _wire(attended=[], mentioned=["Anna Berg", "Tomas Reyes"])
    meeting = _one(reconcile([_readout(), silent_wire]))
    berg = next(p for p in meeting.participants if p.name == "Anna Berg")
    assert berg.attended_in == ["readout", "wire"]


FEBRUARY = "Anna Berg met Tomas Reyes in Karsk City on 1 February. They discussed rail tariffs."


def test_reports_silent_on_the_date_do_not_outvote_one_that_dates_a_meeting_months_away() -> None:
    """Two undated reports agree with everyone; the February report conflicts with the only
    member that states a date, so it stays out of the May meeting."""
    people = {"attended": ["Anna Berg", "Tomas Reyes"], "topics": ["fisheries"]}
    undated = [
        _wire(date=None, date_text=None, location=None, published=None),
        told("third", THIRD, location=None, **people),  # type: ignore[arg-type]
    ]
    february = told(
        "february",
        FEBRUARY,
        attended=["Anna Berg", "Tomas Reyes"],
        topics=["rail tariffs"],
        date="2024-02-01",
    )
    result = reconcile([_readout(), *undated, february])
    assert [[s.name for s in m.sources] for m in result.meetings] == [["readout", "wire", "third"]]
    assert result.alone == ["february"]


def test_people_count_once_as_people_not_again_as_shared_words() -> None:
    """Two reports of the same two people on other subjects share their names, not words."""
    february = told(
        "february", FEBRUARY, attended=["Anna Berg", "Tomas Reyes"], topics=["rail tariffs"]
    )
    reasons = link(_readout(), february).reasons
    assert "shared attendee: Anna Berg (+1.50)" in reasons
    shared_words = [r for r in reasons if r.startswith("shared words")]
    assert all("berg" not in r and "reye" not in r for r in shared_words), shared_words


SAME_DAY_ELSEWHERE = (
    "Trade Minister Ola Dahl received Premier Ivo Lind in Karsk City on 14 May. Fisheries "
    "quotas were on their agenda."
)


def test_reports_that_name_nobody_in_common_are_two_meetings() -> None:
    """Same day, same city, a subject in common, but no person in common: two meetings."""
    other = told(
        "other",
        SAME_DAY_ELSEWHERE,
        attended=["Ola Dahl", "Ivo Lind"],
        topics=["Fisheries quotas"],
        date="2024-05-14",
        location="Karsk City",
    )
    result = reconcile([_readout(), other])
    assert result.meetings == []
    assert "nobody in common (-4.00)" in link(_readout(), other).reasons


def test_a_report_made_from_a_text_alone_is_cited_by_its_name() -> None:
    """MeetingReport(name, summary, text) is enough: the library call a README shows."""
    readout, wire = _readout(), _wire()
    plain = [MeetingReport(name=r.name, summary=r.summary, text=r.text) for r in (readout, wire)]
    meeting = _one(reconcile(plain))
    assert [(s.name, s.source) for s in meeting.sources] == [
        ("readout", "readout"),
        ("wire", "wire"),
    ]


def test_the_scorer_counts_no_pair_put_together_as_no_wrong_pair() -> None:
    """A pool where nothing was grouped has pair precision 1 and recall 0."""
    pool = Pool(groups=[_group_gold()], singles=[])
    score = score_pool(pool, Reconciliation(meetings=[], alone=["readout", "wire"]))
    assert (score.pairs.precision, score.pairs.recall) == (1.0, 0.0)
    assert not score.groups[0].exact


HOSTILE = (
    "Anna Berg met Tomas Reyes in Karsk City on 14 May. They discussed <script>alert(1)</script> "
    "and `code` and **fisheries**."
)


def test_markup_in_a_source_shows_as_text_in_the_meetings_markdown_and_page() -> None:
    """A source's <script>, backticks and asterisks stay literal in the .md and the HTML."""
    people = ["Anna Berg", "Tomas Reyes"]
    hostile = told("hostile", HOSTILE, attended=people, topics=["fisheries", "alert(1)"])
    meeting = _one(reconcile([_readout(), hostile]))
    markdown = meeting_markdown(meeting)
    assert "<script>" not in markdown
    assert "\\<script\\>alert(1)\\</script\\>" in markdown
    page = render_report([], meetings=[meeting])
    assert "<script>alert(1)" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


def test_two_meetings_of_one_run_with_the_same_people_place_and_day_get_two_slugs() -> None:
    """The second meeting's file gets '-2' rather than overwriting the first."""
    meeting = _one(reconcile([_readout(), _wire()]))
    first = make_slug(meeting.meeting, meeting.participants, [])
    assert first == "berg-reyes-karsk-city-2024-05-14"
    assert make_slug(meeting.meeting, meeting.participants, [first]) == f"{first}-2"
