"""Agenda topics, points of friction and outcomes, read from the sentences that report them.

Topics are the objects of reporting verbs ("discussed X, Y and Z", "raised concerns about X"),
split into list items. Frictions are sentences with disagreement cues, minus shared concerns about
third parties ("they condemned ...") and intentions ("will address areas of difference").
Every item keeps the sentence it came from as its evidence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from spacy.tokens import Span, Token

from summarizer.nlp.events import is_other_event
from summarizer.nlp.lexicon import (
    BACKGROUND,
    EMPTY_OBJECTS,
    FRICTION_CUES,
    JOINT_NUMBERS,
    JOINT_SUBJECTS,
    LIST_OPENERS,
    MEETING_NOUNS,
    MEETING_VERBS,
    NORP_TO_SIDE,
    OUTCOME_CUES,
    PEOPLE_NOUNS,
    TABLE_NOUNS,
    TALKING_VERBS,
    TITLE_WORDS,
    TOPIC_VERBS,
    Cue,
)

_SPLIT = re.compile(
    r",\s*(?:and\s+|as well as\s+|including\s+)?|\s+as well as\s+|\s+including\s+|;\s*"
)
_FROM_TO = re.compile(r"^from\s+(.+?)\s+to\s+(.+)$")
_MAX_LABEL = 100
# Nouns whose 'on ...' phrase is what was talked about: "an exchange of views on X".
TALK_NOUNS = frozenset({"discussion", "exchange", "view", "talk", "dialogue", "conversation"})


@dataclass(frozen=True, slots=True)
class Item:
    label: str
    sentence: Span
    kind: str = "other"
    parties: tuple[str, ...] = ()
    positions: tuple[tuple[str, str], ...] = ()


def topics(
    sentences: list[Span],
    friction_items: Sequence[Item] = (),
    *,
    agenda: Sequence[Span] = (),
    absent: AbstractSet[int] = frozenset(),
) -> list[Item]:
    """An agenda list's items, objects of reporting verbs, then points of friction that were
    raised in the meeting. `absent`: token indices of people named but not in the meeting,
    whose own words ("the minister, who did not attend, welcomed the decision") are no topic."""
    found: list[Item] = []
    for line in agenda:
        label = _label(_tidy(line.text))
        if _meaningful(label) and not _known(label, found):
            found.append(Item(label=label, sentence=line, kind="agenda"))
    for number, sentence in enumerate(sentences):
        if number > 0 and is_other_event(sentence):
            continue  # the meeting's own sentence is kept whatever else it mentions
        phrases = [
            (_topic_phrase(token), token.lemma_.lower())
            for token in sentence
            if not said_by(token, absent)
        ]
        phrases.append((_on_the_table(sentence), "on the table"))
        phrases.append((_fronted(sentence), "fronted"))
        phrases.append((_agenda_sentence(sentence), "agenda"))
        for phrase, kind in phrases:
            for label in split_list(phrase) if phrase is not None else []:
                if _meaningful(label) and not _known(label, found):
                    found.append(Item(label=label, sentence=sentence, kind=kind))
    for item in friction_items:
        if _meaningful(item.label) and not _known(item.label, found):
            found.append(Item(label=item.label, sentence=item.sentence, kind="raised"))
    return found


def said_by(verb: Token, people: AbstractSet[int]) -> bool:
    """Whether the verb's subject (or the subject of the verb it hangs on, for 'urged ... to
    discuss') names one of these people."""
    if not people:
        return False  # asked of every word of every sentence: most documents have no one absent
    for head in (verb, verb.head):
        subject = next((c for c in head.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return any(t.i in people for t in subject.subtree)
    return False


def _topic_phrase(token: Token) -> Span | None:
    """'discussed X' (a reporting verb's object) or 'discussions on X' (a talk noun's subject)."""
    lemma = token.lemma_.lower()
    if lemma == "call" and not any(c.lower_ in ("for", "on") for c in token.children):
        return None  # "called the talks frank" names no topic; "called for X" does
    if token.pos_ == "VERB" and lemma in TOPIC_VERBS:
        return _object_phrase(token) or _passive_subject(token)
    idiom = _idiom_word(token)
    if token.pos_ == "VERB" and idiom is not None:
        return _object_phrase(token, about={idiom})
    if token.pos_ == "NOUN" and lemma in TALK_NOUNS:
        return _about(token, ("on", "about", "regarding", "over", "of"))
    if token.pos_ != "VERB":
        return None
    if lemma in TALKING_VERBS:  # "spoke about the harvest", "talked about timber"
        return _about(token, ("about", "on", "regarding", "concerning", "over"))
    subject = next((c for c in token.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    if subject.lemma_.lower() in MEETING_NOUNS | TALK_NOUNS | TABLE_NOUNS:
        # "discussions centred on X", "the talks dealt with X", "the talks turned to X"
        if lemma not in _CONTENT_VERBS:
            return None  # "the meeting was chaired by ...", "the talks ended"
        return _object_phrase(token, about={"with", "around", "at"})
    if _in_the_meeting(token) and not _someone(subject):
        return phrase(subject)  # "Port fees featured in the talks", "X topped the agenda"
    return None


# Verbs that say what a meeting was about when it is their subject.
_CONTENT_VERBS = frozenset(
    {
        "produce",  # "the meeting produced commitments on climate finance"
        "yield",
        "centre",
        "center",
        "focus",
        "turn",
        "deal",
        "concentrate",
        "revolve",
        "touch",
        "cover",
        "address",
        "range",
        "span",
        "examine",
        "consider",
        "review",
        "include",
        "explore",
    }
)
# How people talk, not what about: "spoke on the phone", "talked by video".
_CHANNELS = frozenset({"phone", "telephone", "video", "line", "call", "sideline", "behalf"})


def _about(token: Token, prepositions: tuple[str, ...]) -> Span | None:
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in prepositions:
            words = _words([child], keep_heads=True)[1:]  # after the preposition
            channel = any(w.lemma_.lower() in _CHANNELS for w in words[:3])
            if words and not channel and words[0].ent_type_ not in ("DATE", "TIME"):
                return _with_list_tail(token.doc[words[0].i : words[-1].i + 1])
    return None


# Verb and word that together report a topic: "took stock of", "paid tribute to", "looked at".
_IDIOMS = frozenset(
    {
        ("take", "stock"),
        ("pay", "tribute"),
        ("pay", "attention"),
        ("look", "at"),
        ("look", "into"),
        ("set", "out"),
        ("compare", "notes"),
        ("give", "update"),
        ("touch", "upon"),
    }
)


def _idiom_word(verb: Token) -> str | None:
    lemma = verb.lemma_.lower()
    return next((c.lower_ for c in verb.children if (lemma, c.lower_) in _IDIOMS), None)


def _in_the_meeting(verb: Token) -> bool:
    """The verb places its subject in the meeting: 'featured in the talks', 'topped the
    agenda', 'dominated the meeting'."""
    for child in verb.children:
        if child.dep_ == "dobj" and child.lemma_.lower() in MEETING_NOUNS | TABLE_NOUNS:
            return True
        framing = child.dep_ == "prep" and child.lower_ in ("in", "at", "during", "on")
        if framing and any(o.lemma_.lower() in MEETING_NOUNS | TABLE_NOUNS for o in child.children):
            return True
    return False


def _someone(subject: Token) -> bool:
    """A person, a side or a group of people: never a topic."""
    words = list(subject.subtree)
    return (
        subject.pos_ == "PRON"
        or subject.lemma_.lower() in PEOPLE_NOUNS
        or subject.lower_ in TITLE_WORDS
        or any(w.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") for w in words)
    )


def _meaningful(label: str) -> bool:
    return (
        len(label) > 3
        and label.lower() not in EMPTY_OBJECTS
        and not _generic(label)
        and not _KEEPING_IN_TOUCH.search(label)
    )


# Staying in contact is how a meeting ends, not what it was about.
_KEEPING_IN_TOUCH = re.compile(
    r"(?i)\b(keep|stay|remain|maintain|continu)\w*\b.{0,20}\b(contact|touch|communication)\b"
)


# Labels that only say there were topics ("a broad range of bilateral, regional and global
# issues", "issues of mutual concern"), or name the meeting or its sides ("the deal", "both
# sides"): every word of them is one of these.
_GENERIC_WORDS = frozenset(
    (  # noqa: SIM905 - a word list reads better as prose than as 90 quoted items
        "a an the their its our several many various other some number of and or both all two "
        "broad wide whole full host variety range series set bilateral regional global "
        "international foreign policy key important common mutual shared continued further "
        "issue issues topic topics matter matters subject subjects question questions area "
        "areas interest interests concern concerns item items deal agreement decision meeting "
        "talks side sides party parties call calls statement criticism claim claims accusation "
        "accusations allegation allegations charges remarks comments proposal policies "
        "discussion discussions relations affairs his her time hospitality invitation visit "
        "welcome"
    ).split()
)


# Words of the list openers ("views on", "the importance of") that carry no topic.
_OPENING_WORDS = frozenset({"view", "views", "importance", "way", "ways", "need"})


def _generic(label: str) -> bool:
    words = re.findall(r"[\w'-]+", label.lower())
    return bool(words) and all(word in _GENERIC_WORDS for word in words)


def _passive_subject(verb: Token) -> Span | None:
    """'The need for equal access was also discussed': what was discussed is the subject."""
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None or subject.pos_ == "PRON":
        return None
    return phrase(subject)


def phrase(token: Token) -> Span:
    """The words a token governs, in order (spaCy's parses are projective: one span)."""
    return token.doc[token.left_edge.i : token.right_edge.i + 1]


def _known(label: str, items: list[Item]) -> bool:
    """A label already said, or said inside a longer one, adds nothing."""
    lowered = label.lower()
    return any(lowered in item.label.lower() or item.label.lower() in lowered for item in items)


# Children of a reporting verb that say who, where or when, not what about.
_NOT_CONTENT = frozenset(
    {
        "nsubj",
        "nsubjpass",
        "aux",
        "auxpass",
        "neg",
        "punct",
        "cc",
        "conj",
        "relcl",
        "npadvmod",
        "advmod",
        "mark",
        "dative",
    }
)
_NOT_CONTENT_PREPS = frozenset(
    {"with", "in", "at", "during", "by", "after", "before", "since", "according"}
)


def _object_phrase(verb: Token, about: AbstractSet[str] = frozenset()) -> Span | None:
    """The words after the verb that say what it is about: object, 'on'/'from' phrases, 'that'
    clause; not the partner, place, time, or a relative clause about something else. `about`:
    prepositions that say what here ('looked at X', 'the talks dealt with X')."""
    leave_out = _NOT_CONTENT_PREPS - about
    keep = [
        child
        for child in verb.children
        if child.i > verb.i
        and child.dep_ not in _NOT_CONTENT
        and not (child.dep_ == "prep" and child.lower_ in leave_out)
        and not _a_person(child)
        and not (child.dep_ == "advcl" and child.lemma_.lower() in _GIVING_REASONS)
        and not _a_destination(child)
    ]
    if not keep or (keep[0].dep_ == "xcomp" and keep[0].lemma_.lower() in MEETING_VERBS):
        return None
    words = _words(keep)
    content = [t for t in words if t.pos_ in ("NOUN", "PROPN", "ADJ", "VERB")]
    if sum(1 for t in content if t.lower_ not in _GENERIC_WORDS | _OPENING_WORDS) < 2:
        # "views on policies that support balanced growth": a bare noun needs its clause
        words = _words(keep, keep_relative=True)
    while words and (words[0].lower_ in ("that", "whether", "how", "to") or words[0].is_punct):
        words = words[1:]
    while words and words[-1].is_punct and words[-1].text != "%":
        words = words[:-1]
    return _with_list_tail(verb.doc[words[0].i : words[-1].i + 1]) if words else None


_NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "DET", "ADP", "CCONJ", "NUM", "PART", "PUNCT"})


def _with_list_tail(span: Span) -> Span:
    """'discussed the outlook for wages, energy prices and the housing market': the small
    parser often hangs a list's later items on the verb, not on the first item; a comma list
    of noun phrases running on to the sentence's end belongs to the object."""
    sentence = span.sent
    while len(span) > 1 and span[-1].text in (",", ":"):
        span = span[:-1]
    if span.end >= sentence.end or span.doc[span.end].text not in (",", ":"):
        return span  # "discussed A, B and C", "discussions of several items: A, B and C"
    tail = span.doc[span.end : sentence.end]
    while len(tail) and (tail[-1].is_punct or tail[-1].is_space):
        tail = tail[:-1]
    nominal = all(t.pos_ in _NOMINAL and t.text not in (";", ":") for t in tail[1:])
    listed = any(t.lower_ in ("and", "or") for t in tail)
    if nominal and listed and any(t.pos_ in ("NOUN", "PROPN") for t in tail):
        return span.doc[span.start : tail.end]
    return span


def _words(
    heads: Sequence[Token], *, keep_relative: bool = False, keep_heads: bool = False
) -> list[Token]:
    """The words the heads govern, in order, without their asides (`_aside`); relative clauses
    stay with `keep_relative`, and the heads themselves with `keep_heads`."""
    left_out = {
        t.i
        for head in heads
        for c in head.subtree
        if _aside(c)
        and not (keep_relative and c.dep_ == "relcl")
        and not (keep_heads and c is head)
        for t in c.subtree
    }
    return sorted(
        (t for head in heads for t in head.subtree if t.i not in left_out), key=lambda t: t.i
    )


def _aside(token: Token) -> bool:
    """A part of an object phrase that says something else than what was discussed: a relative
    clause, when ('on Friday', 'after the federations objected') or at which meeting ('at their
    annual congress')."""
    if token.dep_ == "relcl":
        return True
    if token.dep_ == "conj" and token.pos_ in ("VERB", "AUX") and token.head.pos_ == "NOUN":
        return True  # "rejected the accusation and said ...": another clause
    if token.dep_ == "advcl":  # "after the guild wrote", "while the other side said"
        return any(c.dep_ == "mark" and c.lower_ in _TIME_MARKS for c in token.children)
    if token.dep_ == "npadvmod":
        return token.ent_type_ in ("DATE", "TIME")
    if token.dep_ != "prep":
        return False
    objects = [c for c in token.children if c.dep_ == "pobj"]
    framing = token.lower_ in ("at", "during", "in")  # not "plans for a meeting"
    return any(
        o.ent_type_ in ("DATE", "TIME") or (framing and o.lemma_.lower() in MEETING_NOUNS)
        for o in objects
    )


_TIME_MARKS = frozenset(
    {"after", "before", "when", "while", "as", "since", "until", "once", "whereas", "although"}
)


# Verbs of a participle clause that gives a reason: not a topic ("voted for a cut, arguing
# that ..."), but the issue of a protest ("walked out, saying they were not consulted").
_GIVING_REASONS = frozenset(
    {"argue", "say", "add", "insist", "claim", "cite", "explain", "complain", "protest"}
)


def _a_person(child: Token) -> bool:
    """'asked Governor Osei about X': the person asked is who, not what about."""
    if child.dep_ not in ("dobj", "dative"):
        return False
    words = [t for t in child.subtree if not t.is_punct]
    named = [t for t in words if t.ent_type_ == "PERSON" or t.lower_ in TITLE_WORDS]
    people = child.lemma_.lower() in PEOPLE_NOUNS and len(words) <= 3  # "urged both leaders"
    return people or len(named) >= len(words) - 1


_PLACE_NOUNS = frozenset({"capital", "city", "country", "region", "ministry", "office"})


def _a_destination(child: Token) -> bool:
    """'welcomed Osei to the capital': where someone was received, not a topic."""
    if child.dep_ != "prep" or child.lower_ != "to":
        return False
    objects = [c for c in child.children if c.dep_ == "pobj"]
    return bool(objects) and all(
        o.ent_type_ in ("GPE", "LOC", "FAC") or o.lemma_.lower() in _PLACE_NOUNS for o in objects
    )


def _fronted(sentence: Span) -> Span | None:
    """'On migration, Lund said ...', 'Regarding the ports, ...': a topic put first."""
    first = sentence[0]
    if first.lower_ not in ("on", "regarding", "concerning", "about") or first.dep_ != "prep":
        return None
    comma = next((t for t in sentence if t.text == ","), None)
    words = list(first.subtree)[1:]
    if comma is None or not words or words[-1].i >= comma.i:
        return None
    if any(w.ent_type_ in ("DATE", "TIME") for w in words):
        return None  # "On Monday, ..."
    return sentence.doc[words[0].i : words[-1].i + 1]


def _on_the_table(sentence: Span) -> Span | None:
    """'Port access was also on the table/agenda': the subject is a topic."""
    root = sentence.root
    if root.lemma_.lower() != "be":
        return None
    on_table = any(
        child.dep_ == "prep"
        and child.lower_ == "on"
        and any(o.lemma_.lower() in TABLE_NOUNS for o in child.children)
        for child in root.children
    )
    subject = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if not on_table or subject is None:
        return None
    return phrase(subject)


# "Topics included A, B and C", "The agenda covered A and B", "Issues discussed were A and B".
_AGENDA_SUBJECTS = frozenset(
    {
        "topic",
        "issue",
        "agenda",
        "item",
        "subject",
        "area",
        "discussion",
        # What a meeting produced lists what it settled: "The agreement includes A, B and C".
        "agreement",
        "deal",
        "accord",
        "package",
        "settlement",
        "declaration",
        "communique",
    }
)
_AGENDA_VERBS = frozenset({"include", "cover", "be", "range", "span", "feature"})


def _agenda_sentence(sentence: Span) -> Span | None:
    """A sentence that lists the agenda: its object (or complement) is the list of topics."""
    root = sentence.root
    if root.lemma_.lower() not in _AGENDA_VERBS:
        return None
    subject = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    among = any(
        child.dep_ == "prep"
        and child.lower_ == "among"
        and any(o.lemma_.lower() in _AGENDA_SUBJECTS for o in child.children)
        for child in root.children
    )
    if among and subject is not None:  # "Among the topics discussed was X"
        return phrase(subject)
    if subject is None or subject.lemma_.lower() not in _AGENDA_SUBJECTS:
        return None
    listed = next((c for c in root.children if c.dep_ in ("dobj", "attr", "prep")), None)
    if listed is None:
        return None
    listing = phrase(listed)
    if listed.dep_ == "prep":  # "ranged from A to B": keep the words after the preposition
        listing = listing[1:]
    return _with_list_tail(listing) if len(listing) else None


def split_list(phrase: Span) -> list[str]:
    """'a range of topics, from A and B to C, D and E' -> [A and B, C, D, E]. Commas between
    adjectives that share a noun ('bilateral, regional, and global issues') do not split."""
    pieces: list[list[Token]] = [[]]
    for token in phrase:
        between_adjectives = (
            token.text == "," and token.i > phrase.start and (token.doc[token.i - 1].pos_ == "ADJ")
        )
        if (token.text in (",", ";") and not between_adjectives) or token.lower_ == "including":
            pieces.append([])
            continue
        pieces[-1].append(token)
    pieces = [piece for piece in pieces if piece]
    if len(pieces) >= 2:  # "A, B and C": the last 'and' of a comma list separates items too
        last = pieces[-1]
        joints = [n for n, t in enumerate(last) if t.lower_ == "and" and n > 0]
        if joints and last[joints[-1] - 1].pos_ != "ADJ":
            pieces[-1:] = [last[: joints[-1]], last[joints[-1] + 1 :]]
    texts = [_tidy(" ".join(t.text for t in piece)) for piece in pieces if piece]
    labels: list[str] = []
    for number, text in enumerate(texts):
        text = _drop_opener(text)
        ranged = _FROM_TO.match(text)
        if ranged:
            labels.extend(ranged.groups())
        elif number == len(texts) - 1 and len(texts) > 2 and text.startswith("and "):
            labels.append(text[4:])
        else:
            labels.append(text)
    return [label for label in (_label(text) for text in labels) if label and not _clause(label)]


def _tidy(text: str) -> str:
    """Token texts joined with spaces, with the spaces before punctuation taken out again."""
    return re.sub(r"\s+([\u2019'.,)%])", r"\1", re.sub(r"([(])\s+", r"\1", text)).replace(
        " - ", "-"
    )


def _drop_opener(text: str) -> str:
    """'a range of topics, ...' and 'several items: fisheries' lose the words that only
    announce the list."""
    head, colon, rest = text.partition(":")
    if colon and rest.strip() and len(head) <= _LONGEST_ANNOUNCEMENT:
        text = rest.strip()
    lowered = text.lower()
    for opener in LIST_OPENERS:
        index = lowered.find(opener)
        if 0 <= index <= 12:
            return text[index + len(opener) :].lstrip(" ,")
    return text


_LONGEST_ANNOUNCEMENT = 40


def _clause(label: str) -> bool:
    return label.split(" ", 1)[0].lower() in ("which", "what", "who", "where", "when", "whom")


# Words a label does not start with: "about port fees" is "port fees".
_LEADING = frozenset(
    {
        "and",
        "or",
        "the",
        "a",
        "an",
        "also",
        "from",
        "to",
        "on",
        "about",
        "over",
        "regarding",
        "were",
        "was",
        "are",
        "is",
        "included",
        "including",
        "for",
        "out",  # "set out her position on X"
        "with",  # "the talks dealt with X"
        "at",
        "into",
        "upon",
        "around",
        "in",  # "including in critical minerals"
        "that",  # "insisted that the talks be held in Karsk"
    }
)


def _label(text: str) -> str:
    words = " ".join(text.split()).strip(" ,.;:").split()
    while words and words[0].lower() in _LEADING:
        words = words[1:]
    label = " ".join(words)
    if len(label) > _MAX_LABEL:
        label = label[:_MAX_LABEL].rsplit(" ", 1)[0]
    return label


def frictions(
    sentences: list[Span],
    sides: list[str],
    side_of: dict[int, str] | None = None,
    *,
    absent: AbstractSet[int] = frozenset(),
) -> list[Item]:
    """`side_of` maps the token index of a person's name to the side they represent; `absent`
    holds those of people named but not in the meeting, whose criticism from outside ("the
    minister, who did not attend, urged a settlement") is no friction of the meeting."""
    found: list[Item] = []
    known_sides = [*sides, *(_named_sides(sentences[0]) if sentences else [])]
    for sentence in sentences:
        if is_other_event(sentence) or said_by(sentence.root, absent):
            continue
        lowered = sentence.text.lower()
        cues = _clause_cues([c for c in FRICTION_CUES if _counts(c, lowered, sentence)], sentence)
        issues = [(cue, issue) for cue in cues for issue in _issues(sentence, cue.stem)]
        for cue, issue in issues:
            if not _has_words(issue) or _known(issue, found) or _an_answer(issue, sentence, found):
                continue
            if _aimed(cue) and _against_a_third_party(issue, sentence, known_sides):
                continue
            party = _speaker_side(sentence, sides, side_of or {})
            positions = ((party, _label(issue)),) if party else ()
            found.append(
                Item(
                    label=issue,
                    sentence=sentence,
                    kind=cue.kind,
                    parties=tuple(sides[:2]),
                    positions=positions,
                )
            )
    return found


def _has_words(label: str) -> bool:
    """A label made only of quote marks or punctuation names no issue."""
    return any(character.isalnum() for character in label)


def _an_answer(issue: str, sentence: Span, found: list[Item]) -> bool:
    """'Dubois rejected the criticism': a bare word for the friction just before answers it."""
    if not _generic(issue) or not found:
        return False
    previous = found[-1].sentence
    return previous.end <= sentence.start and sentence.start - previous.end <= 2


def _clause_cues(cues: list[Cue], sentence: Span) -> list[Cue]:
    """The first cue, and the cue of each clause coordinated with those before: 'raised
    concerns about X, and asked that Karsk do Y' is two frictions; 'blamed Karsk for its
    pressure on Y' is one."""
    chosen: list[Cue] = []
    clauses: list[Token] = []
    for cue in sorted(cues, key=lambda cue: sentence.text.lower().find(cue.stem)):
        clause = _clause_of(cue.stem, sentence)
        joined = clause is not None and all(_coordinated(clause, other) for other in clauses)
        if chosen and not joined:
            continue
        chosen.append(cue)
        if clause is not None:
            clauses.append(clause)
    return chosen


def _coordinated(one: Token, other: Token) -> bool:
    """Two clauses joined by 'and'/'but' (one is a conj of the other or of a clause above it):
    'said the plan was unacceptable and called for a guarantee'."""
    if one is other:
        return False
    for clause, against in ((one, other), (other, one)):
        if clause.dep_ == "conj" and clause.head in (against, *against.ancestors):
            return True
    return False


def _clause_of(stem: str, sentence: Span) -> Token | None:
    """The verb whose clause holds the cue."""
    at = sentence.text.lower().find(stem)
    token = next((t for t in sentence if t.idx - sentence.start_char >= at), None)
    for current in [token, *token.ancestors] if token is not None else []:
        if current.pos_ in ("VERB", "AUX"):
            return current
    return None


def _aimed(cue: Cue) -> bool:
    """Cues that are aimed at someone: sanctions, threats, pressure."""
    return cue.kind in ("sanction", "threaten") or cue.stem == "pressure"


def _named_sides(sentence: Span) -> list[str]:
    """Countries and peoples the meeting's own sentence names, as sides."""
    return [
        NORP_TO_SIDE.get(e.text.lower().removeprefix("the "), e.text)
        for e in sentence.ents
        if e.label_ in ("GPE", "NORP")
    ]


def _against_a_third_party(issue: str, sentence: Span, sides: Sequence[str]) -> bool:
    """'pressure on Valdoria', 'sanctions against Valdoria' where Valdoria is not a side of
    the meeting (`sides`: those of its people and those its own sentence names): a stance the
    sides share against someone else, not a friction between them."""
    named = {side.lower() for side in sides}
    named |= {alias for alias, side in NORP_TO_SIDE.items() if side in sides}
    for entity in sentence.ents:
        if entity.label_ not in ("GPE", "NORP"):
            continue
        country = NORP_TO_SIDE.get(entity.text.lower().removeprefix("the "), entity.text)
        if country.lower() in named:
            continue
        head = entity.root.head
        target = head.lower_ in ("on", "against") or head.head.lower_ in ("on", "against")
        if target and entity.text.lower() in issue.lower():
            return True
    return False


def _counts(cue: Cue, lowered: str, sentence: Span) -> bool:
    """Whether this cue, with its conditions, marks a friction voiced in this sentence."""
    if not re.search(rf"\b{cue.stem}", lowered) or BACKGROUND.search(lowered):
        return False
    if cue.needs is not None and not cue.needs.search(lowered):
        return False
    root = sentence.root
    if not cue.between_sides and _joint_subject(root):
        return False  # a view both sides share, often about a third party
    future = any(c.lower_ in ("will", "shall") for c in root.children if c.dep_ == "aux")
    return not (future and cue.intent)


def _joint_subject(root: Token) -> bool:
    for child in root.children:
        if child.dep_ in ("nsubj", "nsubjpass"):
            return _joint(" ".join(t.lower_ for t in child.subtree))
    return False


# Characters from a cue to an 'including' that lists what the cue is about: "raised concerns
# about several practices, including ...".
_NEAR_INCLUDING = 80


def _issues(sentence: Span, cue: str) -> list[str]:
    """The issue after 'including' lists ('concerns, including A, B and C' -> A, B, C)."""
    text = sentence.text.strip()
    lowered = text.lower()
    at = lowered.find(cue)
    marker = lowered.find("including")
    listed = marker >= 0 and (at > marker or marker - at <= _NEAR_INCLUDING)
    if not listed:  # no list, or one about something else than this cue
        return [_label(_cue_phrase(sentence, cue) or text)]
    items = [_label(part) for part in _SPLIT.split(text[marker + len("including") :])]
    items = [item for item in items if len(item) > 3]
    if at > marker:  # the cue is one item of a list: that item is the issue
        items = [item for item in items if cue in item.lower()]
    return items or [_label(text)]


# Prepositions that say what a cue is about: "concerns about X", "at odds over X".
_ABOUT = frozenset(
    {"about", "over", "on", "regarding", "concerning", "with", "at", "against", "to", "for", "of"}
)
_WHAT = frozenset({"dobj", "xcomp", "ccomp", "attr", "oprd", "pobj"})


def _cue_phrase(sentence: Span, cue: str) -> str | None:
    """What the cue is about, read from the parse: the words its own 'about/over/on' phrases,
    object and clause cover ("called on Russia to release the two men"), else the rest of the
    sentence from the cue on. News often puts the issue last ("At a forum on Monday, the
    minister, speaking after the session, voiced concerns about fishing quotas"), so a label
    cut from the sentence's start would miss it."""
    at = sentence.text.lower().find(cue)
    if at < 0:
        return None
    start = sentence.start_char + at
    token = next((t for t in sentence if t.idx + len(t) > start), None)
    if token is None:
        return None
    for anchor in (token, token.head, token.head.head):
        parts = [
            child
            for child in anchor.children
            if child.i > token.i
            and (child.dep_ in _WHAT or (child.dep_ == "prep" and child.lower_ in _ABOUT))
            and not _a_person(child)  # "accused the mayor of rushing the vote"
            and not (child.left_edge.i <= token.i <= child.right_edge.i)  # the cue's own words
        ]
        words = _words(parts, keep_relative=True)  # "technologies that have ..." stays
        if words:  # not when every part is an aside: "clashed on Friday", "at the summit"
            first, last = words[0], words[-1]
            while last.i > first.i and last.is_punct and last.text != "%":
                last = sentence.doc[last.i - 1]
            if first.dep_ == "prep":  # "about fishing quotas": the issue, not the preposition
                first = sentence.doc[first.i + 1] if first.i + 1 <= last.i else first
            return _item_with(sentence.doc[first.i : last.i + 1].text, cue)
    subject = _copula_subject(token)
    if subject is not None:  # "protecting national security is not negotiable"
        return subject
    resisted = _resisted_thing(token)
    if resisted is not None:  # "tougher language on forced labour, a proposal some resisted"
        return resisted
    reason = _reason_given(token)
    if reason is not None:  # "walked out before the vote, saying they had not been consulted"
        return reason
    rest = sentence.text[at:]  # not Doc.text, which spaCy rebuilds on every access
    return _item_with(rest, cue) if rest.strip() else None


# How a cue hangs in a predicate: "is not negotiable", "remain far apart", "the main sticking
# point".
_PREDICATE = frozenset({"neg", "acomp", "attr", "advmod", "amod", "compound"})


def _resisted_thing(cue: Token) -> str | None:
    """The noun a cue's relative clause is about ('a proposal some leaders resisted'), or the
    one that noun stands beside ('tougher language on forced labour, a proposal ...')."""
    verb = next((t for t in (cue, cue.head) if t.dep_ == "relcl"), None)
    if verb is None:
        return None
    thing = verb.head
    if thing.dep_ == "appos":  # "X, a proposal some resisted": X
        thing = _phrase_before(thing) or thing.head
    aside = {t.i for c in thing.subtree if c.dep_ in ("appos", "relcl") for t in c.subtree}
    words = [t for t in thing.subtree if t.i not in aside and not t.is_punct]
    return cue.doc[words[0].i : words[-1].i + 1].text if words else None


def _phrase_before(appositive: Token) -> Token | None:
    """The head of the noun phrase right before an appositive, wherever the parser hung the
    appositive: 'pushed for stricter rules on bycatch, a proposal ...' -> 'rules'."""
    doc = appositive.doc
    position = appositive.left_edge.i - 1
    while position >= 0 and doc[position].is_punct:
        position -= 1
    if position < 0:
        return None
    node = doc[position]
    while node.head is not node and node.head.i < appositive.i and node.head.pos_ != "VERB":
        node = node.head
    if node.pos_ == "ADP":
        node = next((c for c in node.children if c.dep_ == "pobj"), node)
    return node if node.pos_ in ("NOUN", "PROPN") else None


def _reason_given(cue: Token) -> str | None:
    for verb in (cue, cue.head):
        for child in verb.children:
            if child.dep_ == "advcl" and child.lemma_.lower() in _GIVING_REASONS:
                said = [c for c in child.children if c.dep_ in ("ccomp", "dobj")]
                if said:
                    return phrase(said[0]).text
    return None


def _item_with(text: str, cue: str) -> str:
    """The item of a list that holds the cue: 'the disputed border strip, water sharing and a
    rail link' is about 'the disputed border strip'."""
    pieces = [piece for piece in _SPLIT.split(text) if piece.strip()]
    if len(pieces) < 2:
        return text
    return next((piece for piece in pieces if cue in piece.lower()), text)


def _copula_subject(token: Token) -> str | None:
    """The subject of 'X is <cue>' or 'X remains <cue>': there the issue is X."""
    clause = token
    for _ in range(4):  # "remain far apart": far -> apart -> remain
        if clause.dep_ not in _PREDICATE or clause.head is clause:
            break
        clause = clause.head
    if clause.lemma_.lower() not in ("be", "remain", "seem", "become"):
        return None
    subject = next((c for c in clause.children if c.dep_ in ("nsubj", "nsubjpass", "csubj")), None)
    if subject is None or _joint(phrase(subject).text):
        return None  # "the two sides remain far apart": the sides, not the issue
    return phrase(subject).text


def _joint(words: str) -> bool:
    lowered = words.lower().removeprefix("the ")
    first = lowered.split(" ", 1)[0]
    return (
        lowered in JOINT_SUBJECTS
        or f"the {lowered}" in JOINT_SUBJECTS
        or first in JOINT_NUMBERS
        or first == "both"
    )


def _speaker_side(sentence: Span, sides: list[str], side_of: dict[int, str]) -> str | None:
    """The side of whoever voices the friction: a named person's side, or a side named."""
    subject = next((c for c in sentence.root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return None
    for token in subject.subtree:
        if token.i in side_of:
            return side_of[token.i]
    words = f" {' '.join(t.text for t in subject.subtree).lower()} "
    for side in sides:
        names = {side.lower(), *(alias for alias, named in NORP_TO_SIDE.items() if named == side)}
        if any(f" {name} " in words for name in names):
            return side  # "U.S. officials", "the Americans", "Valdorian negotiators"
    return None


def outcomes(sentences: list[Span]) -> list[Item]:
    found = []
    for sentence in sentences:
        lowered = sentence.text.lower()
        for cue, kind in OUTCOME_CUES:
            if cue in lowered:
                found.append(Item(label=_label(sentence.text), sentence=sentence, kind=kind))
                break
    return found
