"""Numbered sentences: what a model cites, and how a citation becomes exact evidence."""

from __future__ import annotations

from summarizer.numbered import NumberedText
from summarizer.support import shares_words

TEXT = (
    "  Talks opened in Karsk.\n\nThe levy on   fishing fleets was raised.  Port access came last. "
)
SPANS = [(0, 25), (25, 67), (67, 92), (92, 93)]


def numbered() -> NumberedText:
    return NumberedText(TEXT, SPANS)


def test_sentences_are_numbered_without_blank_spans_and_point_into_the_text() -> None:
    text = numbered()
    assert len(text) == 3  # the trailing blank span is no sentence
    for sentence in text.sentences:
        assert TEXT[sentence.start : sentence.end] == sentence.text
    assert text.render().splitlines()[1] == "[2] The levy on fishing fleets was raised."


def test_a_citation_becomes_the_sources_own_words_once_each() -> None:
    (first, second) = numbered().evidence([2, 3, 2, 9])
    assert first.quote == "The levy on   fishing fleets was raised."
    assert TEXT[first.start : first.end] == first.quote  # type: ignore[misc]
    assert second.quote == "Port access came last."


def test_a_citation_one_sentence_off_moves_to_the_neighbour_that_supports_it() -> None:
    text = numbered()
    supports_levy = lambda quotes: shares_words("fishing levy", quotes)  # noqa: E731
    assert text.repaired([3], supports_levy) == [2]
    assert text.repaired([2], supports_levy) == [2]
    supports_swaps = lambda quotes: shares_words("currency swaps", quotes)  # noqa: E731
    assert text.repaired([1], supports_swaps) == [1]  # nothing nearby: left for the re-ask
    assert text.unknown([0, 2, 4]) == [0, 4]
