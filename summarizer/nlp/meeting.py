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
    BODIES,
    CANCELLED_CUES,
    DELEGATION_VERBS,
    GROUP_NOUNS,
    IN_MEETING_ACTS,
    MEETING_NOUNS,
    MEETING_VERBS,
    ORG_WORDS,
    OTHER_EVENT_CUES,
    PERSON_MEETING_VERBS,
    PHONE_CUES,
    PROPOSED_CUES,
    RAISING_VERBS,
    SCHEDULED_CUES,
    SPOKE_WITH,
    TITLE_WORDS,
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
            if lemma == "call" and not _calls_someone(token):
                continue
            found.append(token)
        elif (token.pos_ == "VERB" and _meets_a_person(token, lemma)) or (
            (lemma in MEETING_NOUNS or _a_body_held(token)) and _names_the_meeting(token)
        ):
            found.append(token)
        elif token.dep_ == "ROOT" and token.lower_ in _HEADLINE_VERBS:
            found.append(token)  # "Lund greets Osei at the ministry", tagged as a plural noun
        elif token.pos_ == "VERB" and lemma in _DECIDING | _HEARING and _a_body_decides(token):
            found.append(token)  # "The council voted 9-4", "the board chose Port Allen"
    return found


# A body deciding something: the decision is its meeting.
_DECIDING = frozenset(
    {
        "vote",
        "approve",
        "adopt",
        "decide",
        "choose",
        "reject",
        "elect",
        "endorse",
        "pass",
        "fail",
        "ratify",
        "select",
        "award",
        "agree",
    }
)


def _a_body_held(token: Token) -> bool:
    """'The Ministerial Council was held in Porta', 'convened the council': a body's session."""
    return token.lemma_.lower() in BODIES and token.dep_ in ("nsubjpass", "dobj")


# What a body does in a hearing: "the committee questioned the chief executive".
_HEARING = frozenset({"question", "grill", "hear", "summon", "quiz", "interview", "debate"})


def _a_body_decides(verb: Token) -> bool:
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    return subject is not None and subject.lemma_.lower() in BODIES


# Headline verbs the tagger reads as plural nouns in title-like lines.
_HEADLINE_VERBS = frozenset({"meets", "greets", "receives", "welcomes"})


def _calls_someone(verb: Token) -> bool:
    """'called Osei', 'called him', 'the leaders called': a call. Not 'called on Karsk to
    release', 'what it calls a measure', 'called both sides back', 'called a meeting' (there the
    meeting noun is the event)."""
    for child in verb.children:
        if child.lower_ in ("on", "for", "upon", "back", "off") or child.dep_ in ("oprd", "ccomp"):
            return False
        if child.dep_ == "dobj" and not (
            child.pos_ == "PRON" or child.ent_type_ in _CALLABLE or child.lower_ == "counterpart"
        ):
            return False
    return True


_CALLABLE = frozenset({"PERSON", "ORG", "GPE", "NORP"})


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
        "call",  # "called a meeting", "called off the talks"
        # What happens to a meeting, said of the people in it: "broke off the talks",
        # "ended a third round", "resumed negotiations", "postponed the summit".
        "break",
        "end",
        "conclude",
        "open",
        "begin",
        "start",
        "resume",
        "continue",
        "close",
        "complete",
        "enter",
        "cancel",
        "postpone",
        "delay",
        "suspend",
        "reschedule",
        "wrap",  # "wrapped up a three-day summit"
        "co-chair",
        "lead",
        "moderate",
        "facilitate",
        "mediate",
        "preside",
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
        "call",  # "the meeting was called off"
        "move",  # "the meeting has been moved to a later date"
        "push",
        "scrap",
        "suspend",
        "shelve",
        "abandon",
        "adjourn",
        "continue",
        "drop",
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
    if noun.dep_ != "pobj":
        return False
    preposition = noun.head
    if preposition.lower_ == "for":  # "travelled to Karsk for talks", "gathered for a summit"
        return preposition.head.lemma_.lower() in _GATHERING
    if preposition.lower_ == "on":  # "will embark on a trip", "set out on a tour"
        return preposition.head.lemma_.lower() in _SETTING_OUT
    if preposition.lower_ == "in":  # "in talks with Osei"; not "said in Congress"
        return noun.pos_ == "NOUN"
    return preposition.lower_ in ("during", "at", "after")


_SETTING_OUT = frozenset({"embark", "set", "go", "leave", "depart"})
# Verbs whose "for" phrase is a meeting they come to: "flew to Karsk for talks".
_GATHERING = frozenset(
    {
        "travel",
        "fly",
        "arrive",
        "come",
        "go",
        "head",
        "gather",
        "meet",
        "return",
        "visit",
        "sit",
        "host",  # "will host Lund for a two-day summit"
        "invite",
        "welcome",
        "receive",
    }
)


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


def act_tokens(sentence: Span) -> list[Token]:
    """Verbs of acting inside a meeting ('voted for a cut', 'abstained') and words of being
    there ('Attending were'): whoever they name takes part in the meeting being read, though
    they do not make a sentence a meeting."""
    return [
        token
        for token in sentence
        if (token.pos_ == "VERB" and token.lemma_.lower() in IN_MEETING_ACTS)
        or (token.lower_ in _PRESENT and token.head.lemma_.lower() == "be")
        or (token.lemma_.lower() == "walk" and any(c.lower_ == "out" for c in token.children))
    ]


def is_event_head(token: Token, events: list[Token]) -> bool:
    """The token is an event, holds one ('held' in 'held talks with Osei', 'the talks were
    held'), or opens one ('scheduled' in 'is scheduled to meet')."""
    if token in events:
        return True
    if any(c in events and c.dep_ in ("dobj", "nsubjpass") for c in token.children):
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
        if current.dep_ == "pobj" and current.head.lower_ == "of" and _a_title(current.head.head):
            current = current.head.head  # climb out of a title: "Minister of Commerce ... Wang"
            continue
        break
    climbed = current is not token and token.dep_ in ("conj", "compound", "appos")
    if climbed and is_event_head(current, events):
        return True  # "co-led by A, ..., and B": the parser hangs B on the verb itself
    head = current.head
    if _negated(head):
        return False  # "Voss did not attend the talks", "Osei would not take part"
    if any(_in_a_relative_clause(child, events) for child in (*current.children, *token.children)):
        return True  # "Mayor Kowalski, who chaired the meeting, said ..."
    if current.dep_ in ("attr", "nsubj") and head.lemma_.lower() == "be":
        # "Attending were A, B and C", "Also present were A and B"
        return any(c in events or c.lower_ in _PRESENT for c in head.children if c is not current)
    # "npadvmod": a name the parser could not place in a list after the event ("hosted by A
    # and attended by, among others, B and C")
    if current.dep_ in ("nsubj", "nsubjpass", "dobj", "npadvmod") and is_event_head(head, events):
        return (
            head.lemma_.lower() not in DELEGATION_VERBS
            or current.dep_ == "dobj"
            or any(c.dep_ == "dobj" and c.lemma_.lower() in GROUP_NOUNS for c in head.children)
        )
    if current.dep_ == "nsubj" and _goes_on_to_meet(head, events):
        return True  # "Lund travelled to Karsk, where she met Osei"
    if current.dep_ in ("nsubj", "dobj", "dative") and _during_an_event(head, events):
        return True  # "During their talks, Lund asked Osei ...": both were in the talks
    if current.dep_ == "nsubj" and any(c.dep_ == "dobj" and c in events for c in head.children):
        return True  # "Lund had breakfast with Osei", "Lund paid a courtesy call on Osei"
    if current.dep_ == "pobj" and current.head.lower_ in ("with", "by", "between"):
        return is_event_head(head.head, events) or head.head in events  # "a meeting between"
    if current.dep_ == "pobj" and current.head.lower_ in _PARTNER_PREPOSITIONS:
        # "a courtesy call on Osei", "a call from Osei", "spoke to Osei", "a visit to Osei"
        return head.head in events and head.head.lemma_.lower() in _PARTNER_EVENTS
    return current.dep_ == "agent" and is_event_head(head, events)


# Words that say who was there, before "were": "Attending were", "Also present were".
_PRESENT = frozenset({"present", "attending", "participating", "attendees", "participants"})


def _goes_on_to_meet(verb: Token, events: list[Token]) -> bool:
    """The subject's own later clause is the meeting: 'travelled to Karsk, where she met Osei',
    'arrived on Monday and held talks'. The clause's subject is a pronoun or left out; a
    reported clause ('said that Osei met ...') never counts."""
    if verb.lemma_.lower() in _REPORTING:
        return False
    for event in events:
        path = [event, *event.ancestors]
        if verb not in path[1:]:
            continue
        links = path[: path.index(verb)]
        if any(link.dep_ not in _CONTINUING for link in links if link.pos_ in ("VERB", "AUX")):
            continue
        clause = _verb_of(event)
        subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is None or subject.lower_ in _PERSONAL:
            return True
    return False


_REPORTING = frozenset({"say", "tell", "add", "note", "announce", "state", "report", "write"})
_CONTINUING = frozenset({"relcl", "advcl", "xcomp", "conj"})
_PERSONAL = frozenset({"he", "she", "they", "i", "we"})


def _a_title(word: Token) -> bool:
    """'Minister' of 'Minister of Commerce Wang'; not 'family' of 'the family of Tomas Grey',
    who is not in the meeting with them."""
    return (
        word.lower_ in TITLE_WORDS
        or word.ent_type_ in ("ORG", "PERSON", "GPE")
        or word.lemma_.lower() in _TAKING_PART_NOUNS  # "with the participation of Ruiz"
    )


_TAKING_PART_NOUNS = frozenset({"participation", "presence", "attendance", "delegation"})


def _negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def _in_a_relative_clause(clause: Token, events: list[Token]) -> bool:
    """'who chaired the meeting', 'who attended': a relative clause whose subject is the person
    and whose verb is (or holds) an event."""
    if clause.dep_ != "relcl" or _negated(clause):
        return False
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None or subject.lower_ not in ("who", "that"):
        return False
    return is_event_head(clause, events) or any(
        c in events for c in clause.children if c.dep_ == "dobj"
    )


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
    date_text, iso = _date(sentence, doc.text, published, status, headline)
    for later in following[:SAME_MEETING_SENTENCES]:
        if not event_tokens(later) or is_other_event(later):
            continue
        location = location or _location(later)
        if date_text is None:
            date_text, iso = _date(later, doc.text, published, status)
    if date_text is None and lede is not None and not is_other_event(lede):
        date_text, iso = _date(lede, doc.text, published, status)  # the news lede says when
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
        if moved is not None and _month_and_day(sentence.text[moved.end() :]) is not None:
            return "scheduled"  # "postponed to June 12": moved to a set new date
        return "cancelled"
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


def _verb_of(event: Token) -> Token:
    """The verb that tells an event's tense: itself, 'held' for 'held a call', 'asked' for
    'during their talks, Lund asked'."""
    if event.pos_ not in ("NOUN", "PROPN"):
        return event
    verbs = [a for a in event.ancestors if a.pos_ in ("VERB", "AUX")]
    finite = [v for v in verbs if v.tag_ in ("VBD", "VBZ", "VBP", "VBN", "MD") or _modal(v)]
    return (finite or verbs or [event.head])[0]  # "disagreed over how to raise X at the meeting"


def _modal(verb: Token) -> bool:
    """'will embark', 'could meet': a verb made finite by its auxiliary ('to' is not one)."""
    return any(c.dep_ == "aux" and c.tag_ == "MD" for c in verb.children)


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
        if current.pos_ == "VERB" and _during_an_event(current, events):
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


def _date(
    sentence: Span, text: str, published: str | None, status: str, headline: str | None = None
) -> tuple[str | None, str | None]:
    """The date as written in the event sentence (its dateline left out), else as the headline
    writes it ('Call with President Adeyemi: 9 January 2025'), else a day named relative to
    the publication date; as ISO only when the text anchors the year."""
    skip = dateline_length(sentence.text)
    own = sentence.text[skip:]
    anchor = _parse_iso(published)
    for source in (own, headline or ""):
        written = _month_and_day(source)
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
            iso = (anchor + timedelta(days=days)).isoformat() if anchor else None
            return word, iso
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
