"""The public surface and the built wheel."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

import summarizer

ROOT = Path(__file__).resolve().parent.parent


def test_public_api_is_pinned() -> None:
    """Adding or removing a public name is a deliberate change to this list."""
    assert sorted(summarizer.__all__) == [
        "AgendaTopic",
        "BudgetExceeded",
        "ClosedError",
        "ConfigError",
        "Document",
        "EmbeddedServerError",
        "EndpointKind",
        "EngineName",
        "Evidence",
        "Friction",
        "InputError",
        "InternalError",
        "InvalidOutputError",
        "MatchKind",
        "Meeting",
        "MeetingFormat",
        "MeetingReport",
        "MeetingStatus",
        "MeetingSummary",
        "Outcome",
        "OutputError",
        "Participant",
        "Presence",
        "PromptError",
        "Provenance",
        "ProviderError",
        "ReconciledMeeting",
        "Reconciliation",
        "Settings",
        "Summarizer",
        "SummarizerError",
        "TruncatedOutputError",
        "__version__",
        "asummarize",
        "resolve",
        "summarize",
        "summarize_file",
    ]
    for name in summarizer.__all__:
        assert hasattr(summarizer, name), name


def test_the_wheel_carries_prompts_and_schemas(tmp_path: Path) -> None:
    """`pip install .` works without the source tree: prompts and schemas are inside the wheel."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(tmp_path),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    (wheel,) = tmp_path.glob("summarizer-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "summarizer/_data/prompts/meeting-v3/system.txt" in names
    assert "summarizer/_data/schemas/meeting_summary.schema.json" in names
    assert "summarizer/_data/schemas/reconciled_meeting.schema.json" in names
    assert "summarizer/py.typed" in names
