"""`summarize PATH...`: a thin adapter from arguments to the library; the only module that prints.

stdout carries results only (with --format); progress, the table and errors go to stderr.
Exit codes: 0 all documents summarized, 1 any failed, 2 usage or configuration error, 130 Ctrl-C.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
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
from summarizer.errors import ConfigError, InputError, OutputError
from summarizer.models import MeetingSummary
from summarizer.output import check_writable
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
    add(
        "--follow-links",
        action="store_true",
        help="read links inside a folder that lead out of it (default: refuse them)",
    )
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
    out_dir = None if args.no_files else args.out
    try:
        settings = settings_from(args)
        specs = discover(args.paths, exclude=out_dir, follow_links=args.follow_links)
        if specs and out_dir is not None:
            check_writable(out_dir)
    except (ConfigError, InputError, OutputError) as error:
        _error(err, str(error))
        return EXIT_USAGE
    if not specs:
        _error(err, "no .txt, .md, .html or .json documents found in the given paths")
        return EXIT_USAGE
    stdin = _read_stdin(settings) if any(s.path is None for s in specs) else None
    try:
        summarizer = Summarizer(settings)
    except ConfigError as error:
        _error(err, str(error))
        return EXIT_USAGE
    with summarizer:
        try:
            ran = _run(specs, summarizer, out_dir, stdin, args, err)
        except ConfigError as error:
            _error(err, str(error))
            return EXIT_USAGE
        except KeyboardInterrupt:
            err.print("interrupted: finished documents are on disk; run again to redo the rest")
            return EXIT_INTERRUPTED
        finally:
            for warning in summarizer.warnings:
                err.print(f"[yellow]warning:[/] {shown(warning)}", soft_wrap=True)
    if not args.quiet:
        _report(ran.lines, err)
    written = _write_html(ran.results, out_dir, err) if args.html and out_dir is not None else True
    return EXIT_OK if written and all(line.ok for line in ran.lines) else EXIT_FAILED


def _read_stdin(settings: Settings) -> bytes:
    """Standard input, up to what the character limit could take (the rest would be refused)."""
    return sys.stdin.buffer.read(settings.max_document_chars * 4 + 1)


def _write_html(results: list[DocumentResult], out_dir: Path, err: Console) -> bool:
    try:
        page = write_report(results, out_dir / "report.html")
    except OSError as error:
        reason = error.strerror or type(error).__name__
        _error(err, f"{out_dir / 'report.html'}: the report cannot be written ({reason})")
        return False
    err.print(f"report: {shown(str(page))}")
    return True


_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def shown(text: str) -> str:
    """Text safe for a terminal and for rich: control characters (an escape sequence in a model's
    title or a file name) become visible codes, and rich's markup brackets are escaped."""
    return escape(_CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text))


def _error(err: Console, message: str) -> None:
    err.print(f"[red]error:[/] {shown(message)}", soft_wrap=True)


def report_main(argv: list[str]) -> int:
    """`summarize report OUT_DIR`: the HTML review page for the summaries saved there."""
    parser = argparse.ArgumentParser(prog="summarize report", description=report_main.__doc__)
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    args = parser.parse_args(argv)
    err = console(stderr=True)
    try:
        page, count, missing = report_from_folder(args.out_dir)
    except InputError as error:
        _error(err, str(error))
        return EXIT_USAGE
    except OSError as error:
        _error(err, f"{args.out_dir}: the report cannot be written ({error.strerror or error})")
        return EXIT_FAILED
    for line in missing:
        err.print(f"[yellow]warning:[/] {shown(line)}")
    err.print(f"report: {shown(str(page))} ({count} documents)")
    return EXIT_OK


@dataclass(frozen=True, slots=True)
class _Line:
    """What the closing table needs of one document: kept instead of the result, so a run over
    many documents holds a row each, not every summary."""

    row: list[str]
    ok: bool
    skipped: bool
    error: str | None
    engine: str | None  # the engine that wrote it
    engine_label: str | None  # with its model, and what it fell back from

    @classmethod
    def of(cls, result: DocumentResult) -> _Line:
        summary = result.summary
        return cls(
            row=_row(result),
            ok=result.ok,
            skipped=result.skipped,
            error=str(result.error) if result.error is not None else None,
            engine=summary.provenance.engine if summary is not None else None,
            engine_label=_engine_label(summary) if summary is not None else None,
        )


@dataclass
class _Ran:
    lines: list[_Line] = field(default_factory=list)
    results: list[DocumentResult] = field(default_factory=list)  # kept only for --html


def _run(
    specs: list[InputSpec],
    summarizer: Summarizer,
    out_dir: Path | None,
    stdin: bytes | None,
    args: argparse.Namespace,
    err: Console,
) -> _Ran:
    stream = _STREAMERS.get(args.format) if args.format else None
    show_progress = not args.quiet and len(specs) > 1 and err.is_terminal
    ran = _Ran()
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
            ran.lines.append(_Line.of(result))
            if args.html:
                ran.results.append(result)
            _announce(result, err, sys.stdout, stream)
            progress.advance(task)
    return ran


def _announce(result: DocumentResult, err: Console, out: TextIO, stream: object) -> None:
    if result.error is not None and not result.skipped:
        message = str(result.error)
        if not message.startswith(result.spec.source):
            message = f"{result.spec.source}: {message}"
        _error(err, message)
    if result.summary is not None and callable(stream):
        out.write(stream(result.summary))
        out.flush()


def _report(lines: list[_Line], err: Console) -> None:
    table = Table(title="summaries", title_justify="left")
    table.add_column("document", no_wrap=True, max_width=30, overflow="ellipsis")
    table.add_column("meeting", no_wrap=True, max_width=34, overflow="ellipsis")
    table.add_column("date", no_wrap=True, max_width=21)
    for column in ("att/ment", "topics", "frictions", "grounded", "engine", "s"):
        table.add_column(column, justify="right", no_wrap=True)
    for line in lines:
        table.add_row(*(shown(cell) for cell in line.row))
    err.print(table)
    failed = [line for line in lines if not line.ok]
    skipped = sum(line.skipped for line in failed)
    done = len(lines) - len(failed)
    closing = f"{done} summarized, {len(failed) - skipped} failed"
    if skipped:
        reason = next(line.error for line in failed if line.skipped)
        closing += f", {skipped} skipped ({reason})"
    err.print(shown(closing), soft_wrap=True)
    engines = sorted({line.engine_label for line in lines if line.engine_label is not None})
    if engines:
        err.print(f"engine: {shown(', '.join(engines))}")
    used = {line.engine for line in lines}
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
        status = "skipped" if result.skipped else "failed"
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
