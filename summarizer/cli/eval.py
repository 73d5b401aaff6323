"""`summarize eval GOLD_DIR`: summarize gold records (or load saved predictions) and score them."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from rich.console import Console
from rich.table import Table

from summarizer.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Parser,
    add_engine_flags,
    console,
    parts_shown,
    print_error,
    progress_line,
    settings_from,
    shown,
)
from summarizer.cli.eval_groups import eval_groups_main, wants_groups
from summarizer.errors import GoldRecordError, InputError, OutputError, SummarizerError
from summarizer.evaluate import Evaluation, Report, Summarizes, evaluate
from summarizer.gold import Gold, load_gold
from summarizer.models import MeetingSummary
from summarizer.output import check_file_writable, check_writable, output_path, write_atomic
from summarizer.pipeline import Summarizer
from summarizer.readers import Document
from summarizer.render import to_json
from summarizer.saved import read_summary


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
        settings = settings_from(args)
        records = load_gold(args.gold, max_chars=settings.max_document_chars)
        _check_outputs(args)
        summarizer: Summarizes = (
            SavedSummaries(args.predictions) if args.predictions else Summarizer(settings)
        )
    except GoldRecordError as error:
        for problem in error.problems:
            print_error(err, problem)
        count = len(error.problems)
        noun = "record" if count == 1 else "records"
        print_error(err, f"{count} bad gold {noun} in {args.gold}; nothing was summarized")
        return EXIT_USAGE
    except SummarizerError as error:
        print_error(err, str(error))
        return EXIT_USAGE
    try:
        evaluation = _evaluate_showing_progress(records, summarizer, args.gold, err)
    finally:
        if isinstance(summarizer, Summarizer):
            summarizer.close()
    for identifier, message in evaluation.errors.items():
        print_error(err, f"{identifier}: {message}")
    written = _save(evaluation.summaries, args.save, err) if args.save else True
    console().print(_table(evaluation.report))
    if args.json_out:
        figures = json.dumps(evaluation.report.as_dict(), indent=2) + "\n"
        written = _write(args.json_out, figures, err) and written
    return EXIT_FAILED if evaluation.errors or not written else EXIT_OK


def _check_outputs(args: argparse.Namespace) -> None:
    """Where results go, checked before the first document: no run is lost at the end."""
    if args.save:
        check_writable(args.save, flag="--save")
    if args.json_out:
        check_file_writable(args.json_out, flag="--json")
    if args.predictions and not args.predictions.is_dir():
        raise InputError(
            f"{args.predictions}: not a folder of saved summaries; pass --predictions the "
            "folder --save wrote"
        )


def _save(summaries: dict[str, MeetingSummary], folder: Path, err: Console) -> bool:
    """Each summary as `folder/ID.json` (load_gold made sure an id can name a file there)."""
    saved = True
    for identifier, summary in summaries.items():
        try:
            path = output_path(folder, identifier, ".json")
        except OutputError as error:
            print_error(err, str(error))
            saved = False
            continue
        saved = _write(path, to_json(summary), err) and saved
    return saved


def _write(path: Path, text: str, err: Console) -> bool:
    try:
        write_atomic(path, text)
    except OSError as error:
        print_error(err, f"{path}: not written ({error.strerror or type(error).__name__})")
        return False
    return True


def _evaluate_showing_progress(
    records: list[Gold], summarizer: Summarizes, folder: Path, err: Console
) -> Evaluation:
    """The evaluation, with a progress line on a terminal: which record, and which part of a
    long one (a model reads a two-hour transcript for many minutes)."""
    with progress_line(err, shown=err.is_terminal) as progress:
        task = progress.add_task("scoring", total=len(records))

        def starting(number: int, _of: int, identifier: str) -> None:
            progress.update(task, completed=number - 1, description=f"scoring {shown(identifier)}")

        return evaluate(
            records,
            summarizer,
            folder=folder,
            on_document=starting,
            on_part=parts_shown(progress, task, "scoring"),
        )


class SavedSummaries:
    """Summaries saved by `--save`, served by document name (the record's id): re-scoring calls
    no model."""

    def __init__(self, folder: Path) -> None:
        self._folder = folder

    def summarize_document(self, document: Document) -> MeetingSummary:
        path = self._folder / f"{document.name}.json"
        summary = read_summary(path)
        if summary is None:
            raise InputError(f"{path}: not a summary; pass --predictions the folder --save wrote")
        return summary


def _table(report: Report) -> Table:
    table = Table(title="eval (macro averages in the last row)", title_justify="left")
    columns = ("document", "overall", "part F1", "attend", "topic F1", "frict F1")
    for column in (*columns, "status", "format", "date", "place", "grounded", "supported"):
        table.add_column(column, justify="left" if column == "document" else "right")
    for score in report.documents:
        table.add_row(
            shown(score.id),
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
