"""The extractive engine's worker processes start here: they die with their parent first.

A spawned worker imports the module of its initializer before running it. This module therefore
imports nothing heavy: were the initializer in `engines/extractive.py`, spaCy's imports (0.8 s)
would run before the parent-death signal is set, and a run killed in that window left each
worker (165 MB) running for ever under PID 1.
"""

from __future__ import annotations

import multiprocessing
import signal

from summarizer.server import die_with_parent


def start_worker() -> None:
    """A worker dies with its parent (at once if the parent is already gone), ignores Ctrl-C
    (its parent lets running documents finish), then loads spaCy before its first document."""
    parent = multiprocessing.parent_process()
    die_with_parent(parent.pid if parent is not None else None)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from summarizer.nlp.index import build_index  # only now: see the module's docstring

    build_index("Warm-up.")
