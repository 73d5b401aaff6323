"""Texts for the fuzz tests: the words the rules look for, in random order, cut anywhere.

Pieces are the lexicon's own cue words (every word and phrase of `nlp/lexicon.py`, so a new cue
is fuzzed as soon as it is added), names, dates, quotes, brackets, list marks, speaker labels,
timestamps, WebVTT headers, minutes headings, JSON punctuation, format characters (Unicode Cf),
lone surrogates, punctuation and line breaks of every kind. Records are also written whole
(tests/forms.py) from random turns and then cut, so the readers meet texts that nearly parse.

The examples are drawn deterministically: tests/conftest.py loads the `ci` profile (derandomized,
no example database); `make sweep` loads `sweep`, ten times the examples, drawn at random.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable

from hypothesis import settings
from hypothesis import strategies as st

from summarizer.nlp import lexicon
from tests import forms

_REGEX = re.compile(r"[\\()\[\]?*+|^$]")


def _strings(value: object) -> Iterable[str]:
    """The plain words and phrases a lexicon value holds (its regular expressions left out)."""
    if isinstance(value, str):
        if not _REGEX.search(value):
            yield value
    elif isinstance(value, lexicon.Cue):
        yield value.stem
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(key)
            yield from _strings(item)
    elif isinstance(value, frozenset | set | tuple | list):
        for item in value:
            yield from _strings(item)


LEXICON = sorted(
    {
        word
        for name, value in vars(lexicon).items()
        if name.lstrip("_").isupper()
        for word in _strings(value)
    }
)
# What the lexicon's regular expressions match, written out.
PHRASES = [
    "move on to",
    "turning to item 3",
    "questions on fares from",
    "I don't accept",
    "with respect",
    "isn't it the case",
    "the committee agreed",
    "motion carried",
    "carried 5-2",
    "unanimously",
    "I'll write to the committee",
    "action point",
    "next meeting",
    "raised concerns about",
    "asked Berg to lift the ban",
    "spoke with",
]
NAMES = [
    "Ana Silva",
    "Jonas Berg",
    "Dr Ines Harrow",
    "Mara Quill MS",
    "Owen Pell",
    "Li Wei",
    "O'Neill",
    "Kofi Osei",
    "van der Berg",
    "Hon. Kim Tal",
    "Sen. Maria Ortega-Ruiz",
    "Mr. Lund",
    "Xi",
    "A",
    "Speaker 2",
    "PROJECT MANAGER",
    "Anna\u200b Berg",
    "\u2067Anna Berg\u2069",
]
DATES = [
    "Monday",
    "on Sunday",
    "next Friday",
    "last week",
    "yesterday",
    "today",
    "2024-03-05",
    "5 March 2024",
    "March 5, 2024",
    "March 5",
    "0001-01-01",
    "9999-12-31",
    "December 31, 9999",
    "January 1, 1",
    "31 February",
    "the 3rd",
    "2024",
    "10:30 a.m.",
]
QUOTES = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e", '""']
BRACKETS = [
    *"()[]{}<>",
    "<v Ana Silva>",
    "<v>",
    "</v>",
    "<v.loud Jonas Berg>",
    "[Vladimir]",
    "(Lib.)",
    "((",
    "))",
    "[inaudible]",
    "<b>",
    "&amp;",
]
LISTS = ["\n- ", "\n* ", "\n1. ", "\n2) ", "\n\u2022 ", ", ", " and ", "; ", "\nItem 1 ", "\n3.1 "]
TIMES = [
    "00:00:01.000 --> 00:00:02.000",
    "00:00:01,000 --> 00:00:02,000",
    "00:00:05.000 --> 00:00:01.000",
    "00:01.000 --> 00:02.000",
    "1:02:03",
    "00:01",
    "0:05",
    "99:99:99.999",
    "-->",
    " --> ",
    "\n1\n",
    "\n\n2\n",
    " align:start position:10%",
]
HEADERS = [
    "WEBVTT",
    "WEBVTT\n\n",
    "\ufeffWEBVTT - a title\n\n",
    "NOTE a note\n\n",
    "STYLE\n::cue { color: red }\n\n",
    "REGION\nid:a\n\n",
    "WEBVTT FILE",
    "1\n00:00:01,000 --> 00:00:02,000\n",
]
MINUTES = [
    "Present:",
    "Attendees:",
    "Apologies:",
    "Absent:",
    "In attendance -",
    "Minutes of the meeting",
    "Members present",
    "Regrets \u2014",
]
JSON_BITS = ['[{"speaker": "A", "text": "x"}]', '{"segments": [', '"speaker": ', '"text": ']
JSON_BITS += [
    '"start": 1e308',
    "{",
    "}",
    "[",
    "]",
    ",",
    "null",
    "NaN",
    '"content": ""',
    '"\\ud800"',
]
PUNCTUATION = [*".,;:!?-", "\u2014", "\u2013", "\u2026", "...", " ", "  ", "\t", "\n", "\n\n"]
PUNCTUATION += ["\r\n", "\r", "\x0b", "\x0c", "\u2028", "\u2029", "\x85", "\x00", "\u00a0"]
FORMAT_CHARACTERS = ["\u200b", "\u200d", "\u00ad", "\ufeff", "\u2066", "\u2067", "\u2069", "\u202e"]


def _cased(words: list[str]) -> st.SearchStrategy[str]:
    word = st.sampled_from(words)
    return st.one_of(word, word.map(str.capitalize), word.map(str.upper))


names = st.sampled_from(NAMES)
labels = st.one_of(
    names.map(lambda name: f"{name}: "),
    names.map(lambda name: f"\n{name.upper()}: "),
    names.map(lambda name: f"\n[00:01:05] {name}: "),
    names.map(lambda name: f"\n{name} (00:01:05): "),
    names.map(lambda name: f"\n{name}  0:05\n"),
    st.just("\nThe Chair (Hon. Kim Tal (Nipissing\u2014Timiskaming, Lib.)): "),
    st.just("Note: "),
)
format_characters = st.one_of(st.sampled_from(FORMAT_CHARACTERS), st.characters(categories=["Cf"]))
surrogates = st.characters(categories=["Cs"])
pieces = st.one_of(
    _cased(LEXICON),
    _cased(PHRASES),
    names,
    labels,
    st.sampled_from(DATES),
    st.sampled_from(QUOTES),
    st.sampled_from(BRACKETS),
    st.sampled_from(LISTS),
    st.sampled_from(TIMES),
    st.sampled_from(HEADERS),
    st.sampled_from(MINUTES),
    st.sampled_from(JSON_BITS),
    st.sampled_from(PUNCTUATION),
    format_characters,
    surrogates,
    st.text(max_size=6),
)
_gaps = st.sampled_from([" ", " ", " ", "", "\n", ". "])


def cut(text: str, start: int, end: int) -> str:
    """`text` cut at two places anywhere in it (the start before the end, or nothing)."""
    start %= len(text) + 1
    return text[start : start + end % (len(text) - start + 1)]


def _joined(parts: list[tuple[str, str]]) -> str:
    return "".join(piece + gap for piece, gap in parts)


soup = st.lists(st.tuples(pieces, _gaps), max_size=40).map(_joined)
_turns = st.lists(st.tuples(st.one_of(names, soup), soup), min_size=1, max_size=6)
_big = st.integers(0, 1 << 20)
WRITERS = {
    "speaker text": forms.speaker_text,
    "webvtt": forms.webvtt,
    "webvtt with labels": lambda turns: forms.webvtt(turns, voices=False),
    "srt": forms.srt,
    "turns json": forms.turns_json,
    "whisperx json": lambda turns: forms.turns_json(turns, key="content", segments=True),
}


def records_as(*layouts: str) -> st.SearchStrategy[str]:
    """Random turns written in one of these layouts, whole or cut anywhere."""
    whole = st.builds(
        lambda write, turns: write(turns),
        st.sampled_from([WRITERS[layout] for layout in layouts]),
        _turns,
    )
    return st.one_of(whole, st.builds(cut, whole, _big, _big))


records = records_as(*WRITERS)
# Prose soup, whole records, and either of them cut anywhere.
texts = st.one_of(soup, st.builds(cut, soup, _big, _big), records)

# JSON a transcript reader meets: turn-like objects whose fields hold anything.
_json_leaf = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    soup,
)
_json = st.recursive(
    _json_leaf,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=4), inner),
    max_leaves=12,
)
_turn_keys = st.sampled_from(
    ["speaker", "text", "content", "transcript", "start", "end", "segments", "turns"]
)
_turn_objects = st.dictionaries(_turn_keys, st.one_of(_json_leaf, _json), max_size=5)
json_transcripts = st.one_of(
    st.lists(_turn_objects, max_size=5).map(lambda rows: json.dumps(rows, allow_nan=True)),
    st.dictionaries(_turn_keys, st.lists(_turn_objects, max_size=4), max_size=2).map(
        lambda data: json.dumps(data, allow_nan=True)
    ),
    _json.map(lambda data: json.dumps(data, allow_nan=True)),
    texts,
)


def examples(hundreds: float) -> int:
    """How many examples a test draws: `hundreds` in CI, ten times that under `make sweep`
    (the profile loaded scales it)."""
    return max(1, round(hundreds * settings.default.max_examples))
