"""What every subcommand shares: exit codes, consoles, safe printing, the engine flags, settings
from flags and the environment, an argument parser that suggests the flag you meant, and Ctrl-C.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import signal
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import NoReturn

from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
)

from summarizer.config import (
    DEFAULT_CACHE_PATH,
    SETTING_NAMES,
    EndpointKind,
    EngineName,
    Settings,
    resolve,
)
from summarizer.progress import PartReport

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130
DEFAULT_CACHE = Path(DEFAULT_CACHE_PATH)
REAL_MODEL_HINT = (
    "A larger model reads better: --base-url URL --model NAME (any OpenAI-compatible server: "
    "vLLM, Ollama, llama.cpp), or set OPENAI_API_KEY."
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


class Parser(argparse.ArgumentParser):
    """argparse, plus 'did you mean --model?' for a mistyped flag."""

    def error(self, message: str) -> NoReturn:
        flags = [flag for action in self._actions for flag in action.option_strings]
        unknown = re.findall(r"(--?[\w-]+)", message) if "unrecognized" in message else []
        hints = [
            f"did you mean {close[0]}?"
            for word in unknown
            if (close := difflib.get_close_matches(word.split("=")[0], flags, n=1, cutoff=0.6))
        ]
        super().error("; ".join([message, *hints]))


def add_engine_flags(parser: argparse.ArgumentParser) -> None:
    """The flags that choose and tune the engine, shared by `summarize` and `summarize eval`."""
    add = parser.add_argument
    add("--engine", choices=[e.value for e in EngineName], help="default: auto")
    add("-m", "--model", help="model name at the endpoint (env SUMMARIZER_MODEL)")
    add("--base-url", help="OpenAI-compatible endpoint (env SUMMARIZER_BASE_URL, OPENAI_BASE_URL)")
    add(
        "--key",
        dest="api_key",
        help="API key (beats SUMMARIZER_API_KEY, which beats OPENAI_API_KEY); never written",
    )
    add(
        "--endpoint-kind",
        choices=[k.value for k in EndpointKind],
        help="how to ask for structured output (default: probe the endpoint)",
    )
    add("--max-tokens", type=int, help="cap on each answer's tokens")
    add("--max-reasks", type=int, help="re-asks after an invalid answer (default 2)")
    add("--timeout", type=float, dest="request_timeout", help="seconds per request try")
    add(
        "--assist",
        action="store_true",
        default=None,
        help="give the LLM the parser's candidate people and numbered sentences",
    )


def settings_from(args: argparse.Namespace) -> Settings:
    """Settings from flags and the environment; the CLI keeps a result cache unless told not to
    (--no-cache, or --cache/SUMMARIZER_CACHE set to off: config decides what 'off' is)."""
    flags = {name: getattr(args, name, None) for name in SETTING_NAMES}
    if getattr(args, "no_cache", False):
        flags["cache_path"] = "off"
    return resolve(flags).with_default_cache()


def console(*, stderr: bool = False) -> Console:
    """A console that keeps tables readable when piped (rich assumes 80 columns there)."""
    probe = Console(stderr=stderr)
    columns = os.environ.get("COLUMNS")
    width = None if probe.is_terminal or columns else 160
    return Console(stderr=stderr, highlight=False, width=width)


def shown(text: str) -> str:
    """Text safe for a terminal and for rich: control characters (an escape sequence in a model's
    title or a file name) become visible codes, and rich's markup brackets are escaped."""
    return escape(_CONTROL.sub(lambda match: f"\\x{ord(match.group()):02x}", text))


def progress_line(err: Console, *, shown: bool) -> Progress:
    """The progress line on stderr: what is under way, a bar, done of all, time taken; gone
    when the run ends (the table follows)."""
    return Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=err,
        disable=not shown,
        transient=True,
    )


def parts_shown(progress: Progress, task: TaskID, doing: str) -> PartReport:
    """A report that puts the part under way on the progress line ('summarizing a.vtt: part 3
    of 7'); rich's progress display takes updates from the engine's thread."""

    def report(source: str, number: int, parts: int) -> None:
        name = shown(Path(source).name)
        progress.update(task, description=f"{doing} {name}: part {number} of {parts}")

    return report


def print_error(err: Console, message: str) -> None:
    err.print(f"[red]error:[/] {shown(message)}", soft_wrap=True)


@contextmanager
def second_interrupt_exits() -> Iterator[None]:
    """The first Ctrl-C raises KeyboardInterrupt (work under way gets a moment to finish); a
    second one ends the process at once, whatever it is waiting for."""
    presses = 0

    def on_interrupt(_signal: int, _frame: FrameType | None) -> None:
        nonlocal presses
        presses += 1
        if presses > 1:
            sys.stderr.write("interrupted again: stopping now\n")
            os._exit(EXIT_INTERRUPTED)
        raise KeyboardInterrupt

    try:
        previous = signal.signal(signal.SIGINT, on_interrupt)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
