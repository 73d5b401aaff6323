"""`summarize`: a thin adapter from arguments to the library; the only package that prints.

`summarize PATH...` summarizes; `summarize eval`, `summarize report` and `summarize runs` are the
other subcommands, each in its own module. stdout carries results only; progress, tables and
errors go to stderr. Exit codes: 0 all documents summarized, 1 any failed, 2 usage or
configuration error, 130 Ctrl-C.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable, Sequence

__all__ = ["main"]


def _subcommand(name: str) -> Callable[[list[str]], int] | None:
    """Subcommands load only when called: `summarize PATH` does not import the scorer."""
    if name == "eval":
        from summarizer.cli.eval import eval_main

        return eval_main
    if name == "report":
        from summarizer.cli.report import report_main

        return report_main
    if name == "runs":
        from summarizer.cli.runs import runs_main

        return runs_main
    return None


def main(argv: Sequence[str] | None = None) -> int:
    arguments = list(sys.argv[1:] if argv is None else argv)
    # Failures reach the user once, as our own one-line errors; instructor also logs each attempt.
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
    command = _subcommand(arguments[0]) if arguments else None
    if command is not None:
        return command(arguments[1:])
    from summarizer.cli.summarize import summarize_main

    return summarize_main(arguments)
