"""Model answers for tests, built from a document's own words (or deliberately not)."""

from __future__ import annotations

import json
from typing import Any

LAVROV_CALL = (
    "Secretary of State Antony J. Blinken spoke today with Russian Foreign Minister Sergey Lavrov. "
    "He called on Russia to release Paul Whelan and Trevor Reed so they can return home to their "
    "families. The Secretary provided the Minister an overview of U.S. policy toward the DPRK."
)


def draft(
    *,
    participant: str = "Sergey Lavrov",
    participant_quote: str = "Russian Foreign Minister Sergey Lavrov",
    topic_quote: str = "an overview of U.S. policy toward the DPRK",
    date: str | None = None,
) -> dict[str, Any]:
    def item(fields: dict[str, Any], quote: str) -> dict[str, Any]:
        return {**fields, "evidence": [quote]}

    return {
        "meeting": item(
            {
                "title": "Blinken-Lavrov call",
                "status": "held",
                "format": "phone",
                "date_text": "today",
                "date": date,
                "location": None,
                "host_side": None,
            },
            "spoke today with Russian Foreign Minister Sergey Lavrov",
        ),
        "summary": "Blinken and Lavrov spoke by phone.",
        "participants": [
            item(
                {
                    "name": participant,
                    "aliases": [],
                    "role": "Foreign Minister",
                    "organization": None,
                    "side": "Russia",
                    "presence": "attended",
                },
                participant_quote,
            ),
            item(
                {
                    "name": "Paul Whelan",
                    "aliases": [],
                    "role": None,
                    "organization": None,
                    "side": None,
                    "presence": "mentioned",
                },
                "release Paul Whelan and Trevor Reed",
            ),
        ],
        "agenda_topics": [item({"label": "DPRK", "description": "U.S. policy"}, topic_quote)],
        "frictions": [
            item(
                {
                    "issue": "detained Americans",
                    "parties": ["United States", "Russia"],
                    "positions": [{"party": "United States", "position": "release them"}],
                    "kind": "demand",
                },
                "He called on Russia to release Paul Whelan and Trevor Reed",
            )
        ],
        "outcomes": [],
    }


def as_json(answer: dict[str, Any]) -> str:
    return json.dumps(answer)
