"""The meeting's date: as written in its sentence, its headline or the news lede, and as ISO.

Month-day forms in either order, ranges and "a two-day summit starting May 14" are read by
pattern; days named relative to the publication date ("on Friday", "last Tuesday") by
dateparser with that date as the base; a dateline's date is the filing date, never the
meeting's.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta

from spacy.tokens import Span

_MONTHS = {name.lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTHS |= {name.lower(): number for number, name in enumerate(calendar.month_abbr) if name}
_MONTHS["sept"] = 9
_MONTH = r"(" + "|".join(sorted((m.capitalize() for m in _MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(\d{1,2})(?:st|nd|rd|th)?(?!\d)"  # never the "20" of "2021"
_TO_DAY = r"(?:\s*(?:[-\u2013]|to|and)\s*(\d{1,2})(?:st|nd|rd|th)?(?!\d))?"
_A_YEAR = r"(?:,?\s+(\d{4}))?"
# "September 4", "Sept. 4-5, 2019" and, day first, "4 September", "4-5 Sept 2019".
_MONTH_DAY = re.compile(rf"\b{_MONTH}\s+{_DAY}{_TO_DAY}{_A_YEAR}")
_DAY_MONTH = re.compile(rf"\b{_DAY}{_TO_DAY}\s+(?:of\s+)?{_MONTH}{_A_YEAR}")
_YEAR = re.compile(r"\b(19|20)\d{2}\b")


def meeting_date(
    sentence: Span, text: str, published: str | None, status: str, headline: str | None = None
) -> tuple[str | None, str | None]:
    """The date as written in the event sentence (its dateline left out), else as the headline
    writes it ('Call with President Adeyemi: 9 January 2025'), else a day named relative to
    the publication date; as ISO only when the text anchors the year."""
    skip = dateline_length(sentence.text)
    own = sentence.text[skip:]
    anchor = parse_iso(published)
    for source in (own, headline or ""):
        written = month_and_day(source)
        if written is not None:
            phrase, month, first, last, year = written
            year_number = int(year) if year else _year(text, anchor)
            if year_number is None:
                return phrase, None
            if last is None and (days := _lasting(own)) > 1:
                last = str(int(first) + days - 1)  # "a two-day summit starting May 14"
            return phrase, _iso_range(year_number, _MONTHS[month.lower()], int(first), last)
    ordinal = _ORDINAL_DAY.search(own)
    if ordinal is not None and anchor is not None:  # "on the 3rd": of the month it was written in
        iso = _nearest_day(
            anchor, int(ordinal.group(1)), future=status in ("scheduled", "proposed")
        )
        return ordinal.group(0).removeprefix("on ").strip(), iso
    lowered = own.lower()
    for word, days in _SAME_DAY:
        if re.search(rf"\b{word}\b", lowered):
            return word, _shifted(anchor, days)
    dates = [
        entity.text
        for entity in sentence.ents
        if entity.label_ == "DATE" and entity.start_char - sentence.start_char >= skip
    ]
    for phrase in dates:
        iso = resolve_relative(phrase, anchor, future=status in ("scheduled", "proposed"))
        if iso is not None:
            return phrase, iso
    return (dates[0], None) if dates else (None, None)


_ORDINAL_DAY = re.compile(r"\bon the (\d{1,2})(?:st|nd|rd|th)\b(?! of)")


def _nearest_day(anchor: date, day: int, *, future: bool) -> str | None:
    """The day of that number in the publication month, or the month before (after, for a
    meeting to come) where that day is not yet (no longer) reached."""
    month_shift = 0
    if future and day < anchor.day:
        month_shift = 1
    elif not future and day > anchor.day:
        month_shift = -1
    month_index = anchor.year * 12 + anchor.month - 1 + month_shift
    try:
        return date(month_index // 12, month_index % 12 + 1, day).isoformat()
    except ValueError:
        return None


_DURATION = re.compile(r"\b(two|three|four|five|2|3|4|5)-day\b", re.IGNORECASE)
_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5}


def _lasting(text: str) -> int:
    """Days a meeting is said to last: 'a two-day summit' is 2; 1 where it says nothing."""
    found = _DURATION.search(text)
    if found is None:
        return 1
    word = found.group(1).lower()
    return _NUMBERS.get(word) or int(word)


_SAME_DAY = (
    ("today", 0),
    ("this morning", 0),
    ("this afternoon", 0),
    ("this evening", 0),
    ("tonight", 0),
    ("yesterday", -1),
    ("last night", -1),
)
# "VARNHOLM, March 14 (Staff) - ", "KARSK (Reuters) — ": where and when the report was
# filed, not the meeting's date or place.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z .'\u2019-]{2,}\b[^\n\u2013\u2014-]{0,40}?\s[-\u2013\u2014]+\s"
)


def dateline_length(text: str) -> int:
    """Characters of a news dateline opening the text, 0 where there is none."""
    found = _DATELINE.match(text)
    return found.end() if found else 0


def month_and_day(text: str) -> tuple[str, str, str, str | None, str | None] | None:
    """(phrase, month, first day, last day, year) of the first written date, either order."""
    found = [
        (
            match.start(),
            match.group(0),
            match.group(1),
            match.group(2),
            match.group(3),
            match.group(4),
        )
        for match in _MONTH_DAY.finditer(text)
    ] + [
        (
            match.start(),
            match.group(0),
            match.group(3),
            match.group(1),
            match.group(2),
            match.group(4),
        )
        for match in _DAY_MONTH.finditer(text)
    ]
    if not found:
        return None
    _, phrase, month, first, last, year = min(found)
    if phrase.endswith(".") and month.lower() in _FULL_MONTHS:
        phrase = phrase[:-1]  # the sentence's full stop, not an abbreviation's
    return phrase, month, first, last, year


_FULL_MONTHS = frozenset(name.lower() for name in calendar.month_name if name)


_WEEKDAYS = tuple(name.lower() for name in calendar.day_name)


def resolve_relative(phrase: str, anchor: date | None, *, future: bool) -> str | None:
    """A day named relative to the publication date ('on Friday', 'last Tuesday'), read by
    dateparser: the latest such day on or before it for a meeting held, the next one on or
    after it for one to come. None where the phrase names no single day."""
    if anchor is None:
        return None
    words = phrase.lower().split()
    if anchor.strftime("%A").lower() in words and not {"last", "next"} & set(words):
        return anchor.isoformat()  # "on Wednesday" in Wednesday's paper: that day
    from dateparser.date import DateDataParser  # imported when needed: about 0.1 s

    settings = {
        "RELATIVE_BASE": datetime.combine(anchor, datetime.min.time()),
        "PREFER_DATES_FROM": "future" if future else "past",
        "RETURN_TIME_AS_PERIOD": True,
    }
    try:
        found = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    except (OverflowError, ValueError):  # a base date at the calendar's edge: 0001-01-01
        return None
    if found.date_obj is None or found.period not in ("day", "part_of_day"):
        return None
    if not any(word.strip(".,") in _WEEKDAYS for word in words):
        return None  # month-day forms are read above; other phrases are too loose to trust
    day: date = found.date_obj.date()
    return day.isoformat()


def _shifted(anchor: date | None, days: int) -> str | None:
    """The day `days` from the anchor, None past the calendar's ends (years 1 and 9999)."""
    if anchor is None:
        return None
    try:
        return (anchor + timedelta(days=days)).isoformat()
    except OverflowError:
        return None


def _year(text: str, anchor: date | None) -> int | None:
    if anchor is not None:
        return anchor.year
    years = {int(m.group(0)) for m in _YEAR.finditer(text)}
    return years.pop() if len(years) == 1 else None


def _iso_range(year: int, month: int, first: int, last: str | None) -> str | None:
    try:
        start = date(year, month, first)
        end = date(year, month, int(last)) if last else None
    except ValueError:
        return None
    return f"{start.isoformat()}/{end.isoformat()}" if end and end > start else start.isoformat()


def iso_day(year: int, month: str, day: int) -> str | None:
    """'2024-03-05' from (2024, 'March', 5), None for a day the calendar lacks."""
    number = _MONTHS.get(month.lower().rstrip("."))
    if number is None:
        return None
    try:
        return date(year, number, day).isoformat()
    except ValueError:
        return None


def parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
