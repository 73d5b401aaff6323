"""Summarize a partition of records inside a distributed engine (Ray Data, Dask), one
Summarizer per worker.

`SummarizePartition` is a callable class: Ray Data's `map_batches` builds it once per worker
(so spaCy, the HTTP pool and the cache open once) and calls it on each batch, a mapping of column
names to equal-length sequences. It needs nothing from Ray itself:

    ds.map_batches(SummarizePartition, fn_constructor_kwargs={"settings": settings},
                   concurrency=4, batch_size=16)

Each output row keeps the input's columns and adds `summary` (the MeetingSummary as JSON) and
`error` (the one-line message when that document failed, else None): one bad document never
fails the batch.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from summarizer.config import Settings
from summarizer.errors import SummarizerError
from summarizer.pipeline import Summarizer


class SummarizePartition:
    """A `map_batches` UDF: `text` (and optional `published`, `id`) in; `summary`, `error` out."""

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        text_column: str = "text",
        published_column: str = "published",
        id_column: str = "id",
    ) -> None:
        self._summarizer = Summarizer(settings)
        self._text = text_column
        self._published = published_column
        self._id = id_column

    def __call__(self, batch: Mapping[str, Sequence[Any]]) -> dict[str, list[Any]]:
        texts = list(batch[self._text])
        published = list(batch.get(self._published, [None] * len(texts)))
        ids = list(batch.get(self._id, range(len(texts))))
        summaries: list[str | None] = []
        errors: list[str | None] = []
        for text, date, identifier in zip(texts, published, ids, strict=True):
            try:
                summary = self._summarizer.summarize(
                    str(text), source=str(identifier), published=date or None
                )
            except SummarizerError as error:
                summaries.append(None)
                errors.append(str(error))
            else:
                summaries.append(summary.model_dump_json())
                errors.append(None)
        return {
            **{key: list(values) for key, values in batch.items()},
            "summary": summaries,
            "error": errors,
        }

    def close(self) -> None:
        """Stop what the Summarizer started (an embedded server); workers that simply exit
        need not call it."""
        self._summarizer.close()
