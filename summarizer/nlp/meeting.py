"""The meeting a report describes: its sentence, who takes part, status, format, date and place.

The described meeting is the first event sentence of the body: a meeting verb ("met", "will host",
"held a call", "is scheduled to meet") with people or sides around it. People count as taking part
when the parse puts them in that event (subject, object, "with"/"by" partner) or in a later event
sentence of the same visit; every other named person is only mentioned.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from spacy.tokens import Doc, Span, Token

from summarizer.nlp.lexicon import (
    CANCELLED_CUES,
    DELEGATION_VERBS,
    GROUP_NOUNS,
    MEETING_NOUNS,
    MEETING_VERBS,
    OTHER_EVENT_CUES,
    PERSON_MEETING_VERBS,
    PHONE_CUES,
    PROPOSED_CUES,
    RAISING_VERBS,
    SCHEDULED_CUES,
    SPOKE_WITH,
    VIRTUAL_CUES,
)

_CLIMB = frozenset({"compound", "flat", "appos", "conj", "nmod", "amod"})
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


def event_tokens(sentence: Span) -> list[Token]:
    """Meeting verbs of a sentence, and meeting nouns held or had ('held a call')."""
    found = []
    for token in sentence:
        lemma = token.lemma_.lower()
        if token.pos_ in ("VERB", "AUX") and (lemma in MEETING_VERBS or lemma in DELEGATION_VERBS):
            if lemma == "call" and any(
                c.lower_ in ("on", "for", "upon") or c.dep_ in ("oprd", "ccomp")
                for c in token.children
            ):
                continue  # "called on Russia to release", "what it calls a measure": no call
            found.append(token)
        elif (token.pos_ == "VERB" and _meets_a_person(token, lemma)) or (
            lemma in MEETING_NOUNS and _names_the_meeting(token)
        ):
            found.append(token)
    return found


# Verbs whose object is a meeting being arranged: "proposed a meeting", "requested talks".
_ARRANGING = frozenset(
    {
        "hold",
        "have",
        "host",
        "propose",
        "plan",
        "schedule",
        "request",
        "seek",
        "offer",
        "arrange",
        "announce",
        "convene",
        "chair",
        "attend",
        "join",
        "pay",  # "paid a courtesy call on"
        "make",
        "receive",  # "received a phone call from"
    }
)


# What happens to a meeting, said with the meeting as subject: "the talks were postponed",
# "the meeting took place", "the session focused on".
_HAPPENING = frozenset(
    {
        "postpone",
        "cancel",
        "delay",
        "hold",
        "schedule",
        "set",
        "plan",
        "take",
        "end",
        "conclude",
        "begin",
        "open",
        "start",
        "focus",
        "center",
        "centre",
        "last",
        "resume",
        "break",
        "cover",
        "address",
        "produce",
        "yield",
    }
)


def _names_the_meeting(noun: Token) -> bool:
    """A meeting noun that is the event itself: held, proposed or arranged ("held a working
    lunch", "proposed talks"), the subject of what happened to it ("the talks were
    postponed", "the meeting focused on"), or its time frame ("during their talks")."""
    if noun.dep_ == "dobj":
        return noun.head.lemma_.lower() in _ARRANGING
    if noun.dep_ in ("nsubj", "nsubjpass"):
        return noun.head.lemma_.lower() in _HAPPENING
    return noun.dep_ == "pobj" and noun.head.lower_ in ("during", "at", "after")


def _meets_a_person(verb: Token, lemma: str) -> bool:
    """'received Governor Osei', 'sat down with the minister': a meeting by what surrounds the
    verb, where the verb alone is not one."""
    if lemma == "sit":
        return any(c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)
    if lemma not in PERSON_MEETING_VERBS:
        return False
    return any(
        child.dep_ == "dobj"
        and (child.ent_type_ == "PERSON" or any(t.ent_type_ == "PERSON" for t in child.subtree))
        for child in verb.children
    )


def is_event_head(token: Token, events: list[Token]) -> bool:
    """The token is an event, or opens one ('scheduled' in 'is scheduled to meet')."""
    if token in events:
        return True
    if token.lemma_.lower() in RAISING_VERBS or token.pos_ == "AUX":
        return any(child in events for child in token.children if child.dep_ in ("xcomp", "ccomp"))
    return False


def takes_part(token: Token, events: list[Token]) -> bool:
    """Whether the parse puts this name token in one of the sentence's events."""
    current = token
    for _ in range(8):
        if current.dep_ in _CLIMB and current.head is not current:
            current = current.head
            continue
        if current.dep_ == "pobj" and current.head.lower_ == "of":
            current = current.head.head  # climb out of a title: "Minister of Commerce ... Wang"
            continue
        break
    if current in events and token.dep_ in ("conj", "compound") and current is not token:
        return True  # "co-led by A, ..., and B": the parser hangs B on the verb itself
    head = current.head
    if current.dep_ in ("nsubj", "nsubjpass", "dobj") and is_event_head(head, events):
        return (
            head.lemma_.lower() not in DELEGATION_VERBS
            or current.dep_ == "dobj"
            or any(c.dep_ == "dobj" and c.lemma_.lower() in GROUP_NOUNS for c in head.children)
        )
    if current.dep_ in ("nsubj", "dobj", "dative") and _during_an_event(head, events):
        return True  # "During their talks, Lund asked Osei ...": both were in the talks
    if current.dep_ == "nsubj" and any(c.dep_ == "dobj" and c in events for c in head.children):
        return True  # "Lund had breakfast with Osei", "Lund paid a courtesy call on Osei"
    if current.dep_ == "pobj" and current.head.lower_ in ("with", "by"):
        return is_event_head(head.head, events)
    if current.dep_ == "pobj" and current.head.lower_ in _PARTNER_PREPOSITIONS:
        # "a courtesy call on Osei", "a call from Osei", "spoke to Osei", "a visit to Osei"
        return head.head in events and head.head.lemma_.lower() in _PARTNER_EVENTS
    return current.dep_ == "agent" and is_event_head(head, events)


# Other words that name the partner of some events ("a call on", "a call from", "spoke to").
_PARTNER_PREPOSITIONS = frozenset({"on", "from", "to"})
_PARTNER_EVENTS = frozenset({"call", "visit", "speak", "talk", "phone", "telephone"})


def _during_an_event(verb: Token, events: list[Token]) -> bool:
    return any(
        child.dep_ == "prep" and any(grand in events for grand in child.children)
        for child in verb.children
    )


def is_other_event(sentence: Span) -> bool:
    lowered = f" {sentence.text.lower()} "
    return any(cue in lowered for cue in OTHER_EVENT_CUES)


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    sentence: Span
    status: str
    format: str
    date_text: str | None
    date: str | None
    location: str | None


def main_event(body: list[Span]) -> Span | None:
    """The first body sentence with a meeting verb or a held meeting noun."""
    for sentence in body:
        if event_tokens(sentence):
            return sentence
    return None


def read_meeting(
    sentence: Span, doc: Doc, published: str | None, following: Sequence[Span] = ()
) -> MeetingFacts:
    """The meeting's facts from its sentence; a place or date it does not give is taken from
    the next sentences that describe the same meeting ("The ministers met on June 3. ... The
    two-day talks in Karsk ..."), never from other events."""
    text = f" {sentence.text.lower()} "
    status = _status(sentence, text)
    location = _location(sentence)
    date_text, iso = _date(sentence, doc.text, published, status)
    for later in following[:SAME_MEETING_SENTENCES]:
        if not event_tokens(later) or is_other_event(later):
            continue
        location = location or _location(later)
        if date_text is None:
            date_text, iso = _date(later, doc.text, published, status)
    format_ = _format(text, location)
    return MeetingFacts(
        sentence=sentence,
        status=status,
        format=format_,
        date_text=date_text,
        date=iso,
        location=location if format_ != "phone" else None,
    )


# How far after the meeting's sentence its place and date are looked for.
SAME_MEETING_SENTENCES = 3


def _status(sentence: Span, text: str) -> str:
    if any(cue in text for cue in CANCELLED_CUES):
        return "cancelled"
    events = event_tokens(sentence)
    verbs = [_verb_of(event) for event in events]
    for verb in verbs:
        governors = [verb, *verb.ancestors]
        auxiliaries = [
            c.lower_ for g in governors[:3] for c in g.children if c.dep_ in ("aux", "auxpass")
        ]
        if any(a in ("will", "shall", "'ll") for a in auxiliaries):
            return "scheduled"
        if any(
            g.lemma_.lower() in RAISING_VERBS and g.lemma_.lower() != "agree"
            for g in governors[1:3]
        ):
            return "scheduled"
    if any(cue in text for cue in PROPOSED_CUES):
        return "proposed"
    if any(cue in text for cue in SCHEDULED_CUES):
        return "scheduled"
    if any(v.tag_ in ("VBD", "VBN") for v in verbs):
        return "held"
    return "unknown"


def _verb_of(event: Token) -> Token:
    """The verb that tells an event's tense: itself, 'held' for 'held a call', 'asked' for
    'during their talks, Lund asked'."""
    if event.pos_ != "NOUN":
        return event
    return event.head.head if event.dep_ == "pobj" else event.head


def _format(text: str, location: str | None) -> str:
    if any(cue in text for cue in VIRTUAL_CUES):
        return "virtual"
    text = text.replace("courtesy call", "courtesy visit")  # a diplomatic visit, in person
    if any(cue in text for cue in PHONE_CUES) or SPOKE_WITH.search(text):
        return "phone"
    return "in_person" if location or _IN_PERSON.search(text) else "unknown"


_IN_PERSON = re.compile(
    r"\b(met|meet|meets|hosted|host|hosts|visit\w*|held|convened|travel\w*|received|"
    r"breakfast|lunch|dinner|sat down)\b"
)


# Where a journey ends is where its meeting is: "travelled to Karsk to meet", "a visit to Karsk".
_JOURNEYS = frozenset({"travel", "visit", "trip", "journey", "fly", "arrive", "come", "go", "head"})
# "on the sidelines of the summit in Rio": the meeting is where the larger event is.
_MARGINS = frozenset({"sideline", "sidelines", "margin", "margins"})


def _location(sentence: Span) -> str | None:
    """A place of the event itself: in an 'in'/'at' phrase of the event ('met ... in London',
    'at the Northern Forum in Karsk'), at the end of the journey that brought someone to it, or
    at the larger event it was held on the sidelines of; not in a clause about something else
    ('following the summit in Woodside')."""
    events = event_tokens(sentence)
    if not events:
        return None
    for token in sentence:
        if token.dep_ == "prep" and _places_the_event(token, events):
            place = _place_under(token, sentence)
            if place is not None:
                return place
    return None


def _places_the_event(prep: Token, events: list[Token]) -> bool:
    word = prep.lower_
    if word in ("in", "at"):
        return _in_event(prep, events)
    if word == "to":
        return prep.head.lemma_.lower() in _JOURNEYS
    if word == "on":
        return any(child.lemma_.lower() in _MARGINS for child in prep.children)
    return False


def _place_under(prep: Token, sentence: Span) -> str | None:
    """The first place named in the phrase a preposition opens (a city after a venue too); else
    its object when that is a proper name the tagger did not call a person, body or date (small
    models often tag an unfamiliar town as a product or a work of art)."""
    for entity in sentence.ents:
        inside = entity.start > prep.i and prep in list(entity.root.ancestors)[:5]
        if inside and entity.label_ in ("GPE", "LOC", "FAC"):
            return _strip_article(entity.text)
    target = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if target is None or target.pos_ != "PROPN" or target.ent_type_ in _NOT_PLACES:
        return None
    words = [t for t in target.subtree if t.i <= target.i and t.pos_ == "PROPN"]
    return sentence.doc[words[0].i : target.i + 1].text if words else None


_NOT_PLACES = frozenset({"PERSON", "ORG", "DATE", "TIME", "NORP", "EVENT", "MONEY"})


def _in_event(prep: Token, events: list[Token]) -> bool:
    """The phrase hangs off the event through its participants, dates or meeting nouns only."""
    current = prep.head
    for _ in range(6):
        if is_event_head(current, events) or current in events:
            return True
        allowed = (
            current.ent_type_ in ("PERSON", "DATE", "TIME")
            or current.lemma_.lower() in ("visit", "meeting", "talks", "meetings", "trip")
            or (
                current.dep_ in ("pobj", "dobj", "compound", "appos", "npadvmod", "conj")
                and current.pos_ in ("PROPN", "NUM", "NOUN")
                and current.ent_type_ not in ("", "ORG", "GPE")
            )
            or current.pos_ == "ADP"
        )
        if not allowed or current.head is current:
            return False
        current = current.head
    return False


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") and text[4:5].isupper() else text


def _date(
    sentence: Span, text: str, published: str | None, status: str
) -> tuple[str | None, str | None]:
    """The date as written in the event sentence, and as ISO only when the text anchors the year."""
    lowered = sentence.text.lower()
    anchor = _parse_iso(published)
    for word, days in (("today", 0), ("yesterday", -1), ("last night", -1)):
        if re.search(rf"\b{word}\b", lowered):
            iso = (anchor + timedelta(days=days)).isoformat() if anchor else None
            return word, iso
    written = _month_and_day(sentence.text)
    if written is not None:
        phrase, month, first, last, year = written
        year_number = int(year) if year else _year(text, anchor)
        if year_number is None:
            return phrase, None
        return phrase, _iso_range(year_number, _MONTHS[month.lower()], int(first), last)
    dates = [entity.text for entity in sentence.ents if entity.label_ == "DATE"]
    for phrase in dates:
        iso = resolve_relative(phrase, anchor, future=status in ("scheduled", "proposed"))
        if iso is not None:
            return phrase, iso
    return (dates[0], None) if dates else (None, None)


def _month_and_day(text: str) -> tuple[str, str, str, str | None, str | None] | None:
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
    found = DateDataParser(languages=["en"], settings=settings).get_date_data(phrase)
    if found.date_obj is None or found.period not in ("day", "part_of_day"):
        return None
    if not any(word.strip(".,") in _WEEKDAYS for word in words):
        return None  # month-day forms are read above; other phrases are too loose to trust
    day: date = found.date_obj.date()
    return day.isoformat()


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


def _parse_iso(value: str | None) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
