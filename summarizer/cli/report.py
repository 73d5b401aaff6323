"""`summarize report OUT_DIR`: the HTML review page, rebuilt from the summaries saved there."""

from __future__ import annotations

from pathlib import Path

from summarizer.cli.common import (
    EXIT_FAILED,
    EXIT_OK,
    EXIT_USAGE,
    Parser,
    console,
    print_error,
    shown,
)
from summarizer.errors import InputError
from summarizer.report import report_from_folder


def report_main(argv: list[str]) -> int:
    """`summarize report OUT_DIR`: the HTML review page for the summaries saved there."""
    parser = Parser(prog="summarize report", description=report_main.__doc__)
    parser.add_argument("out_dir", type=Path, metavar="OUT_DIR")
    args = parser.parse_args(argv)
    err = console(stderr=True)
    try:
        built = report_from_folder(args.out_dir)
    except InputError as error:
        print_error(err, str(error))
        return EXIT_USAGE
    except OSError as error:
        print_error(
            err, f"{args.out_dir}: the report cannot be written ({error.strerror or error})"
        )
        return EXIT_FAILED
    for line in built.left_out:
        print_error(err, f"{line}; left out of the report")
    for line in built.warnings:
        err.print(f"[yellow]warning:[/] {shown(line)}", soft_wrap=True)
    err.print(f"report: {shown(str(built.page))} ({built.documents} documents)", soft_wrap=True)
    return EXIT_FAILED if built.left_out else EXIT_OK
