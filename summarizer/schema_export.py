"""Generate schemas/meeting_summary.schema.json from the models (`make schema`)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from summarizer.models import MeetingSummary
from summarizer.resources import data_dir

SCHEMA_FILE = "meeting_summary.schema.json"
REGENERATE = "make schema"


def schema_text() -> str:
    schema = MeetingSummary.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    return json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n"


def schema_path() -> Path:
    return data_dir("schemas") / SCHEMA_FILE


def main() -> int:
    path = schema_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(schema_text(), encoding="utf-8")
    sys.stderr.write(f"wrote {path}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
