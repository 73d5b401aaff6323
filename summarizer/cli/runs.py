"""`summarize runs [RUN]`: the run ledger kept in the cache file, a run or a model call a line."""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import datetime
from pathlib import Path

from rich.markup import escape
from rich.table import Table

from summarizer.cache import ResultCache
from summarizer.cli.common import DEFAULT_CACHE, EXIT_OK, EXIT_USAGE, Parser, console
from summarizer.config import resolve
from summarizer.errors import ConfigError
from summarizer.prices import Prices, estimate, load_prices


def runs_main(argv: list[str]) -> int:
    """`summarize runs [RUN]`: the latest runs in the cache's ledger (documents, failures,
    tokens, cost), or one run's documents and every model call it made."""
    parser = Parser(prog="summarize runs", description=runs_main.__doc__)
    parser.add_argument("run", type=int, nargs="?", help="show this run's documents and calls")
    parser.add_argument("--cache", dest="cache_path", help=f"cache file (default {DEFAULT_CACHE})")
    parser.add_argument("--last", type=int, default=20, help="how many runs (default 20)")
    parser.add_argument("--json", action="store_true", help="print JSON instead of tables")
    args = parser.parse_args(argv)
    try:
        settings = resolve({"cache_path": args.cache_path})
        prices = load_prices(settings.prices_path)
    except ConfigError as error:
        console(stderr=True).print(f"[red]error:[/] {escape(str(error))}")
        return EXIT_USAGE
    path = settings.with_default_cache().cache_file()
    if path is None:
        console(stderr=True).print("no runs: the cache (where runs are kept) is turned off")
        return EXIT_OK
    if not path.exists():
        console(stderr=True).print(f"no runs yet: {path} does not exist")
        return EXIT_OK
    cache = ResultCache(path)
    try:
        if args.json:
            return _print_json(cache, prices, args.run, args.last)
        if args.run is None:
            console().print(_runs_table(cache, prices, path, args.last))
            return EXIT_OK
        return _show_run(cache, args.run)
    finally:
        cache.close()


def _print_json(cache: ResultCache, prices: Prices, run: int | None, last: int) -> int:
    """The same rows as the tables, as JSON on stdout: a list of runs, or one run's
    documents and calls."""
    if run is None:
        rows = [
            {
                **asdict(row),
                "cost": estimate(prices, row.model, row.prompt_tokens, row.completion_tokens),
            }
            for row in cache.runs(last)
        ]
        print(json.dumps(rows, indent=2))
        return EXIT_OK
    documents = cache.documents(run)
    if not documents:
        console(stderr=True).print(f"[red]error:[/] no run {run} in {cache.path}")
        return EXIT_USAGE
    calls = [asdict(call) for call in cache.calls(run)]
    print(json.dumps({"run": run, "documents": [asdict(d) for d in documents], "calls": calls}))
    return EXIT_OK


def _runs_table(cache: ResultCache, prices: Prices, path: Path, last: int) -> Table:
    table = Table(title=f"runs in {path}", title_justify="left")
    columns = ("run", "started", "engine", "model", "docs", "failed", "cached", "tokens", "cost")
    for column in columns:
        table.add_column(column, justify="left" if column in ("engine", "model") else "right")
    for run in cache.runs(last):
        started = datetime.fromtimestamp(run.started).strftime("%Y-%m-%d %H:%M:%S")
        tokens = run.prompt_tokens + run.completion_tokens
        cost = estimate(prices, run.model, run.prompt_tokens, run.completion_tokens)
        table.add_row(
            str(run.id),
            started,
            run.engine,
            run.model,
            str(run.documents),
            str(run.failures),
            str(run.cached),
            str(tokens),
            "-" if cost is None else f"${cost:.4f}",
        )
    return table


def _show_run(cache: ResultCache, run: int) -> int:
    documents = cache.documents(run)
    if not documents:
        console(stderr=True).print(
            f"[red]error:[/] no run {run} in {cache.path}; see `summarize runs`"
        )
        return EXIT_USAGE
    table = Table(title=f"run {run}: documents", title_justify="left")
    for column in ("document", "outcome", "attempts", "tokens in", "tokens out", "s", "detail"):
        table.add_column(
            column, justify="left" if column in ("document", "outcome", "detail") else "right"
        )
    for doc in documents:
        table.add_row(
            doc.source,
            doc.outcome,
            str(doc.attempts),
            str(doc.prompt_tokens),
            str(doc.completion_tokens),
            f"{doc.seconds:.2f}",
            escape((doc.detail or "").split("\n", 1)[0]),  # a traceback: see --json
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
    for call in cache.calls(run):
        calls.add_row(
            call.source,
            str(call.number),
            "-" if call.part is None else str(call.part),
            call.purpose,
            call.status,
            call.outcome,
            f"{call.seconds:.2f}",
            str(call.prompt_tokens),
            str(call.completion_tokens),
            escape(call.error or ""),
        )
    console().print(table)
    console().print(calls if calls.row_count else "no model calls in this run")
    return EXIT_OK
