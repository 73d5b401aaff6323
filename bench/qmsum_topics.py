"""How many of QMSum's human topic annotations the record reading's agenda covers.

QMSum (../shared/corpora/qmsum) gives each meeting a topic list, every topic with the turns it
spans. A topic is covered when one part of our agenda overlaps at least half of its turns. The
figure is a second check of the agenda, beside the gold's keyword scores: it says whether the
parts fall where people put them, not whether their labels use the right words.

    python bench/qmsum_topics.py [--limit N] [--json out.json]
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

from summarizer.nlp.records.reading import read_record
from summarizer.readers import document_from_text

CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpora" / "qmsum"


def kind(name: str) -> str:
    if name.startswith(("education", "covid")):
        return "committee"
    return "product" if name[:2] in ("ES", "IS", "TS") else "academic"


def spans(topic: dict[str, object]) -> set[int]:
    turns: set[int] = set()
    for first, last in topic["relevant_text_span"]:  # type: ignore[attr-defined]
        turns.update(range(int(first), int(last) + 1))
    return turns


def measure(path: Path) -> dict[str, object]:
    meeting = json.loads(path.read_text(encoding="utf-8"))
    turns = meeting["meeting_transcripts"]
    text = "\n\n".join(f"{t['speaker']}: {t['content'].strip()}" for t in turns) + "\n"
    document = document_from_text(text)
    started = time.perf_counter()
    reading = read_record(document.text, document.layout, None)
    seconds = time.perf_counter() - started
    index_of = {id(turn): n for n, turn in enumerate(document.layout.turns)}
    parts = []
    for segment in reading.segments:
        first = reading.speeches[segment.first].turns[0]
        last = reading.speeches[segment.last].turns[-1]
        parts.append(set(range(index_of[id(first)], index_of[id(last)] + 1)))
    topics = [spans(topic) for topic in meeting["topic_list"]]
    covered = sum(any(len(t & p) >= len(t) / 2 for p in parts) for t in topics if t)
    return {
        "meeting": path.stem,
        "kind": kind(path.stem),
        "characters": len(text),
        "qmsum_topics": len(topics),
        "our_topics": len(parts),
        "covered": covered,
        "seconds": round(seconds, 2),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N meetings")
    parser.add_argument("--json", type=Path, help="write every row here")
    args = parser.parse_args()
    paths = sorted(CORPUS.glob("*/*.json"))[: args.limit]
    rows = []
    for number, path in enumerate(paths, start=1):
        rows.append(measure(path))
        print(f"\r{number}/{len(paths)} {path.stem}   ", end="", file=sys.stderr, flush=True)
    print(file=sys.stderr)
    print("kind        meetings  QMSum topics  covered  share  our topics/QMSum  s/meeting")
    for name in ("committee", "product", "academic", "all"):
        chosen = [r for r in rows if name in ("all", r["kind"])]
        if not chosen:
            continue
        total = sum(int(r["qmsum_topics"]) for r in chosen)  # type: ignore[call-overload]
        covered = sum(int(r["covered"]) for r in chosen)  # type: ignore[call-overload]
        ratio = statistics.median(
            int(r["our_topics"]) / max(1, int(r["qmsum_topics"]))  # type: ignore[call-overload]
            for r in chosen
        )
        pace = statistics.median(float(r["seconds"]) for r in chosen)  # type: ignore[arg-type]
        print(
            f"{name:<11} {len(chosen):>8}  {total:>12}  {covered:>7}  {covered / total:>5.2f}"
            f"  {ratio:>16.2f}  {pace:>9.2f}"
        )
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
