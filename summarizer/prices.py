"""Estimated cost of model calls, from a price table a user can override with a JSON file.

Prices are US dollars per million tokens (input, output), as published by the providers on
2026-11-24; they change, so a run's cost is an estimate, and unknown models have none.
"""

from __future__ import annotations

import json
import math
import reprlib
import threading
from pathlib import Path

from summarizer.config import Settings
from summarizer.engine_kinds import EMBEDDED_MODEL, EXTRACTIVE_MODEL_KEY
from summarizer.errors import BudgetExceeded, ConfigError
from summarizer.models import MeetingSummary

Prices = dict[str, tuple[float, float]]

DEFAULT_PRICES: Prices = {
    "gpt-4o-mini": (0.15, 0.60),
    "gpt-4o": (2.50, 10.00),
    "gpt-4.1-mini": (0.40, 1.60),
    "gpt-4.1-nano": (0.10, 0.40),
    "gpt-4.1": (2.00, 8.00),
    EMBEDDED_MODEL: (0.0, 0.0),  # the embedded model runs here
    EXTRACTIVE_MODEL_KEY: (0.0, 0.0),  # no model at all
}


def load_prices(path: str | None) -> Prices:
    """The default table, with the entries of `path` (`{"model": [input, output]}`) on top.

    Raises ConfigError naming the file and the entry when it is not such a table."""
    prices = dict(DEFAULT_PRICES)
    if not path:
        return prices
    try:
        table = json.loads(Path(path).expanduser().read_text(encoding="utf-8"))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise ConfigError(
            f"{path}: the price table (SUMMARIZER_PRICES) cannot be read ({reason}); give the "
            f"path of a JSON file {_SHAPE}"
        ) from None
    except (ValueError, RecursionError) as exc:
        raise ConfigError(f"{path}: not a price table ({exc}); write {_SHAPE}") from None
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: not a price table; write {_SHAPE}")
    for model, entry in table.items():
        prices[model] = _price(path, model, entry)
    return prices


_SHAPE = '{"model": [input_usd, output_usd]} per 1M tokens'


def _price(path: str, model: str, entry: object) -> tuple[float, float]:
    """An entry of a price table: two finite amounts, 0 or more (a NaN would compare as
    never over --max-cost)."""
    if isinstance(entry, list) and len(entry) == 2 and all(map(_amount, entry)):
        return float(entry[0]), float(entry[1])
    raise ConfigError(
        f"{path}: the price of {model!r} is {reprlib.repr(entry)}; write two amounts, 0 or "
        f"more, as {_SHAPE} (SUMMARIZER_PRICES)"
    )


def _amount(value: object) -> bool:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return False
    return math.isfinite(value) and value >= 0


def estimate(
    prices: Prices, model: str, prompt_tokens: int, completion_tokens: int
) -> float | None:
    """Dollars for these tokens, or None for a model the table does not price."""
    price = prices.get(model)
    if price is None:
        return None
    return (prompt_tokens * price[0] + completion_tokens * price[1]) / 1_000_000


class Budget:
    """--max-tokens-per-doc and --max-cost: what a run may spend before it stops cleanly."""

    def __init__(self, settings: Settings) -> None:
        self._settings = settings
        self._prices = load_prices(settings.prices_path)
        self._model = settings.resolved_model()
        self._lock = threading.Lock()
        self.spent = 0.0
        if settings.max_cost is not None and self._model not in self._prices:
            raise ConfigError(
                f"--max-cost needs a price for model {self._model!r}; add it to a JSON table "
                "and pass it as SUMMARIZER_PRICES"
            )

    def spend(self, source: str, summary: MeetingSummary | None) -> BudgetExceeded | None:
        """Count a finished document; the reason to stop, if this one went over a limit."""
        if summary is None or summary.provenance.from_cache:
            return None
        usage = summary.provenance.usage
        limit = self._settings.max_tokens_per_doc
        if limit is not None and usage.total_tokens > limit:
            return BudgetExceeded(
                f"{source} used {usage.total_tokens:,} tokens, over "
                f"--max-tokens-per-doc {limit:,}; the run stopped, finished documents are kept"
            )
        cost = estimate(self._prices, self._model, usage.prompt_tokens, usage.completion_tokens)
        with self._lock:
            self.spent += cost or 0.0
            over = self._settings.max_cost is not None and self.spent > self._settings.max_cost
        if over:
            return BudgetExceeded(
                f"estimated cost ${self.spent:.4f} passed --max-cost ${self._settings.max_cost}; "
                "the run stopped, finished documents are kept"
            )
        return None
