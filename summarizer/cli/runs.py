"""`summarize runs [RUN]`: the run ledger kept in the cache file, a run or a model call a line."""

from __future__ import annotations

import argparse
import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from rich.console import Console
from rich.table import Table

from summarizer.cli.common import (
    DEFAULT_CACHE,
    EXIT_OK,
    EXIT_USAGE,
    Parser,
    console,
    print_error,
    shown,
)
from summarizer.config import resolve
from summarizer.errors import ConfigError
from summarizer.ledger import Ledger, RunRow
from summarizer.prices import Prices, estimate, load_prices


def runs_main(argv: list[str]) -> int:
    """`summarize runs [RUN]`: the latest runs in the cache's ledger (documents, failures,
    tokens, cost), or one run's documents and every model call it made."""
    parser = Parser(prog="summarize runs", description=runs_main.__doc__)
    parser.add_argument("run", type=int, nargs="?", help="show this run's documents and calls")
    parser.add_argument("--cache", dest="cache_path", help=f"cache file (default {DEFAULT_CACHE})")
    parser.add_argument("--last", type=_count, default=20, help="how many runs (default 20)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    err = console(stderr=True)
    try:
        settings = resolve({"cache_path": args.cache_path})
        prices = load_prices(settings.prices_path)
    except ConfigError as error:
        print_error(err, str(error))
        return EXIT_USAGE
    path = settings.with_default_cache().cache_file()
    if path is None:
        err.print("no runs: the cache (where runs are kept) is turned off")
        return EXIT_OK
    if not path.exists():
        err.print(f"no runs yet: {shown(str(path))} does not exist", soft_wrap=True)
        return EXIT_OK
    try:
        with Ledger(path) as ledger:
            if args.json:
                return _print_json(ledger, prices, args.run, args.last, err)
            if args.run is None:
                console().print(_runs_table(ledger, prices, path, args.last))
                return EXIT_OK
            return _show_run(ledger, args.run, err)
    except ConfigError as error:
        print_error(err, str(error))
        return EXIT_USAGE


def _count(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"{value} runs: give 1 or more")
    return number


def _print_json(ledger: Ledger, prices: Prices, run: int | None, last: int, err: Console) -> int:
    """The same rows as the tables, as JSON on stdout: a list of runs, or one run's
    documents and calls."""
    if run is None:
        rows = [{**asdict(row), "cost": _cost(prices, row)} for row in ledger.runs(last)]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    documents = ledger.documents(run)
    if not documents:
        print_error(err, f"no run {run} in {ledger.path}")
        return EXIT_USAGE
    calls = [asdict(call) for call in ledger.calls(run)]
    print(json.dumps({"run": run, "documents": [asdict(d) for d in documents], "calls": calls}))
    return EXIT_OK


def _runs_table(ledger: Ledger, prices: Prices, path: Path, last: int) -> Table:
    table = Table(title=f"runs in {shown(str(path))}", title_justify="left")
    columns = ("run", "started", "engine", "model", "docs", "failed", "cached", "tokens", "cost")
    for column in columns:
        table.add_column(column, justify="left" if column in ("engine", "model") else "right")
    for run in ledger.runs(last):
        tokens = _sum(run.prompt_tokens, run.completion_tokens)
        cost = _cost(prices, run)
        table.add_row(
            str(run.id),
            _when(run.started),
            shown(run.engine),
            shown(run.model),
            _number(run.documents),
            _number(run.failures),
            _number(run.cached),
            _number(tokens),
            "-" if cost is None else f"${cost:.4f}",
        )
    return table


def _show_run(ledger: Ledger, run: int, err: Console) -> int:
    documents = ledger.documents(run)
    if not documents:
        print_error(err, f"no run {run} in {ledger.path}; see `summarize runs`")
        return EXIT_USAGE
    table = Table(title=f"run {run}: documents", title_justify="left")
    for column in ("document", "outcome", "attempts", "tokens in", "tokens out", "s", "detail"):
        table.add_column(
            column, justify="left" if column in ("document", "outcome", "detail") else "right"
        )
    for doc in documents:
        table.add_row(
            shown(doc.source),
            shown(doc.outcome),
            _number(doc.attempts),
            _number(doc.prompt_tokens),
            _number(doc.completion_tokens),
            _seconds(doc.seconds),
            shown((doc.detail or "").split("\n", 1)[0]),  # a traceback: see --json
        )
    calls = Table(title=f"run {run}: model calls", title_justify="left")
    for column in (
        "document",
        "#",
        "part",
        "purpose",
        "status",
        "outcome",
        "s",
        "in",
        "out",
        "error",
    ):
        calls.add_column(
            column, justify="right" if column in ("#", "part", "s", "in", "out") else "left"
        )
    for call in ledger.calls(run):
        calls.add_row(
            shown(call.source),
            _number(call.number),
            "-" if call.part is None else str(call.part),
            shown(call.purpose),
            shown(call.status),
            shown(call.outcome),
            _seconds(call.seconds),
            _number(call.prompt_tokens),
            _number(call.completion_tokens),
            shown(call.error or ""),
        )
    console().print(table)
    console().print(calls if calls.row_count else "no model calls in this run")
    return EXIT_OK


# A cell the ledger could not read as its kind (ledger.py reads it as None) shows as "?".
def _number(value: int | None) -> str:
    return "?" if value is None else str(value)


def _seconds(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}"


def _when(started: float | None) -> str:
    if started is None:
        return "?"
    try:
        return datetime.fromtimestamp(started).strftime("%Y-%m-%d %H:%M:%S")
    except (OverflowError, OSError, ValueError):  # a time no calendar here can show
        return "?"


def _sum(first: int | None, second: int | None) -> int | None:
    return None if first is None or second is None else first + second


def _cost(prices: Prices, run: RunRow) -> float | None:
    if run.prompt_tokens is None or run.completion_tokens is None:
        return None
    return estimate(prices, run.model, run.prompt_tokens, run.completion_tokens)
