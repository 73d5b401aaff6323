"""Every setting is checked against its one declaration (type and range) where Settings are
made: a value that cannot work is a ConfigError naming the setting, its flag and variable and what
it may be, from the library, the environment or a flag (exit 2, one line)."""

from __future__ import annotations

import json
import math
import re
from dataclasses import Field, fields
from pathlib import Path
from typing import Any

import pytest

from summarizer import ConfigError, Settings, Summarizer
from summarizer.cli import main
from summarizer.cli.summarize import build_parser
from summarizer.config import Bounds
from tests.hostile import MEETING

NUMERIC = [item for item in fields(Settings) if str(item.type).split(" ")[0] in ("int", "float")]


def test_every_numeric_setting_declares_its_range() -> None:
    """No number is left to mean anything: each int and float setting has bounds."""
    assert NUMERIC
    assert [item.name for item in NUMERIC if item.metadata["within"] is None] == []


def test_every_declared_flag_is_the_flag_that_sets_that_setting() -> None:
    """The flag a message names is the one `summarize` takes for that setting."""
    destinations = {
        flag: action.dest for action in build_parser()._actions for flag in action.option_strings
    }
    declared = {item.metadata["flag"]: item.name for item in fields(Settings)}
    declared.pop(None)
    assert len(declared) > 10
    assert {flag: destinations.get(flag) for flag in declared} == declared


def _outside(within: Bounds) -> list[float]:
    """Values just outside the range, and the ones no range holds."""
    values = [math.nan, math.inf, -math.inf, within.low - 1]
    if within.above:
        values.append(within.low)
    if within.high is not None:
        values.append(within.high + 1)
    return values


@pytest.mark.parametrize("item", NUMERIC, ids=lambda item: item.name)
def test_a_number_outside_its_range_is_refused_with_the_range_and_where_it_is_set(
    item: Field[Any],
) -> None:
    """NaN, infinities and values past either bound: ConfigError naming the setting, its
    variable and flag, and the range; the bounds themselves are accepted."""
    within: Bounds = item.metadata["within"]
    name = item.name
    is_int = str(item.type).startswith("int")
    for value in _outside(within):
        if is_int and not math.isfinite(value):
            continue  # an int setting is never NaN; its type check is below
        given = int(value) if is_int else value
        with pytest.raises(ConfigError) as raised:
            Settings(**{name: given})
        message = str(raised.value)
        assert message.startswith(f"{name}=")
        assert str(within) in message
        for part in (item.metadata["flag"], *item.metadata["env"]):
            assert part is None or part in message
    edges = [within.low] if not within.above else []
    edges += [within.high] if within.high is not None else []
    for edge in edges:
        assert getattr(Settings(**{name: int(edge) if is_int else edge}), name) == edge


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"request_timeout": math.nan}, "request_timeout=nan must be more than 0"),
        ({"temperature": math.inf}, "temperature=inf must be between 0 and 2"),
        ({"temperature": -5}, "temperature=-5 must be between 0 and 2"),
        ({"max_cost": math.nan}, "max_cost=nan must be 0 or more"),
        ({"max_cost": -1}, "max_cost=-1 must be 0 or more"),
        ({"context_tokens": -100}, "context_tokens=-100 must be between 1,024 and 131,072"),
        ({"max_document_chars": 10**30}, "max_document_chars=1e+30 must be between 1 and"),
        ({"concurrency": "4"}, "concurrency='4' must be a whole number"),
        ({"max_tokens": True}, "max_tokens=True must be a whole number"),
        ({"max_tokens": 512.0}, "max_tokens=512.0 must be a whole number"),
        ({"temperature": "0.2"}, "temperature='0.2' must be a number"),
        ({"fallback": "no"}, "fallback='no' must be true or false"),
        ({"model": 5}, "model=5 must be a string"),
        ({"cache_path": 3}, "cache_path=3 must be a string"),
    ],
)
def test_a_library_setting_of_the_wrong_kind_or_range_fails_where_it_is_made(
    changes: dict[str, object], message: str
) -> None:
    """The cases users met (a NaN timeout accepted, a string where a number goes, 10**30
    characters): ConfigError at `Settings(...)`, never AttributeError or TypeError later."""
    with pytest.raises(ConfigError, match=f"^{re.escape(message)}"):
        Settings(**changes)  # type: ignore[arg-type]


def test_a_path_is_taken_where_a_file_goes_and_an_int_where_a_float_does(tmp_path: Path) -> None:
    """Settings(cache_path=Path(...)) keeps the cache there; temperature=1 is 1.0."""
    cache = tmp_path / "results.sqlite"
    settings = Settings(cache_path=cache, temperature=1)  # type: ignore[arg-type]
    assert (settings.cache_path, settings.temperature) == (str(cache), 1.0)
    with Summarizer(settings) as summarizer:
        summarizer.summarize(MEETING)
    assert cache.exists()


@pytest.mark.parametrize(
    ("variable", "value", "message"),
    [
        ("SUMMARIZER_REQUEST_TIMEOUT", "nan", "request_timeout=nan must be more than 0"),
        ("SUMMARIZER_TEMPERATURE", "-5", "temperature=-5.0 must be between 0 and 2"),
        ("SUMMARIZER_MAX_COST", "-1", "max_cost=-1.0 must be 0 or more"),
        ("SUMMARIZER_CONTEXT_TOKENS", "-100", "context_tokens=-100 must be between"),
        ("SUMMARIZER_MAX_DOCUMENT_CHARS", str(10**30), "max_document_chars=1e+30 must be"),
        ("SUMMARIZER_MAX_TOKENS", "many", "max_tokens='many' must be a whole number"),
    ],
)
def test_a_variable_that_cannot_work_stops_the_command_with_one_line(
    variable: str,
    value: str,
    message: str,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Exit 2 before any document is read, one line naming the setting and its variable."""
    monkeypatch.setenv(variable, value)
    (tmp_path / "a.txt").write_text(MEETING)
    assert main([str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert variable in err
    assert len(err.strip().splitlines()) == 1, err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--timeout", "nan"], "request_timeout=nan must be more than 0"),
        (["--timeout", "inf"], "request_timeout=inf must be more than 0"),
        (["--max-cost", "nan"], "max_cost=nan must be 0 or more"),
        (["--max-tokens", "10"], "max_tokens=10 must be between 64 and 131,072 tokens"),
        (["--max-tokens-per-doc", "-1"], "max_tokens_per_doc=-1 must be 0 or more"),
    ],
)
def test_a_flag_that_cannot_work_stops_the_command_with_one_line(
    arguments: list[str],
    message: str,
    capsys: pytest.CaptureFixture[str],
    tmp_path: Path,
) -> None:
    """Exit 2 and one line naming the setting, the flag and the range, for summarize and eval."""
    (tmp_path / "a.txt").write_text(MEETING)
    assert main([str(tmp_path / "a.txt"), *arguments]) == 2
    err = capsys.readouterr().err
    assert message in err
    assert arguments[0] in err
    assert len(err.strip().splitlines()) == 1, err
    gold = tmp_path / "gold"
    gold.mkdir()
    record = {"id": "a", "text": MEETING, "gold": {"meeting": {"status": "held"}}}
    (gold / "a.json").write_text(json.dumps(record))
    if arguments[0] in ("--timeout", "--max-tokens"):  # the flags eval takes
        assert main(["eval", str(gold), *arguments]) == 2
        assert message in capsys.readouterr().err


@pytest.mark.parametrize(
    ("table", "message"),
    [
        ({"m": {"in": 1}}, "the price of 'm' is {'in': 1}"),
        ({"m": [1]}, "the price of 'm' is [1]"),
        ({"m": [1, -2]}, "the price of 'm' is [1, -2]"),
        ([1, 2], "not a price table"),
    ],
)
def test_a_price_table_that_is_not_one_fails_when_the_summarizer_is_made(
    table: object, message: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bad SUMMARIZER_PRICES file is a ConfigError naming the file and the entry, before
    any document, not a KeyError after the first one."""
    prices = tmp_path / "prices.json"
    prices.write_text(json.dumps(table))
    with pytest.raises(ConfigError, match=r"prices\.json") as raised:
        Summarizer(Settings(prices_path=str(prices)))
    assert message in str(raised.value)
    monkeypatch.setenv("SUMMARIZER_PRICES", str(prices))
    (tmp_path / "a.txt").write_text(MEETING)
    assert main([str(tmp_path / "a.txt"), "--out", str(tmp_path / "out")]) == 2
