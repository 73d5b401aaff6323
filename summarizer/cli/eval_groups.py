"""`summarize eval GROUPS_DIR [RECORDS_DIR...]`: score reconciliation against group gold.

`summarize eval` comes here when a folder it is given holds group files (a "documents" list):
every document of every group, and every single record of the other folders (reports of other
meetings), is summarized and reconciled as one pool. `--each` scores each group in its own pool
with all the single records instead. The rules are in examples/reconcile/README.md, "Scoring".
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path

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
from summarizer.errors import ConfigError, SummarizerError
from summarizer.output import write_atomic
from summarizer.pipeline import Summarizer
from summarizer.reconcile.pool import Pool, holds_groups, load_pool, summarize_pool
from summarizer.reconcile.scoring import GroupScore, PoolScore, reconcile_and_score


def wants_groups(argv: Sequence[str]) -> bool:
    """Some folder named on the command line holds group files."""
    return any(holds_groups(Path(arg)) for arg in argv if not arg.startswith("-"))


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="summarize eval",
        description=(
            "Score reconciled meetings against group gold (examples/reconcile/README.md): "
            "group files and single records of other meetings, pooled."
        ),
    )
    parser.add_argument(
        "folders", type=Path, nargs="+", metavar="DIR", help="folders of group files and records"
    )
    parser.add_argument(
        "--each",
        action="store_true",
        help="score each group in its own pool with every single record",
    )
    parser.add_argument(
        "--json", type=Path, dest="json_out", help="write every figure to this file"
    )
    add_engine_flags(parser)
    return parser


def eval_groups_main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    err = console(stderr=True)
    try:
        pool = load_pool(args.folders)
        summarizer = Summarizer(settings_from(args))
    except (ConfigError, SummarizerError) as error:
        err.print(f"[red]error:[/] {escape(str(error))}")
        return EXIT_USAGE
    with summarizer:
        reports, failed = summarize_pool(pool, summarizer, folder=args.folders[0])
        for identifier, message in failed.items():
            err.print(f"[red]error:[/] {identifier}: {escape(message)}", soft_wrap=True)
        pools = [Pool([g], pool.singles) for g in pool.groups] if args.each else [pool]
        scores = [reconcile_and_score(p, reports, summarizer) for p in pools]
    console().print(_table(scores, each=args.each))
    if args.json_out:
        figures = [s.as_dict() for s in scores]
        write_atomic(args.json_out, json.dumps(figures, indent=2) + "\n")
    return EXIT_FAILED if failed else EXIT_OK


def _table(scores: Sequence[PoolScore], *, each: bool) -> Table:
    title = "reconcile eval" + (" (each group with the single records)" if each else "")
    table = Table(title=f"{title}; means in the last row", title_justify="left")
    columns = ("group", "exact", "part. sources", "item sources", "differences", "kinds")
    for column in (*columns, "grounded", "overall"):
        table.add_column(column, justify="left" if column == "group" else "right")
    groups: list[GroupScore] = [g for s in scores for g in s.groups]
    for g in groups:
        table.add_row(
            g.id,
            "yes" if g.exact else "no",
            _num(g.participants.f1),
            _num(g.items.f1),
            f"{g.differences_found}/{g.differences_total}",
            f"{g.kinds_right}/{g.differences_found}",
            f"{g.quotes_found}/{g.quotes_total}",
            _num(g.overall),
        )
    means = _means(scores)
    table.add_row(
        "[b]mean[/]",
        *(f"[b]{_num(means[k])}[/]" for k in ("exact", "participants", "items", "differences")),
        "",
        "",
        f"[b]{_num(means['overall'])}[/]",
    )
    table.caption = (
        f"pairs P/R/F1 {_num(means['pairs_precision'])}/{_num(means['pairs_recall'])}/"
        f"{_num(means['pairs_f1'])}; single records kept apart {_num(means['singles_apart'])}"
    )
    return table


def _means(scores: Sequence[PoolScore]) -> dict[str, float | None]:
    groups = [g for s in scores for g in s.groups]

    def avg(values: Sequence[float | None]) -> float | None:
        present = [v for v in values if v is not None]
        return sum(present) / len(present) if present else None

    return {
        "exact": avg([float(g.exact) for g in groups]),
        "participants": avg([g.participants.f1 for g in groups]),
        "items": avg([g.items.f1 for g in groups]),
        "differences": avg([g.differences_recall for g in groups]),
        "overall": avg([g.overall for g in groups]),
        "pairs_precision": avg([s.pairs.precision for s in scores]),
        "pairs_recall": avg([s.pairs.recall for s in scores]),
        "pairs_f1": avg([s.pairs.f1 for s in scores]),
        "singles_apart": avg([s.singles_apart for s in scores]),
    }


def _num(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"
