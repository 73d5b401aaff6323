"""`summarize PATH...`: summarize files, folders, globs or stdin into files and onto stdout.

Reading standard input alone answers on stdout (JSON unless --format says otherwise), as `llm`
does; with --out, or for files and folders, results go to the output folder.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.console import Console

from summarizer._version import __version__
from summarizer.batch import DocumentResult
from summarizer.cli.common import (
    DEFAULT_CACHE,
    EXIT_FAILED,
    EXIT_INTERRUPTED,
    EXIT_OK,
    EXIT_USAGE,
    REAL_MODEL_HINT,
    Parser,
    add_engine_flags,
    console,
    parts_shown,
    print_error,
    progress_line,
    second_interrupt_exits,
    settings_from,
    shown,
)
from summarizer.cli.meetings import write_meetings
from summarizer.cli.table import Line, report
from summarizer.config import Settings
from summarizer.errors import ConfigError, InputError, InternalError, OutputError
from summarizer.models import MeetingSummary
from summarizer.output import check_writable
from summarizer.pipeline import Summarizer
from summarizer.readers import InputFormat, InputSpec, byte_limit, discover
from summarizer.reconcile.models import ReconciledMeeting
from summarizer.render import to_json, to_json_line, to_markdown
from summarizer.report import write_report

DEFAULT_OUT = Path("out")
_STREAMERS: dict[str, Callable[[MeetingSummary], str]] = {
    "json": to_json,
    "jsonl": to_json_line,
    "markdown": to_markdown,
}
SUBCOMMANDS = (
    "other commands:\n"
    "  summarize eval GOLD_DIR   score summaries against gold annotations (or, for group\n"
    "                            files, reconciled meetings: examples/reconcile/README.md)\n"
    "  summarize report OUT_DIR  rebuild the HTML review page from saved summaries\n"
    "  summarize runs [RUN]      the run ledger: runs, documents, model calls, cost\n"
)


def build_parser() -> argparse.ArgumentParser:
    parser = Parser(
        prog="summarize",
        description="Source-grounded structured summaries of meeting documents.",
        epilog=f"{SUBCOMMANDS}\n{REAL_MODEL_HINT}",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = parser.add_argument
    add("paths", nargs="+", metavar="PATH", help="files, folders, globs, or - for stdin")
    add("-o", "--out", type=Path, help="output folder (default: out/; stdin alone: stdout)")
    add("--no-files", action="store_true", help="write no files (use with --format)")
    add(
        "--follow-links",
        action="store_true",
        help="read links inside a folder that lead out of it (default: refuse them)",
    )
    add("--format", choices=sorted(_STREAMERS), help="also print results to stdout")
    add("--html", action="store_true", help="also write OUT/report.html to review the evidence")
    add(
        "--reconcile",
        action="store_true",
        help="also write OUT/meetings/: one account per meeting that two or more documents report",
    )
    add("--published", type=_iso_day, help="publication date (YYYY-MM-DD) of undated documents")
    add(
        "--input-format",
        choices=[layout.value for layout in InputFormat],
        help="how the inputs are laid out (default: told by each file's suffix and content)",
    )
    add("--concurrency", type=int, help="documents at once (default: 8 for endpoints, else 1)")
    add("--no-cache", action="store_true", help="neither reuse nor store results")
    add("--refresh", action="store_true", default=None, help="recompute even what is cached")
    add("--cache", dest="cache_path", help=f"cache file (default {DEFAULT_CACHE}; off: none)")
    add("--max-tokens-per-doc", type=int, help="stop the run when a document uses more tokens")
    add("--max-cost", type=float, help="stop the run when its estimated cost passes this (USD)")
    add_engine_flags(parser)
    add("-q", "--quiet", action="store_true", help="no progress bar or table")
    add("-v", "--verbose", action="store_true", help="print the traceback of an internal error")
    add("--version", action="version", version=f"summarize {__version__}")
    _completion(parser)
    return parser


def _completion(parser: argparse.ArgumentParser) -> None:
    """Shell completion when argcomplete asks for it (see README); nothing otherwise."""
    if "_ARGCOMPLETE" in os.environ:
        import argcomplete

        argcomplete.autocomplete(parser)


def _iso_day(value: str) -> str:
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date like 2024-03-05") from None


@dataclass(frozen=True, slots=True)
class _Plan:
    """Where this invocation reads from and writes to."""

    specs: list[InputSpec]
    out_dir: Path | None
    stream: Callable[[MeetingSummary], str] | None
    as_array: bool  # --format json over several documents: one JSON array


def _plan(args: argparse.Namespace) -> _Plan:
    exclude = None if args.no_files else (args.out or DEFAULT_OUT)
    specs = discover(args.paths, exclude=exclude, follow_links=args.follow_links)
    stdin_only = bool(specs) and all(spec.path is None for spec in specs)
    answer_on_stdout = stdin_only and args.out is None
    out_dir = None if args.no_files or answer_on_stdout else (args.out or DEFAULT_OUT)
    chosen = args.format or ("json" if answer_on_stdout else None)
    stream = _STREAMERS[chosen] if chosen else None
    if out_dir is not None and specs:
        check_writable(out_dir)
    return _Plan(specs, out_dir, stream, as_array=chosen == "json" and len(specs) > 1)


def summarize_main(argv: list[str]) -> int:
    args = build_parser().parse_args(argv)
    err = console(stderr=True)
    try:
        settings = settings_from(args)
        plan = _plan(args)
    except (ConfigError, InputError, OutputError) as error:
        print_error(err, str(error))
        return EXIT_USAGE
    if not plan.specs:
        print_error(err, "no .txt, .md, .html or .json documents found in the given paths")
        return EXIT_USAGE
    if args.reconcile and plan.out_dir is None:
        print_error(err, "--reconcile writes OUT/meetings/: give files to write (drop --no-files)")
        return EXIT_USAGE
    stdin = _read_stdin(settings) if any(s.path is None for s in plan.specs) else None
    try:
        summarizer = Summarizer(settings)
    except ConfigError as error:
        print_error(err, str(error))
        return EXIT_USAGE
    with second_interrupt_exits(), summarizer:
        try:
            ran = _run(plan, summarizer, stdin, args, err)
        except ConfigError as error:
            print_error(err, str(error))
            return EXIT_USAGE
        except KeyboardInterrupt:
            err.print("interrupted: finished documents are on disk; run again to do the rest")
            return EXIT_INTERRUPTED
        finally:
            for warning in summarizer.warnings:
                err.print(f"[yellow]warning:[/] {shown(warning)}", soft_wrap=True)
        if not args.quiet:
            report(ran.lines, err)
        written, meetings = True, list[ReconciledMeeting]()
        if args.reconcile and plan.out_dir is not None:
            written, meetings = write_meetings(summarizer, ran.results, plan.out_dir, err)
    if args.html and plan.out_dir is not None:
        written = _write_html(ran.results, plan.out_dir, err, meetings) and written
    return EXIT_OK if written and all(line.ok for line in ran.lines) else EXIT_FAILED


def _read_stdin(settings: Settings) -> bytes:
    """Standard input, up to what the character limit could take (the rest would be refused)."""
    return sys.stdin.buffer.read(byte_limit(settings.max_document_chars) + 1)


def _write_html(
    results: list[DocumentResult],
    out_dir: Path,
    err: Console,
    meetings: Sequence[ReconciledMeeting],
) -> bool:
    try:
        entries = [entry for result in results if (entry := result.report_entry()) is not None]
        page = write_report(entries, out_dir / "report.html", meetings=meetings)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        print_error(err, f"{out_dir / 'report.html'}: the report cannot be written ({reason})")
        return False
    err.print(f"report: {shown(str(page))}")
    return True


@dataclass
class _Ran:
    lines: list[Line] = field(default_factory=list)
    results: list[DocumentResult] = field(default_factory=list)  # kept for --html, --reconcile


class _Stdout:
    """Results on stdout: one after another, or one JSON array. When the reader goes away
    (`| head -1`), printing stops quietly instead of failing the run."""

    def __init__(self, render: Callable[[MeetingSummary], str], *, as_array: bool) -> None:
        self._render = render
        self._as_array = as_array
        self._count = 0
        self.closed = False

    def write(self, summary: MeetingSummary) -> None:
        text = self._render(summary)
        if self._as_array:
            text = ("[\n" if self._count == 0 else ",\n") + text.rstrip("\n")
        self._emit(text)
        self._count += 1

    def finish(self) -> None:
        if self._as_array:
            self._emit("[]\n" if self._count == 0 else "\n]\n")

    def _emit(self, text: str) -> None:
        if self.closed:
            return
        try:
            sys.stdout.write(text)
            sys.stdout.flush()
        except BrokenPipeError:
            self.closed = True
            # Python would report the pipe again when it flushes stdout at exit.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())


def _run(
    plan: _Plan,
    summarizer: Summarizer,
    stdin: bytes | None,
    args: argparse.Namespace,
    err: Console,
) -> _Ran:
    stdout = _Stdout(plan.stream, as_array=plan.as_array) if plan.stream else None
    show_progress = not args.quiet and err.is_terminal
    ran = _Ran()
    with progress_line(err, shown=show_progress) as progress:
        task = progress.add_task("summarizing", total=len(plan.specs))
        results = summarizer.summarize_many(
            plan.specs,
            out_dir=plan.out_dir,
            stdin=stdin,
            published=args.published,
            on_part=parts_shown(progress, task, "summarizing"),
        )
        for result in results:
            ran.lines.append(Line.of(result))
            if args.html or args.reconcile:
                ran.results.append(result)
            _announce(result, err, stdout, verbose=args.verbose)
            progress.advance(task)
            if stdout is not None and stdout.closed and plan.out_dir is None:
                break  # nobody reads the results and none are written: stop here
    if stdout is not None:
        stdout.finish()
    return ran


def _announce(
    result: DocumentResult, err: Console, stdout: _Stdout | None, *, verbose: bool
) -> None:
    if result.error is not None and not result.skipped:
        message = str(result.error)
        if not message.startswith(result.spec.source):
            message = f"{result.spec.source}: {message}"
        print_error(err, message)
        if verbose and isinstance(result.error, InternalError):
            err.print(shown(result.error.details), soft_wrap=True)
    if result.summary is not None and stdout is not None:
        stdout.write(result.summary)
