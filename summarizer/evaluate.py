"""Score summaries against gold annotations, by exactly the rules of the examples' README.

Pure functions over plain data: a gold record (dict, as loaded from JSON) and a MeetingSummary.
Nothing here trusts the tool's own `grounded` flags: quotes are looked up in the text again.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from statistics import mean
from typing import Any, Protocol

from summarizer import progress
from summarizer.contain import contained
from summarizer.errors import SummarizerError
from summarizer.gold import Gold
from summarizer.matching import max_matching
from summarizer.models import MeetingSummary, Presence
from summarizer.names import names_match, normalize_name
from summarizer.progress import PartReport
from summarizer.readers import Document, document_from_text
from summarizer.support import friction_supported, participant_supported, topic_supported

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"'})


@dataclass(frozen=True, slots=True)
class PRF:
    precision: float
    recall: float
    f1: float

    @classmethod
    def of(cls, matched_predicted: int, predicted: int, matched_gold: int, gold: int) -> PRF:
        if gold == 0:
            score = 1.0 if predicted == 0 else 0.0
            return cls(score, score, score)
        precision = matched_predicted / predicted if predicted else 0.0
        recall = matched_gold / gold
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        return cls(precision, recall, f1)


@dataclass(frozen=True, slots=True)
class DocumentScore:
    id: str
    participants: PRF
    attendance: float | None
    topics: PRF
    frictions: PRF
    title: bool
    status: bool
    format: bool
    location: bool
    date: bool | None
    quotes_found: int
    quotes_total: int
    # Items whose quotes support them (a person named in them, a topic's words in them).
    supported: int = 0
    supportable: int = 0

    failed: bool = False

    @classmethod
    def failed_document(cls, identifier: str) -> DocumentScore:
        """A document the tool could not summarize scores zero everywhere, whatever the gold."""
        zero = PRF(0.0, 0.0, 0.0)
        return cls(
            id=identifier,
            participants=zero,
            attendance=0.0,
            topics=zero,
            frictions=zero,
            title=False,
            status=False,
            format=False,
            location=False,
            date=False,
            quotes_found=0,
            quotes_total=1,
            supportable=1,
            failed=True,
        )

    @property
    def overall(self) -> float:
        return mean((self.participants.f1, self.topics.f1, self.frictions.f1))

    @property
    def grounded_share(self) -> float:
        return self.quotes_found / self.quotes_total if self.quotes_total else 1.0

    @property
    def supported_share(self) -> float:
        return self.supported / self.supportable if self.supportable else 1.0


def score_document(record: Gold, summary: MeetingSummary) -> DocumentScore:
    gold = record["gold"]
    text = record["text"]
    found, total = _grounding(summary, text)
    supported, supportable = _support(summary)
    meeting = gold["meeting"]
    return DocumentScore(
        id=record["id"],
        participants=_participants(gold, summary),
        attendance=_attendance(gold, summary),
        topics=_keyword_prf(
            gold["topics"], [f"{t.label} {t.description}" for t in summary.agenda_topics]
        ),
        frictions=_keyword_prf(gold["frictions"], [_friction_text(f) for f in summary.frictions]),
        title=_title_ok(meeting["title_keywords"], summary.meeting.title),
        status=summary.meeting.status.value == meeting["status"],
        format=summary.meeting.format.value == meeting["format"],
        location=_location_ok(meeting.get("location"), summary.meeting.location),
        date=_date_ok(meeting.get("date"), summary.meeting.date),
        quotes_found=found,
        quotes_total=total,
        supported=supported,
        supportable=supportable,
    )


def _participants(gold: Gold, summary: MeetingSummary) -> PRF:
    attendees = [p.name for p in summary.participants if p.presence is Presence.ATTENDED]
    people = gold["participants"]
    pairs = {
        (i, j)
        for i, name in enumerate(attendees)
        for j, person in enumerate(people)
        if names_match(name, person["name"], person.get("aliases", []))
    }
    matched = len(max_matching(pairs, len(attendees)))
    return PRF.of(matched, len(attendees), matched, len(people))


def _attendance(gold: Gold, summary: MeetingSummary) -> float | None:
    judged = []
    for person in summary.participants:
        attended = person.presence is Presence.ATTENDED
        if any(
            names_match(person.name, p["name"], p.get("aliases", [])) for p in gold["participants"]
        ):
            judged.append(attended)
        elif any(names_match(person.name, name) for name in gold["mentioned_not_attending"]):
            judged.append(not attended)
    return sum(judged) / len(judged) if judged else None


def _keyword_prf(gold_items: list[Gold], texts: list[str]) -> PRF:
    lowered = [text.lower() for text in texts]
    hits = [
        [any(keyword.lower() in text for keyword in item["keywords"]) for item in gold_items]
        for text in lowered
    ]
    predicted_hits = sum(any(row) for row in hits)
    gold_hits = sum(any(row[j] for row in hits) for j in range(len(gold_items)))
    return PRF.of(predicted_hits, len(texts), gold_hits, len(gold_items))


def _friction_text(friction: Any) -> str:
    positions = " ".join(f"{p.party} {p.position}" for p in friction.positions)
    return f"{friction.issue} {positions}"


def _title_ok(keywords: list[str], title: str) -> bool:
    lowered = title.lower()
    return all(any(word.lower() in lowered for word in entry.split("|")) for entry in keywords)


def _location_ok(gold: str | None, predicted: str | None) -> bool:
    if gold is None or predicted is None:
        return gold is None and predicted is None
    g, p = normalize_name(gold), normalize_name(predicted)
    return bool(g and p) and (g in p or p in g)


def _date_ok(gold: str | None, predicted: str | None) -> bool | None:
    if gold is None:
        return None
    if predicted is None:
        return False
    start, _, end = gold.partition("/")
    day = predicted.partition("/")[0]
    return day == start if not end else start <= day <= end


def _grounding(summary: MeetingSummary, text: str) -> tuple[int, int]:
    haystack = _loose(text)
    items = [
        summary.meeting,
        *summary.participants,
        *summary.agenda_topics,
        *summary.frictions,
        *summary.outcomes,
    ]
    found = total = 0
    for item in items:
        if not item.evidence:
            total += 1
            continue
        for evidence in item.evidence:
            total += 1
            found += _loose(evidence.quote) in haystack
    return found, total


def _support(summary: MeetingSummary) -> tuple[int, int]:
    """(supported, all) over participants, topics and frictions, judged here rather than read
    from the summary's flags: a quote that exists anywhere in the text is grounded, but it
    supports its item only if it names the person (the surname of the name or an alias) or
    shares a content word with the topic or friction (summarizer/support.py)."""
    checks = [
        *(participant_supported(p) for p in summary.participants),
        *(topic_supported(t) for t in summary.agenda_topics),
        *(friction_supported(f) for f in summary.frictions),
    ]
    return sum(checks), len(checks)


def _loose(text: str) -> str:
    return " ".join(text.translate(_QUOTES).split())


@dataclass(frozen=True, slots=True)
class Report:
    documents: list[DocumentScore]
    averages: dict[str, float | None] = field(default_factory=dict)

    def as_dict(self) -> dict[str, Any]:
        return {
            "averages": self.averages,
            "documents": [
                {
                    **asdict(d),
                    "overall": d.overall,
                    "grounded_share": d.grounded_share,
                    "supported_share": d.supported_share,
                }
                for d in self.documents
            ],
        }


def aggregate(scores: Sequence[DocumentScore]) -> Report:
    """Macro averages over documents; a field no document could be judged on is None."""

    def avg(values: Iterable[float | bool | None]) -> float | None:
        present = [float(v) for v in values if v is not None]
        return round(mean(present), 4) if present else None

    averages = {
        "overall": avg(s.overall for s in scores),
        "participants_f1": avg(s.participants.f1 for s in scores),
        "participants_precision": avg(s.participants.precision for s in scores),
        "participants_recall": avg(s.participants.recall for s in scores),
        "attendance": avg(s.attendance for s in scores),
        "topics_f1": avg(s.topics.f1 for s in scores),
        "frictions_f1": avg(s.frictions.f1 for s in scores),
        "title": avg(s.title for s in scores),
        "status": avg(s.status for s in scores),
        "format": avg(s.format for s in scores),
        "location": avg(s.location for s in scores),
        "date": avg(s.date for s in scores),
        "grounded_share": avg(s.grounded_share for s in scores),
        "supported_share": avg(s.supported_share for s in scores),
    }
    return Report(documents=list(scores), averages=averages)


class Summarizes(Protocol):
    """What evaluation needs of a Summarizer."""

    def summarize_document(self, document: Document) -> MeetingSummary: ...


@dataclass(frozen=True, slots=True)
class Evaluation:
    """Scores, the summaries they were computed from, and why any record failed."""

    report: Report
    summaries: dict[str, MeetingSummary]
    errors: dict[str, str]


def gold_document(record: Gold, *, source: str) -> Document:
    """A gold record's text as a Document, through the same checks as any other input, named
    by its id (load_gold made sure an id can name a file: `eval --save` writes ID.json)."""
    published = record.get("published")
    document = document_from_text(
        str(record["text"]),
        source=source,
        published=published if isinstance(published, str) else None,
    )
    return replace(document, name=str(record["id"]))


def evaluate(
    records: Sequence[Gold],
    summarizer: Summarizes,
    *,
    folder: Path,
    on_document: Callable[[int, int, str], None] | None = None,
    on_part: PartReport | None = None,
) -> Evaluation:
    """Summarize every gold record and score it; a record that fails scores zero and says why.
    `folder` is where the records came from (it names them in provenance and messages).
    `on_document` hears (number, of, id) as each record starts, `on_part` each part of a
    record read in parts: a long evaluation is not silent."""
    scores: list[DocumentScore] = []
    summaries: dict[str, MeetingSummary] = {}
    errors: dict[str, str] = {}
    for number, record in enumerate(records, start=1):
        identifier = str(record["id"])
        source = f"{folder / identifier}.json"
        if on_document is not None:
            on_document(number, len(records), identifier)
        try:
            document = gold_document(record, source=source)
            with progress.reporting(source, on_part):
                summary = summarizer.summarize_document(document)
            score = score_document(record, summary)
        except SummarizerError as error:
            errors[identifier] = str(error)
            scores.append(DocumentScore.failed_document(identifier))
            continue
        except Exception as error:  # a bug scores this record zero; the others are scored
            errors[identifier] = str(contained(error, source=source))
            scores.append(DocumentScore.failed_document(identifier))
            continue
        summaries[identifier] = summary
        scores.append(score)
    return Evaluation(report=aggregate(scores), summaries=summaries, errors=errors)
