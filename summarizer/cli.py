"""`summarize PATH...`: a thin adapter from arguments to the library; the only module that prints.

stdout carries results only (with --format); progress, the table and errors go to stderr.
Exit codes: 0 all documents summarized, 1 any failed, 2 usage or configuration error, 130 Ctrl-C.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from rich.console import Console
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from summarizer._version import __version__
from summarizer.batch import DocumentResult, report_from_folder, run_batch, write_report
from summarizer.config import EndpointKind, EngineName, Settings, resolve
from summarizer.documents import STDIN, InputSpec, discover
from summarizer.errors import ConfigError, InputError
from summarizer.models import MeetingSummary
from summarizer.pipeline import Summarizer
from summarizer.render import to_json, to_json_line, to_markdown

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_CACHE = Path("~/.cache/summarizer/cache.sqlite")
_STREAMERS = {"json": to_json, "jsonl": to_json_line, "markdown": to_markdown}
REAL_MODEL_HINT = (
    "For real summaries point summarize at a capable model: --base-url URL --model NAME "
    "(any OpenAI-compatible server: vLLM, Ollama, llama.cpp), or set OPENAI_API_KEY."
)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="summarize",
        description=(
            "Source-grounded structured summaries of meeting documents. "
            "`summarize eval GOLD_DIR` scores them against gold annotations."
        ),
        epilog=REAL_MODEL_HINT,
    )
    add = parser.add_argument
    add("paths", nargs="+", metavar="PATH", help="files, folders, globs, or - for stdin")
    add("--out", type=Path, default=Path("out"), help="output folder (default: out/)")
    add("--no-files", action="store_true", help="write no files (use with --format)")
    add("--format", choices=sorted(_STREAMERS), help="also stream results to stdout")
    add("--html", action="store_true", help="also write OUT/report.html to review the evidence")
    add("--concurrency", type=int, help="documents at once (default: 8 for endpoints, else 1)")
    add("--no-cache", action="store_true", help="neither reuse nor store results")
    add("--refresh", action="store_true", default=None, help="recompute even what is cached")
    add("--cache", dest="cache_path", help=f"cache file (default {DEFAULT_CACHE})")
    add("--max-tokens-per-doc", type=int, help="stop the run when a document uses more tokens")
    add("--max-cost", type=float, help="stop the run when its estimated cost passes this (USD)")
    add_engine_flags(parser)
    add("--quiet", action="store_true", help="no progress bar or table")
    add("--version", action="version", version=f"summarize {__version__}")
    return parser


def add_engine_flags(parser: argparse.ArgumentParser) -> None:
    """The flags that choose and tune the engine, shared by `summarize` and `summarize eval`."""
    add = parser.add_argument
    add("--engine", choices=[e.value for e in EngineName], help="default: auto")
    add("--model", help="model name at the endpoint (env SUMMARIZER_MODEL)")
    add("--base-url", help="OpenAI-compatible endpoint (env OPENAI_BASE_URL)")
    add(
        "--endpoint-kind",
        choices=[k.value for k in EndpointKind],
        help="how to ask for structured output (default: probe the endpoint)",
    )
    add("--max-tokens", type=int, help="cap on each answer's tokens")
    add("--max-reasks", type=int, help="re-asks after an invalid answer (default 2)")
    add("--timeout", type=float, dest="request_timeout", help="seconds per request")
    add(
        "--assist",
        action="store_true",
        default=None,
        help="give the LLM the parser's candidate people and numbered sentences",
    )


_SETTING_FLAGS = (
    "engine",
    "max_tokens_per_doc",
    "max_cost",
    "concurrency",
    "refresh",
    "cache_path",
    "model",
    "base_url",
    "endpoint_kind",
    "max_tokens",
    "max_reasks",
    "request_timeout",
    "assist",
)


def console(*, stderr: bool = False) -> Console:
    """A console that keeps tables readable when piped (rich assumes 80 columns there)."""
    probe = Console(stderr=stderr)
    return Console(stderr=stderr, highlight=False, width=None if probe.is_terminal else 160)


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from flags and the environment; the CLI keeps a result cache unless told not to."""
    flags = {name: getattr(args, name, None) for name in _SETTING_FLAGS}
    settings = resolve(flags)
    path = settings.cache_path
    if getattr(args, "no_cache", False) or (path or "").lower() in ("off", "no", "none", "0"):
        return settings.with_overrides(cache_path=None)
    return settings if path else settings.with_overrides(cache_path=str(DEFAULT_CACHE))


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # Failures reach the user once, as our own one-line errors; instructor also logs each attempt.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    if arguments[:1] == ["eval"]:
        from summarizer.cli_eval import eval_main

        return eval_main(arguments[1:])
    if arguments[:1] == ["report"]:
        return report_main(arguments[1:])
    if arguments[:1] == ["runs"]:
        from summarizer.cli_runs import runs_main

        return runs_main(arguments[1:])
    args = build_parser().parse_args(arguments)
    err = console(stderr=True)
    try:
        settings = settings_from(args)
        specs = discover(args.paths, exclude=None if args.no_files else args.out)
    except (ConfigError, InputError) as error:
        err.print(f"[red]error:[/] {error}", markup=True)
        return EXIT_USAGE
    if not specs:
        err.print("[red]error:[/] no .txt, .md, .html or .json documents found in the given paths")
        return EXIT_USAGE
    stdin = sys.stdin.buffer.read() if any(s.path is None for s in specs) else None
    out_dir = None if args.no_files else args.out
    with Summarizer(settings) as summarizer:
        try:
            results = _run(specs, summarizer, out_dir, stdin, args, err)
        except ConfigError as error:
            err.print(f"[red]error:[/] {escape(str(error))}")
            return EXIT_USAGE
        except KeyboardInterrupt:
            err.print("interrupted: finished documents are on disk; run again to redo the rest")
            return EXIT_INTERRUPTED
    if not args.quiet:
        _report(results, err)
    if args.html and out_dir is not None:
        page = write_report(results, out_dir / "report.html")
        err.print(f"report: {page}")
    return EXIT_OK if all(result.ok for result in results) else EXIT_FAILED


def report_main(argv: list[str]) -> int:
    """`summarize report OUT_DIR`: the HTML review page for the summaries saved there."""
    parser = argparse.ArgumentParser(prog="summarize report", description=report_main.__doc__)
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    args = parser.parse_args(argv)
    err = console(stderr=True)
    try:
        page, count, missing = report_from_folder(args.out_dir)
    except InputError as error:
        err.print(f"[red]error:[/] {escape(str(error))}")
        return EXIT_USAGE
    for line in missing:
        err.print(f"[yellow]warning:[/] {escape(line)}")
    err.print(f"report: {page} ({count} documents)")
    return EXIT_OK


def _run(
    specs: list[InputSpec],
    summarizer: Summarizer,
    out_dir: Path | None,
    stdin: bytes | None,
    args: argparse.Namespace,
    err: Console,
) -> list[DocumentResult]:
    stream = _STREAMERS.get(args.format) if args.format else None
    show_progress = not args.quiet and len(specs) > 1 and err.is_terminal
    results: list[DocumentResult] = []
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not show_progress,
        transient=True,
    ) as progress:
        task = progress.add_task("summarizing", total=len(specs))
        for result in run_batch(specs, summarizer, out_dir=out_dir, stdin=stdin):
            results.append(result)
            _announce(result, err, sys.stdout, stream)
            progress.advance(task)
    return results


def _announce(result: DocumentResult, err: Console, out: TextIO, stream: object) -> None:
    if result.error is not None and not result.skipped:
        message = str(result.error)
        if not message.startswith(result.spec.source):
            message = f"{result.spec.source}: {message}"
        err.print(f"[red]error:[/] {escape(message)}", markup=True, soft_wrap=True)
    if result.summary is not None and callable(stream):
        out.write(stream(result.summary))
        out.flush()


def _report(results: list[DocumentResult], err: Console) -> None:
    table = Table(title="summaries", title_justify="left")
    table.add_column("document", no_wrap=True, max_width=30, overflow="ellipsis")
    table.add_column("meeting", no_wrap=True, max_width=34, overflow="ellipsis")
    table.add_column("date", no_wrap=True, max_width=21)
    for column in ("att/ment", "topics", "frictions", "grounded", "engine", "s"):
        table.add_column(column, justify="right", no_wrap=True)
    for result in results:
        table.add_row(*_row(result))
    err.print(table)
    failed = [r for r in results if not r.ok]
    skipped = sum(r.skipped for r in failed)
    done = len(results) - len(failed)
    line = f"{done} summarized, {len(failed) - skipped} failed"
    if skipped:
        reason = next(str(r.error) for r in failed if r.skipped)
        line += f", {skipped} skipped ({reason})"
    err.print(escape(line), soft_wrap=True)
    engines = sorted({_engine_label(r.summary) for r in results if r.summary is not None})
    if engines:
        err.print(f"engine: {', '.join(engines)}")
    used = {r.summary.provenance.engine for r in results if r.summary is not None}
    for engine, note in _ENGINE_NOTES.items():
        if engine in used:
            err.print(f"[yellow]note:[/] {note} {REAL_MODEL_HINT}", markup=True, soft_wrap=True)


_ENGINE_NOTES = {
    EngineName.EXTRACTIVE.value: "the offline extractive engine (rules over a spaCy parse, no LLM) "
    "wrote these.",
    EngineName.EMBEDDED.value: "the embedded 270M model is tiny: its summaries validate but their "
    "content is unreliable.",
}


def _engine_label(summary: MeetingSummary) -> str:
    provenance = summary.provenance
    label = f"{provenance.engine} ({provenance.model})"
    return (
        f"{label}, falling back from {provenance.fallback_from}"
        if provenance.fallback_from
        else label
    )


def _row(result: DocumentResult) -> list[str]:
    name = result.spec.name if result.spec.path is not None else STDIN
    summary = result.summary
    if summary is None:
        status = "skipped" if result.skipped else "[red]failed[/]"
        return [name, status, "", "", "", "", "", "", f"{result.seconds:.1f}"]
    meeting = summary.meeting
    attended = sum(p.presence == "attended" for p in summary.participants)
    grounded, total = summary.grounded_items()
    return [
        name,
        " ".join(meeting.title.split()),
        meeting.date or meeting.date_text or "",
        f"{attended}/{len(summary.participants) - attended}",
        str(len(summary.agenda_topics)),
        str(len(summary.frictions)),
        f"{grounded}/{total}",
        summary.provenance.engine + ("*" if summary.provenance.fallback_from else ""),
        f"{result.seconds:.2f}",
    ]
