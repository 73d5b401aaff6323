"""The meeting a report describes: its sentence, status, format, date and place.

The described meeting is the first body sentence that describes one (`events`); its tense and
cues give the status, its words the format, its place phrase (or that of the journey to it) the
place, and `dates` the date. A place or date it does not give is taken from the next sentences
about the same meeting.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from summarizer.nlp.dates import meeting_date, month_and_day
from summarizer.nlp.events import (
    during_an_event,
    event_tokens,
    is_event_head,
    is_other_event,
    verb_of,
)
from summarizer.nlp.lexicon import (
    CANCELLED_CUES,
    ORG_WORDS,
    PHONE_CUES,
    PROPOSED_CUES,
    RAISING_VERBS,
    SCHEDULED_CUES,
    SPOKE_WITH,
    VIRTUAL_CUES,
)


@dataclass(frozen=True, slots=True)
class MeetingFacts:
    sentence: Span
    status: str
    format: str
    date_text: str | None
    date: str | None
    location: str | None


def main_event(body: list[Span]) -> Span | None:
    """The first body sentence with a meeting verb or a held meeting noun; a sentence with no
    verb at all (a caption: "(From left) Lund, Osei and Ruiz at the summit") only where no
    other sentence describes the meeting."""
    events = [sentence for sentence in body if event_tokens(sentence)]
    told = [s for s in events if any(t.pos_ in ("VERB", "AUX") for t in s)]
    return (told or events)[0] if events else None


def read_meeting(
    sentence: Span,
    doc: Doc,
    published: str | None,
    following: Sequence[Span] = (),
    *,
    headline: str | None = None,
    lede: Span | None = None,
) -> MeetingFacts:
    """The meeting's facts from its sentence; a place or date it does not give is taken from
    the next sentences that describe the same meeting ("The ministers met on June 3. ... The
    two-day talks in Karsk ..."), never from other events."""
    text = f" {sentence.text.lower()} "
    status = _status(sentence, text)
    location = _location(sentence)
    date_text, iso = meeting_date(sentence, doc.text, published, status, headline)
    for later in following[:SAME_MEETING_SENTENCES]:
        if not event_tokens(later) or is_other_event(later):
            continue
        location = location or _location(later)
        if date_text is None:
            date_text, iso = meeting_date(later, doc.text, published, status)
    if date_text is None and lede is not None and not is_other_event(lede):
        date_text, iso = meeting_date(lede, doc.text, published, status)  # the news lede says when
    format_ = _format(text, location, event_tokens(sentence), status)
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
    events = event_tokens(sentence)
    if events and _NO_NEW_DATE.search(text):
        return "cancelled"  # "will now take place at a later date": postponed, no date set
    if any(cue in text for cue in CANCELLED_CUES) and _called_off(events):
        moved = _MOVED_TO.search(sentence.text)
        if moved is not None and month_and_day(sentence.text[moved.end() :]) is not None:
            return "scheduled"  # "postponed to June 12": moved to a set new date
        return "cancelled"
    verbs = [verb_of(event) for event in events]
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
    tenses = [_tense_of(verb) for verb in verbs]
    if any(tag in ("VBD", "VBN") for tag in tenses):
        return "held"
    if any(tag in ("VBZ", "VBP") for tag in tenses):
        # News in the present: "Ministers meet on Friday" is to come, "Lund meets Osei" (a
        # headline) and "negotiators are meeting this week" are happening.
        dated = any(e.label_ == "DATE" and e.text.lower() not in _NOW for e in sentence.ents)
        progressive = any(tag == "VBG" for tag in (v.tag_ for v in verbs))
        return "scheduled" if dated and not progressive else "held"
    return "unknown"


_NOW = frozenset({"today", "this week", "now", "this morning", "this afternoon", "tonight"})


def _tense_of(verb: Token) -> str:
    """The tag that tells a verb's time: its own, or for a participle ('the board, meeting in
    Karsk, chose', 'negotiators are meeting') that of the verb or auxiliary it hangs on."""
    if verb.tag_ != "VBG":
        return verb.tag_
    auxiliary = next((c for c in verb.children if c.dep_ == "aux"), None)
    if auxiliary is not None:
        return auxiliary.tag_
    governor = next((a for a in verb.ancestors if a.pos_ in ("VERB", "AUX")), None)
    return governor.tag_ if governor is not None else verb.tag_


_NO_NEW_DATE = re.compile(r"\b(at|to) a later (date|time)\b|\buntil further notice\b")
_MOVED_TO = re.compile(
    r"\b(postponed|moved|rescheduled|pushed back|delayed)\b[^.]{0,40}?\b(to|until|till)\b"
)


def _called_off(events: list[Token]) -> bool:
    """The meeting itself is cancelled or postponed ('the talks were postponed', 'called off
    the summit', 'postponed his visit'), not something decided in it ('postponed a vote')."""
    for event in events:
        if event.pos_ in ("NOUN", "PROPN"):
            governor = event.head if event.dep_ in ("dobj", "nsubj", "nsubjpass") else None
            around = [governor] if governor is not None else []
        else:
            around = [event, *list(event.ancestors)[:3]]  # "decided to cancel the visit"
        around += [c for c in event.children if c.dep_ in ("amod", "acl")]  # "the postponed talks"
        if any(token.lemma_.lower() in _CANCELLING for token in around):
            return True
    return False


_CANCELLING = frozenset(
    {"cancel", "postpone", "call", "scrap", "delay", "suspend", "shelve", "drop", "defer"}
)


def _format(text: str, location: str | None, events: list[Token], status: str) -> str:
    """Virtual or phone where the sentence says so; else in person, which is how meetings,
    talks, sessions and visits are held unless a report says otherwise. A bare conversation
    ('spoke', 'talked', 'conferred') with no place, and a meeting only proposed, are unknown."""
    if any(cue in text for cue in VIRTUAL_CUES):
        return "virtual"
    text = text.replace("courtesy call", "courtesy visit")  # a diplomatic visit, in person
    text = re.sub(r"\bcall(s|ed)? off\b", "cancelled", text)  # no telephone in it
    spoke_only = SPOKE_WITH.search(text) and not _IN_PERSON.search(text)
    if any(cue in text for cue in PHONE_CUES) or spoke_only:
        return "phone"
    if location or _IN_PERSON.search(text):
        return "in_person"
    talking = all(e.pos_ == "VERB" and e.lemma_.lower() in _CONVERSATION for e in events)
    return "unknown" if talking or status == "proposed" else "in_person"


_CONVERSATION = frozenset({"speak", "talk", "confer", "call", "phone"})


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
    if target is not None and target.pos_ == "NOUN" and target.lemma_.lower() in _VENUES:
        named = [t for t in target.lefts if t.pos_ == "PROPN" and t.ent_type_ not in _NOT_PLACES]
        if named:  # "at the Kelso naval base", "at the Harbour conference centre"
            return sentence.doc[named[0].i : target.i + 1].text
    if target is None or target.pos_ != "PROPN":
        return None
    journey = prep.lower_ == "to" and target.ent_type_ == "NORP"  # "travel to Tallis": a town
    # "in Aldor" with Aldor tagged a person: a lone name after "in" or "at" is a place (the
    # people module leaves such a word out of the people too)
    lone = (
        prep.lower_ in ("in", "at")
        and target.ent_type_ == "PERSON"
        and target.n_lefts + target.n_rights == 0
    )
    if target.ent_type_ in _NOT_PLACES and not (journey or lone):
        return None
    if target.ent_type_ == "ORG" and (
        prep.lower_ not in ("in", "at") or any(t.lower_ in ORG_WORDS for t in target.subtree)
    ):
        return None  # "met in Estra", "at City Hall": a town or a building; not "in Congress"
    words = [t for t in target.subtree if t.i <= target.i and t.pos_ == "PROPN"]
    return sentence.doc[words[0].i : target.i + 1].text if words else None


# Nouns for the place a meeting is held in, which a name before them makes a place.
_VENUES = frozenset(
    {
        "base",
        "centre",
        "center",
        "hall",
        "palace",
        "hotel",
        "residence",
        "headquarters",
        "building",
        "office",
        "house",
        "castle",
        "airport",
        "complex",
        "villa",
        "resort",
        "camp",
        "compound",
    }
)
_NOT_PLACES = frozenset({"PERSON", "DATE", "TIME", "NORP", "EVENT", "MONEY"})


def _in_event(prep: Token, events: list[Token]) -> bool:
    """The phrase hangs off the event through its participants, dates or meeting nouns only."""
    current = prep.head
    if prep is not None and _with_the_time(prep):
        return True  # "... sharing the river in Geneva on Wednesday": the parser's attachment
    for _ in range(6):
        if is_event_head(current, events) or current in events:
            return True
        if current.pos_ == "VERB" and during_an_event(current, events):
            return True  # "signed the deal at the offices in Selby after talks"
        if current.dep_ == "acl" and current.head in events:
            return True  # "the meeting, scheduled for June 8 in Karsk"
        if any(c in events and c.dep_ == "nsubj" for c in current.children):
            return True  # "the talks took place in Karsk"
        if current.lower_ in _ANOTHER_TIME:
            return False  # "following the summit in Woodside, Lund met ...": another event
        allowed = (
            current.ent_type_ in ("PERSON", "DATE", "TIME")
            or current.lemma_.lower() in ("visit", "meeting", "talks", "meetings", "trip")
            or (current.dep_ == "pobj" and current.head.lower_ == "of")  # "round of talks in"
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


_ANOTHER_TIME = frozenset({"following", "after", "before", "ahead", "since", "prior"})


def _with_the_time(prep: Token) -> bool:
    """A place phrase beside a date phrase on the same word ('in Geneva on Wednesday'): when and
    where of the sentence's event, wherever the parser hung the two."""
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if place is None or place.ent_type_ not in ("GPE", "LOC", "FAC"):
        return False
    if prep.head.pos_ != "VERB" or prep.head.lemma_.lower() == "follow":
        return False  # "following the summit on Wednesday in Woodside": another event
    if prep.head.dep_ in ("acl", "relcl"):
        return False  # "the aid worker detained in Karsk since October": someone else's time
    return any(
        sibling.dep_ == "prep"
        and any(o.ent_type_ in ("DATE", "TIME") for o in sibling.children if o.dep_ == "pobj")
        for sibling in prep.head.children
        if sibling is not prep
    )


def _strip_article(text: str) -> str:
    return text[4:] if text.lower().startswith("the ") and text[4:5].isupper() else text
