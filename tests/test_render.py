"""The Markdown view: the same structure as the report, in plain text."""

from __future__ import annotations

import re

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
    assert "**fish**: - [^1] **(not grounded)**" in text


def test_markdown_leaves_no_model_string_live_and_no_file_name_can_close_its_code_span() -> None:
    """A party's raw HTML is escaped, and a backtick in the source name stays inside a fence
    longer than any run of backticks it holds."""
    summary = make_summary(frictions=[("tariffs", "")])
    friction = summary.frictions[0].model_copy(
        update={"parties": ["<img src=x onerror=alert(1)>", "Norway"]}
    )
    provenance = summary.provenance.model_copy(update={"source": "in/a``b`.txt"})
    summary = summary.model_copy(update={"frictions": [friction], "provenance": provenance})
    text = to_markdown(summary)
    assert re.search(r"(?<!\\)<img", text) is None
    assert "\\<img src=x onerror=alert(1)\\>" in text
    assert "Source: ```in/a``b`.txt``` " in text


def test_markdown_quotes_each_sentence_once_and_keeps_offsets_out_of_the_prose() -> None:
    """Four items citing one sentence: it is printed once, as a footnote all four point to."""
    sentence = "Ana Silva met Jo Berg and they talked about fish, ports and gas for hours."
    summary = make_summary(
        attended=["Ana Silva", "Jo Berg"], topics=["fish", "ports"], evidence=sentence
    )
    text = to_markdown(summary)
    assert text.count(sentence) == 1
    assert text.count("[^1]") == 6  # meeting, two people, two topics, and the note itself
    assert "chars" not in text
