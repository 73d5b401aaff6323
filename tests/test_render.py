"""The Markdown view: the same structure as the report, in plain text."""

from __future__ import annotations

from summarizer.render import to_markdown
from tests.summaries import make_summary


def test_markdown_separates_attendees_from_mentioned_people_and_flags_ungrounded_items() -> None:
    """Participants and Mentioned are separate sections; an ungrounded item says so."""
    summary = make_summary(attended=["Ana Silva"], mentioned=["Jo *Bold* Berg"], topics=["fish"])
    topic = summary.agenda_topics[0].model_copy(update={"grounded": False})
    summary = summary.model_copy(update={"agenda_topics": [topic]})
    text = to_markdown(summary)
    participants, mentioned = text.index("## Participants"), text.index("## Mentioned")
    assert participants < text.index("Ana Silva") < mentioned < text.index("Jo \\*Bold\\* Berg")
    assert "**fish**: - **(not grounded)**" in text
    assert "not found in the source" in text
