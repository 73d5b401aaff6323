"""`summarize eval GOLD_DIR`: summarize gold records (or load saved predictions) and score them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pydantic import ValidationError
from rich.console import Console
from rich.markup import escape
from rich.table import Table

from summarizer.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Parser,
    add_engine_flags,
    console,
    settings_from,
)
from summarizer.documents import Document
from summarizer.errors import ConfigError, SummarizerError
from summarizer.evaluate import DocumentScore, Report, aggregate, load_gold, score_document
from summarizer.models import MeetingSummary
from summarizer.output import write_atomic
from summarizer.pipeline import Summarizer
from summarizer.render import to_json


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="summarize eval",
        description="Score summaries against gold-annotated records (examples/README.md format).",
    )
    parser.add_argument("gold", type=Path, metavar="GOLD_DIR", help="folder of gold .json records")
    parser.add_argument(
        "--json", type=Path, dest="json_out", help="write every figure to this file"
    )
    parser.add_argument("--save", type=Path, help="keep the predicted summaries in this folder")
    parser.add_argument(
        "--predictions", type=Path, help="score summaries saved by --save; calls no model"
    )
    add_engine_flags(parser)
    return parser


def eval_main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    err = console(stderr=True)
    try:
        records = load_gold(args.gold)
        settings = settings_from(args)
    except (ConfigError, SummarizerError) as error:
        err.print(f"[red]error:[/] {escape(str(error))}")
        return EXIT_USAGE
    failures = 0
    scores: list[DocumentScore] = []
    summarizer = None if args.predictions else Summarizer(settings)
    try:
        for record in records:
            summary = _prediction(record, summarizer, args, err)
            if summary is None:
                failures += 1
                scores.append(DocumentScore.failed_document(record["id"]))
                continue
            if args.save:
                write_atomic(args.save / f"{record['id']}.json", to_json(summary))
            scores.append(score_document(record, summary))
    finally:
        if summarizer is not None:
            summarizer.close()
    report = aggregate(scores)
    console().print(_table(report))
    if args.json_out:
        write_atomic(args.json_out, json.dumps(report.as_dict(), indent=2) + "\n")
    return EXIT_FAILED if failures else EXIT_OK


def _prediction(
    record: dict[str, object],
    summarizer: Summarizer | None,
    args: argparse.Namespace,
    err: Console,
) -> MeetingSummary | None:
    identifier = str(record["id"])
    if summarizer is None:
        path = args.predictions / f"{identifier}.json"
        try:
            return MeetingSummary.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError) as error:
            err.print(f"[red]error:[/] {path}: no usable saved summary ({type(error).__name__})")
            return None
    published = record.get("published")
    document = Document(
        text=str(record["text"]),
        source=f"{args.gold / identifier}.json",
        name=identifier,
        published=published if isinstance(published, str) else None,
    )
    try:
        return summarizer.summarize_document(document)
    except SummarizerError as error:
        err.print(f"[red]error:[/] {identifier}: {escape(str(error))}")
        return None


def _table(report: Report) -> Table:
    table = Table(title="eval (macro averages in the last row)", title_justify="left")
    columns = ("document", "overall", "part F1", "attend", "topic F1", "frict F1")
    for column in (*columns, "status", "format", "date", "place", "grounded"):
        table.add_column(column, justify="left" if column == "document" else "right")
    for score in report.documents:
        table.add_row(
            score.id,
            _num(score.overall),
            _num(score.participants.f1),
            _num(score.attendance),
            _num(score.topics.f1),
            _num(score.frictions.f1),
            _num(score.status),
            _num(score.format),
            _num(score.date),
            _num(score.location),
            _num(score.grounded_share),
        )
    a = report.averages
    keys = [
        *("overall", "participants_f1", "attendance", "topics_f1", "frictions_f1", "status"),
        *("format", "date", "location", "grounded_share"),
    ]
    table.add_row("[b]mean[/]", *(f"[b]{_num(a[key])}[/]" for key in keys))
    return table


def _num(value: float | bool | None) -> str:
    return "-" if value is None else f"{float(value):.2f}"
