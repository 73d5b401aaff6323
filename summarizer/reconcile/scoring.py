"""Score reconciled meetings against group gold, by the rules of examples/reconcile/README.md
("Scoring").

Each gold group of a pool (`pool.py`) is scored against the predicted meeting that holds most
of its documents. Quotes are checked here against the texts, not taken from the reconciler.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import combinations
from statistics import mean
from typing import Any

from summarizer.evaluate import PRF
from summarizer.gold import Gold
from summarizer.matching import max_matching
from summarizer.models import Presence
from summarizer.names import names_match
from summarizer.reconcile import Reconciliation
from summarizer.reconcile.models import Difference, DifferenceKind, ReconciledMeeting
from summarizer.reconcile.pool import Pool, Reconciles
from summarizer.reconcile.sources import MeetingReport


@dataclass(frozen=True, slots=True)
class GroupScore:
    id: str
    exact: bool
    matched: str | None  # the predicted meeting's slug
    participants: PRF
    items: PRF
    differences_found: int
    differences_total: int
    kinds_right: int
    quotes_found: int
    quotes_total: int

    @property
    def differences_recall(self) -> float:
        return self.differences_found / self.differences_total if self.differences_total else 1.0

    @property
    def overall(self) -> float:
        parts = (float(self.exact), self.participants.f1, self.items.f1, self.differences_recall)
        return mean(parts)


@dataclass(frozen=True, slots=True)
class PoolScore:
    groups: list[GroupScore]
    pairs: PRF
    singles_apart: float | None
    averages: dict[str, float | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        rows = []
        for g in self.groups:
            rows.append(
                {
                    "id": g.id,
                    "matched": g.matched,
                    "exact": g.exact,
                    "participants_sources": _prf(g.participants),
                    "items_sources": _prf(g.items),
                    "differences_found": g.differences_found,
                    "differences_total": g.differences_total,
                    "difference_kinds_right": g.kinds_right,
                    "quotes_found": g.quotes_found,
                    "quotes_total": g.quotes_total,
                    "overall": g.overall,
                }
            )
        return {
            "averages": self.averages,
            "pairs": _prf(self.pairs),
            "singles_apart": self.singles_apart,
            "groups": rows,
        }


def _prf(score: PRF) -> dict[str, float]:
    return {"precision": score.precision, "recall": score.recall, "f1": score.f1}


def score_pool(pool: Pool, result: Reconciliation) -> PoolScore:
    texts = pool.texts()
    predicted = [{s.name for s in m.sources} for m in result.meetings]
    groups = [_score_group(g, result.meetings, predicted, texts) for g in pool.groups]
    pairs = _pairs(pool, predicted)
    singles = [str(r["id"]) for r in pool.singles]
    grouped = set().union(*predicted) if predicted else set()
    apart = mean(s not in grouped for s in singles) if singles else None
    averages: dict[str, float | None] = {
        "overall": _avg([g.overall for g in groups]),
        "groups_exact": _avg([float(g.exact) for g in groups]),
        "pairs_precision": pairs.precision,
        "pairs_recall": pairs.recall,
        "pairs_f1": pairs.f1,
        "singles_apart": apart,
        "participants_sources_f1": _avg([g.participants.f1 for g in groups]),
        "items_sources_f1": _avg([g.items.f1 for g in groups]),
        "differences_found": _avg([g.differences_recall for g in groups]),
        "grounded_share": _avg(
            [g.quotes_found / g.quotes_total if g.quotes_total else 1.0 for g in groups]
        ),
    }
    return PoolScore(groups, pairs, apart, averages)


def _avg(values: Sequence[float]) -> float | None:
    return round(mean(values), 4) if values else None


def _pairs(pool: Pool, predicted: list[set[str]]) -> PRF:
    """Pairs of documents put in one meeting, against the pairs the gold puts together."""
    gold = {
        frozenset(p)
        for g in pool.groups
        for p in combinations([str(d["id"]) for d in g["documents"]], 2)
    }
    mine = {frozenset(p) for members in predicted for p in combinations(sorted(members), 2)}
    both = len(gold & mine)
    if not mine:  # nothing put together, nothing put together wrongly
        return PRF(1.0, 0.0, 0.0) if gold else PRF(1.0, 1.0, 1.0)
    return PRF.of(both, len(mine), both, len(gold))


def _score_group(
    group: Gold,
    meetings: Sequence[ReconciledMeeting],
    predicted: list[set[str]],
    texts: dict[str, str],
) -> GroupScore:
    ids = {str(d["id"]) for d in group["documents"]}
    gold = group["gold"]
    overlaps = [len(ids & members) for members in predicted]
    best = max(range(len(meetings)), key=lambda i: overlaps[i], default=None)
    if best is None or overlaps[best] == 0:
        zero = PRF.of(0, 1, 0, 1)
        total = len(gold.get("differences", []))
        return GroupScore(str(group["id"]), False, None, zero, zero, 0, total, 0, 0, 0)
    meeting = meetings[best]
    found, kinds = _differences(gold.get("differences", []), meeting.differences, texts)
    quotes_found, quotes_total = _quotes(meeting, texts)
    return GroupScore(
        id=str(group["id"]),
        exact=predicted[best] == ids,
        matched=meeting.slug,
        participants=_participant_sources(gold["participants"], meeting),
        items=_item_sources([*gold["topics"], *gold["frictions"]], meeting),
        differences_found=found,
        differences_total=len(gold.get("differences", [])),
        kinds_right=kinds,
        quotes_found=quotes_found,
        quotes_total=quotes_total,
    )


def _participant_sources(people: list[Gold], meeting: ReconciledMeeting) -> PRF:
    """(person, source) pairs: the sources each predicted attendee is said to take part in,
    matched one-to-one to gold people by the examples' name rule."""
    attendees = [p for p in meeting.participants if p.presence is Presence.ATTENDED]
    pairs = {
        (i, j)
        for i, p in enumerate(attendees)
        for j, g in enumerate(people)
        if names_match(p.name, g["name"], g.get("aliases", []))
    }
    partner = max_matching(pairs, len(attendees))
    predicted = sum(len(p.attended_in) for p in attendees)
    right = sum(
        len(set(p.attended_in) & set(people[partner[i]]["sources"]))
        for i, p in enumerate(attendees)
        if i in partner
    )
    gold_total = sum(len(g["sources"]) for g in people)
    return PRF.of(right, predicted, right, gold_total)


def _item_sources(items: list[Gold], meeting: ReconciledMeeting) -> PRF:
    """(item, source) pairs over topics and frictions: a predicted item stands for every gold
    item one of whose keywords its wording (label or issue, as each source put it) contains."""
    predicted = [
        (" ".join([t.label, *t.labels]).lower(), t.sources) for t in meeting.agenda_topics
    ] + [(" ".join([f.issue, *f.issues]).lower(), f.sources) for f in meeting.frictions]
    hits = [
        [j for j, g in enumerate(items) if any(k.lower() in text for k in g["keywords"])]
        for text, _ in predicted
    ]
    total_predicted = sum(len(sources) for _, sources in predicted)
    right = sum(
        sum(any(s in items[j]["sources"] for j in hit) for s in sources)
        for (_, sources), hit in zip(predicted, hits, strict=True)
    )
    covered = sum(
        len(
            {
                s
                for (_, sources), hit in zip(predicted, hits, strict=True)
                if j in hit
                for s in sources
            }
            & set(g["sources"])
        )
        for j, g in enumerate(items)
    )
    gold_total = sum(len(g["sources"]) for g in items)
    return PRF(
        precision=right / total_predicted if total_predicted else 0.0,
        recall=covered / gold_total if gold_total else 1.0,
        f1=PRF.of(right, total_predicted, covered, gold_total).f1 if gold_total else 1.0,
    )


def _differences(
    gold: list[Gold], predicted: Sequence[Difference], texts: dict[str, str]
) -> tuple[int, int]:
    """(found, of those found the kind right): one-to-one, a gold difference is found by a
    predicted one that names one of its keywords and quotes both sides exactly."""
    pairs = {
        (i, j) for i, p in enumerate(predicted) for j, g in enumerate(gold) if _finds(p, g, texts)
    }
    partner = max_matching(pairs, len(predicted))
    kinds = sum(predicted[i].kind.value == gold[j]["kind"] for i, j in partner.items())
    return len(partner), kinds


def _finds(predicted: Difference, gold: Gold, texts: dict[str, str]) -> bool:
    exact = [a for a in predicted.accounts if texts.get(a.source, "")[a.start : a.end] == a.quote]
    said = " ".join([predicted.about, *(f"{a.says} {a.quote}" for a in exact)]).lower()
    if not any(k.lower() in said for k in gold["keywords"]):
        return False
    quoting = {a.source for a in exact}
    told_by = {a["source"] for a in gold["accounts"]}
    if gold["kind"] == DifferenceKind.ONLY_IN_SOME.value:
        silent = set(gold.get("silent", []))
        return bool(quoting & told_by) and (not silent or bool(silent & set(predicted.silent)))
    return len(quoting & told_by) >= 2


def _quotes(meeting: ReconciledMeeting, texts: dict[str, str]) -> tuple[int, int]:
    quotes = [
        *(q for p in meeting.participants for q in p.evidence),
        *(q for t in meeting.agenda_topics for q in t.evidence),
        *(q for f in meeting.frictions for q in f.evidence),
        *(q for o in meeting.outcomes for q in o.evidence),
        *(a for accounts in meeting.meeting.accounts.values() for a in accounts),
        *(a for d in meeting.differences for a in d.accounts),
    ]
    found = sum(texts.get(q.source, "")[q.start : q.end] == q.quote for q in quotes)
    return found, len(quotes)


def reconcile_and_score(
    pool: Pool, reports: dict[str, MeetingReport], summarizer: Reconciles
) -> PoolScore:
    """The pool's reports reconciled together, and scored against its gold."""
    members = [reports[str(r["id"])] for r in pool.records() if str(r["id"]) in reports]
    return score_pool(pool, summarizer.reconcile(members))
