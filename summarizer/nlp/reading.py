"""How a meeting report is read, rule by rule, from the document index: the meeting, who takes
part, the sides, topics, frictions, outcomes, a title and a short summary.

Everything here is a reading rule over the spaCy parse; `engines/extractive.py` only turns a
Reading into the summary's items with their evidence. A new rule belongs here or in the
module of its kind (`events`, `meeting`, `dates`, `people`, `parties`, `items`, `lists`), with
its words in `lexicon`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from spacy.tokens import Span, Token

from summarizer.nlp.events import (
    act_tokens,
    event_tokens,
    is_event_head,
    is_other_event,
    takes_part,
)
from summarizer.nlp.index import DocumentIndex, build_index
from summarizer.nlp.items import Item, frictions, outcomes, topics
from summarizer.nlp.meeting import MeetingFacts, main_event, read_meeting
from summarizer.nlp.parties import side_words, speaks_for_a_side, stays_out
from summarizer.nlp.people import Person

NO_MEETING = "No meeting found"
NO_MEETING_SUMMARY = "No meeting is described in this document."


@dataclass(frozen=True, slots=True)
class Reading:
    """What the rules read in one document."""

    index: DocumentIndex
    facts: MeetingFacts | None  # None: no sentence describes a meeting
    title: str
    summary: str
    attendees: list[Person]
    after: list[Span]  # the body from the meeting's sentence on
    topics: list[Item]
    frictions: list[Item]
    outcomes: list[Item]


def read(text: str, published: str | None) -> Reading:
    """Read one document: the meeting first, then what follows it."""
    index = build_index(text)
    event = main_event(index.body)
    after = index.body[index.body.index(event) :] if event is not None else index.body
    if event is None:  # a page whose only meeting words are its headline: "Lund meets Osei"
        event = _headline_event(index)
        after = [event, *index.body] if event is not None else after
    facts = None
    if event is not None:
        lede = index.body[0] if index.body and index.body[0] is not event else None
        facts = read_meeting(
            event, index.doc, published, after[1:], headline=index.headline, lede=lede
        )
    attendees = _attendees(index, after)
    side_of = {
        position: person.side
        for person in index.people
        if person.side
        for mention in person.mentions
        for position in range(mention.start, mention.end)
    }
    absent = {
        position
        for person in index.people
        if person not in attendees and stays_out(person, index.doc)
        for mention in person.mentions
        for position in range(mention.start, mention.end)
    }
    friction_items = frictions(after, _sides(attendees), side_of, absent=absent)
    topic_items = topics(after, friction_items, agenda=_agenda(index), absent=absent)
    return Reading(
        index=index,
        facts=facts,
        title=_title(index, facts, attendees) if facts is not None else NO_MEETING,
        summary=_summary(event, topic_items, friction_items),
        attendees=attendees,
        after=after,
        topics=topic_items,
        frictions=friction_items,
        outcomes=outcomes(after),
    )


def _headline_event(index: DocumentIndex) -> Span | None:
    first = next((s for s in index.doc.sents if s.text.strip()), None)
    if first is None or first in index.body or not event_tokens(first):
        return None
    return first


# Photo captions that name who is in the picture: "(From left) Lund, Osei and Ruiz at ...".
_CAPTION = re.compile(r"^\W*(from left|left to right|l-r|l to r)\b", re.IGNORECASE)


def _attendees(index: DocumentIndex, sentences: list[Span]) -> list[Person]:
    """People the parse puts in the described meeting or in later events of the same visit,
    the people of a participants list ("The participants were:") or of a caption of the
    meeting's picture, and the author of a statement in the first person ("I met ...")."""
    found: list[Person] = _on_a_roster(index)
    if sentences and event_tokens(sentences[0]):
        found += [p for p in _in_a_caption(index) if p not in found]
        author = _speaking_author(index, sentences)
        if author is not None and author not in found:
            found.append(author)
    for position, sentence in enumerate(sentences):
        if position > 0 and is_other_event(sentence):
            continue
        events = event_tokens(sentence) + act_tokens(sentence)
        if not events:
            continue
        for person in index.people:
            if person in found:
                continue
            for mention in person.mentions:
                inside = sentence.start <= mention.start < sentence.end
                if inside and takes_part(index.doc[mention.end - 1], events):
                    found.append(person)
                    break
    if sentences and event_tokens(sentences[0]):
        stems = side_words(sentences[0])
        found += [
            person
            for person in index.people
            if person not in found and speaks_for_a_side(person, sentences, stems)
        ]
    return found


def _in_a_caption(index: DocumentIndex) -> list[Person]:
    captions = [s for s in index.doc.sents if _CAPTION.match(s.text)]
    return [
        person
        for person in index.people
        if any(c.start <= m.start < c.end for m in person.mentions for c in captions)
    ]


def _speaking_author(index: DocumentIndex, sentences: list[Span]) -> Person | None:
    """The one person named above the body ('Statement by Minister Lund'), where the body has
    them meet in the first person ('This morning I sat down with Governor Osei')."""
    first_person = any(
        token.lower_ in ("i", "we")
        and token.dep_ in ("nsubj", "nsubjpass")
        and is_event_head(token.head, event_tokens(sentence))
        for sentence in sentences
        for token in sentence
    )
    if not first_person or not index.body:
        return None
    above = [
        person
        for person in index.people
        if any(m.char_start < index.body[0].start_char for m in person.mentions)
    ]
    return above[0] if len(above) == 1 else None


def _agenda(index: DocumentIndex) -> list[Span]:
    return [item for found in index.lists if found.kind == "agenda" for item in found.items]


def _on_a_roster(index: DocumentIndex) -> list[Person]:
    rosters = [item for found in index.lists if found.kind == "roster" for item in found.items]
    return [
        person
        for person in index.people
        if any(
            item.start <= mention.start < item.end
            for mention in person.mentions
            for item in rosters
        )
    ]


def _sides(attendees: list[Person]) -> list[str]:
    sides: list[str] = []
    for person in attendees:
        if person.side and person.side not in sides:
            sides.append(person.side)
    return sides


def _title(index: DocumentIndex, facts: MeetingFacts | None, attendees: list[Person]) -> str:
    """The page's own headline where it names who met; else what the meeting was (its group,
    or its own noun phrase: 'Third round of negotiations') and who took part."""
    surnames = index.surnames(attendees[:3])
    headline = index.headline
    named = _listed(surnames)
    fits = headline is not None and len(headline) <= _TITLE_LIMIT
    if headline and fits and any(name.lower() in headline.lower() for name in surnames):
        return headline.removeprefix("Readout of ").strip()
    kind = _kind_phrase(facts.sentence) if facts is not None else None
    if kind and headline and not named and not _names_something(kind):
        return clip(headline)  # "A virtual meeting" says less than the page's own title
    if kind and named and " " not in kind:
        return clip(f"{named} {kind.lower()}")  # "Asante and Reid talks", not "Talks: ..."
    if kind and (named or _names_something(kind)):
        return clip(f"{kind[0].upper()}{kind[1:]}" + (f": {named}" if named else ""))
    noun = "call" if facts and facts.format == "phone" else "meeting"
    return clip(f"{named} {noun}" if named else (headline or "Meeting"))


_TITLE_LIMIT = 160


def _listed(names: list[str]) -> str:
    """'A', 'A and B', 'A, B and C'."""
    return ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else "".join(names)


def _names_something(phrase: str) -> bool:
    """Whether a phrase names anything ('the Economic Working Group'), beyond its first word."""
    return any(word[:1].isupper() for word in phrase.split()[1:])


# Nouns for a standing body that meets: "the third meeting of the Economic Working Group".
_GROUP_NOUNS = frozenset(
    {
        "meeting",
        "group",
        "dialogue",
        "summit",
        "delegation",
        "commission",
        "council",
        "committee",
        "board",
        "panel",
        "cabinet",
        "assembly",
    }
)


def _kind_phrase(sentence: Span) -> str | None:
    """What the meeting was, in the sentence's own words and without who, when or where: 'the
    third meeting of the Economic Working Group', 'wage talks', 'annual congress'."""
    nouns = [
        token
        for token in sentence
        if token.dep_ in ("dobj", "nsubj", "nsubjpass") and token.lemma_.lower() in _GROUP_NOUNS
    ]
    nouns += [t for t in event_tokens(sentence) if t.pos_ == "NOUN"]
    if not nouns:
        return None
    words = _named_by(nouns[0]).split()
    if len(words) > 1 and words[0].lower() in _DETERMINERS:
        words = words[1:]  # "their annual congress" -> "annual congress"
    text = " ".join(words)
    for opening, closing in (("\u2018", "\u2019"), ("\u201c", "\u201d")):
        if closing in text and opening not in text:
            text = text.replace(closing, "")  # a quotation the phrase starts inside of
    return text


_DETERMINERS = frozenset({"a", "an", "the", "their", "its", "his", "her", "our", "this"})


def _named_by(noun: Token, depth: int = 0) -> str:
    """A noun with the words before it and its chain of 'of' phrases, nothing else: 'the third
    meeting of the Economic Working Group (EWG)', 'a third round of negotiations'."""
    doc = noun.doc
    text = doc[noun.left_edge.i : noun.i + 1].text
    after = noun.i + 1
    if after + 2 < len(doc) and doc[after].text == "(" and doc[after + 2].text == ")":
        text += f" ({doc[after + 1].text})"  # an acronym: "(EWG)"
    of = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    named = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
    if named is not None and depth < 3:
        text += f" of {_named_by(named, depth + 1)}"
    return text


def clip(text: str, limit: int = 160) -> str:
    """At most `limit` characters, cut at a word with an ellipsis."""
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "\u2026"


def _summary(event: Span | None, topic_items: list[Item], friction_items: list[Item]) -> str:
    chosen: list[Span] = []
    for span in [
        event,
        *(i.sentence for i in topic_items[:1]),
        *(i.sentence for i in friction_items[:1]),
    ]:
        if span is not None and span not in chosen:
            chosen.append(span)
    if event is None:
        return NO_MEETING_SUMMARY
    text = " ".join(" ".join(span.text.split()) for span in chosen[:3])
    return clip(text, 900)
