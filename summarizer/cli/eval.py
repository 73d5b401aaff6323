"""`summarize eval GOLD_DIR`: summarize gold records (or load saved predictions) and score them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from pydantic import ValidationError
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
from summarizer.cli.eval_groups import eval_groups_main, wants_groups
from summarizer.documents import Document
from summarizer.errors import ConfigError, InputError, SummarizerError
from summarizer.evaluate import Report, Summarizes, evaluate, load_gold
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
    if wants_groups(argv):  # group gold (examples/reconcile): scored as reconciled meetings
        return eval_groups_main(argv)
    args = build_parser().parse_args(argv)
    err = console(stderr=True)
    try:
        records = load_gold(args.gold)
        settings = settings_from(args)
        summarizer: Summarizes = (
            SavedSummaries(args.predictions) if args.predictions else Summarizer(settings)
        )
    except (ConfigError, SummarizerError) as error:
        err.print(f"[red]error:[/] {escape(str(error))}")
        return EXIT_USAGE
    try:
        evaluation = evaluate(records, summarizer, folder=args.gold)
    finally:
        if isinstance(summarizer, Summarizer):
            summarizer.close()
    for identifier, message in evaluation.errors.items():
        err.print(f"[red]error:[/] {identifier}: {escape(message)}", soft_wrap=True)
    if args.save:
        for identifier, summary in evaluation.summaries.items():
            write_atomic(args.save / f"{identifier}.json", to_json(summary))
    console().print(_table(evaluation.report))
    if args.json_out:
        write_atomic(args.json_out, json.dumps(evaluation.report.as_dict(), indent=2) + "\n")
    return EXIT_FAILED if evaluation.errors else EXIT_OK


class SavedSummaries:
    """Summaries saved by `--save`, served by document name: re-scoring calls no model."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def summarize_document(self, document: Document) -> MeetingSummary:
        path = self._folder / f"{document.name}.json"
        try:
            return MeetingSummary.model_validate_json(path.read_text(encoding="utf-8"))
        except (OSError, ValidationError) as error:
            raise InputError(f"{path}: no usable saved summary ({type(error).__name__})") from None


def _table(report: Report) -> Table:
    table = Table(title="eval (macro averages in the last row)", title_justify="left")
    columns = ("document", "overall", "part F1", "attend", "topic F1", "frict F1")
    for column in (*columns, "status", "format", "date", "place", "grounded", "supported"):
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
            _num(score.supported_share),
        )
    a = report.averages
    keys = [
        *("overall", "participants_f1", "attendance", "topics_f1", "frictions_f1", "status"),
        *("format", "date", "location", "grounded_share", "supported_share"),
    ]
    table.add_row("[b]mean[/]", *(f"[b]{_num(a[key])}[/]" for key in keys))
    return table


def _num(value: float | bool | None) -> str:
    return "-" if value is None else f"{float(value):.2f}"
