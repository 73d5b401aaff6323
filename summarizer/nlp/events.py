"""Which sentences describe a meeting, and who the parse puts in it.

A sentence describes a meeting when it has a meeting verb ("met", "will host", "spoke with"), a
meeting noun that is held, arranged or happens to ("held talks", "broke off the talks", "during
their talks"), or a body deciding or questioning ("the council voted"). A person takes part when
the parse puts their name in such an event: its subject or object, its "with"/"by"/"between"
partner, a relative clause of theirs that is one ("who chaired the meeting"), or their own later
clause ("flew to Karsk, where she met ...").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from summarizer.nlp.lexicon import (
    BODIES,
    DELEGATION_VERBS,
    GROUP_NOUNS,
    IN_MEETING_ACTS,
    MEETING_NOUNS,
    MEETING_VERBS,
    OTHER_EVENT_CUES,
    PERSON_MEETING_VERBS,
    RAISING_VERBS,
    TITLE_WORDS,
)

_CLIMB = frozenset({"compound", "flat", "appos", "conj", "nmod", "amod"})


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
    if negated(head):
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
    if current.dep_ in ("nsubj", "dobj", "dative") and during_an_event(head, events):
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
        clause = verb_of(event)
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


def negated(verb: Token) -> bool:
    return any(child.dep_ == "neg" for child in verb.children)


def _in_a_relative_clause(clause: Token, events: list[Token]) -> bool:
    """'who chaired the meeting', 'who attended': a relative clause whose subject is the person
    and whose verb is (or holds) an event."""
    if clause.dep_ != "relcl" or negated(clause):
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


def during_an_event(verb: Token, events: list[Token]) -> bool:
    return any(
        child.dep_ == "prep" and any(grand in events for grand in child.children)
        for child in verb.children
    )


def is_other_event(sentence: Span) -> bool:
    lowered = f" {sentence.text.lower()} "
    return any(cue in lowered for cue in OTHER_EVENT_CUES)


def verb_of(event: Token) -> Token:
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
