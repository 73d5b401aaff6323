"""Generate schemas/ from the models (`make schema`): one summary, and one reconciled meeting."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from pydantic import BaseModel

from summarizer.models import MeetingSummary
from summarizer.reconcile.models import ReconciledMeeting
from summarizer.resources import data_dir

SCHEMA_FILE = "meeting_summary.schema.json"
RECONCILED_SCHEMA_FILE = "reconciled_meeting.schema.json"
SCHEMAS: dict[str, type[BaseModel]] = {
    SCHEMA_FILE: MeetingSummary,
    RECONCILED_SCHEMA_FILE: ReconciledMeeting,
}
REGENERATE = "make schema"


def schema_text(model: type[BaseModel] = MeetingSummary) -> str:
    schema = model.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_path(name: str = SCHEMA_FILE) -> Path:
    return data_dir("schemas") / name


def main() -> int:
    for name, model in SCHEMAS.items():
        path = schema_path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(model), encoding="utf-8")
        sys.stderr.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
