"""The extractive reader and the numbered sentences on texts built to trip them (tests/fuzz.py):
none raises, and every evidence quote is the text's own characters at its offsets."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.errors import InputError
from summarizer.readers import document_from_text
from tests.fuzz import examples, records, texts
from tests.offsets import document_problems

# A day to count 'on Monday' from, the calendar's ends among them.
PUBLISHED = st.none() | st.sampled_from(["2024-03-05", "0001-01-01", "9999-12-31"])


@pytest.mark.parametrize("made", ["texts", "records"])
@settings(max_examples=examples(1.5))
@given(data=st.data(), published=PUBLISHED)
def test_any_text_is_summarized_with_every_quote_at_its_offsets(
    made: str, data: st.DataObject, published: str | None
) -> None:
    """Prose soup or a record cut anywhere, through the extractive engine and the assisted
    engine's numbered sentences: no exception, no offset outside the text, no misquote."""
    text = data.draw(texts if made == "texts" else records, label="text")
    try:
        document = document_from_text(text, published=published)
    except InputError:
        assert not text.strip()
        return
    assert document_problems(document) == []
