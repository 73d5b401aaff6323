"""The sides a meeting is between, and the people who speak for them in the report.

News about talks rarely puts every negotiator in the meeting's own sentence: "Negotiators for
the nurses' federation and the hospital group broke off wage talks" names the sides, and the next
sentences quote "Federation chair Ingrid Solberg" and "Hospital group chief executive Marcus
Delaine". A person takes part when their own words tie them to a side named in the meeting's
sentence (or call them someone's counterpart) and the report has them act: say, insist, reject.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from summarizer.nlp.events import is_other_event, negated
from summarizer.nlp.lexicon import BODIES, GROUP_TITLES, NOT_A_SIDE, SPOKESPEOPLE
from summarizer.nlp.people import Mention, Person

_SIDE_ENTITIES = frozenset({"ORG", "GPE", "NORP"})
# Where a side's name is only the place of the meeting: "met in Geneva", "at City Hall".
_PLACE_PREPOSITIONS = frozenset({"in", "at", "to", "from", "near"})
# Letters two words must share at their start to name the same side: "Ardania" and
# "Ardanian", "council" and "councillor", "hospitals" and "hospital".
_STEM = 5


def side_words(sentence: Span) -> set[str]:
    """Stems of the sides named in the meeting's sentence: its organisations, countries and
    peoples, except where they are only its place."""
    stems: set[str] = set()
    for entity in sentence.ents:
        if entity.label_ not in _SIDE_ENTITIES or _only_a_place(entity):
            continue
        stems |= {_stem(t) for t in entity if t.is_alpha and t.lower_ not in NOT_A_SIDE}
    for token in sentence:
        group = token.lemma_.lower()
        if group in BODIES:
            stems.add(_stem(token))  # "the committee questioned ...": its chair is of it
        if token.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and group in GROUP_TITLES:
            # "Leaders of the nine met": a president or chancellor quoted after is one of them;
            # "met leaders of the union": so is a union negotiator
            stems |= {_stem_text(title) for title in GROUP_TITLES[group]}
            stems |= {
                _stem(t)
                for t in token.subtree
                if t.pos_ == "NOUN" and t.lower_ not in NOT_A_SIDE and t is not token
            }
    return stems


def speaks_for_a_side(person: Person, sentences: list[Span], stems: set[str]) -> bool:
    """Whether the person is tied to a side (or is someone's counterpart) and acts, not only is
    named, in the report of the meeting."""
    tied = acts = False
    for mention in person.mentions:
        sentence = next((s for s in sentences if s.start <= mention.start < s.end), None)
        if sentence is None or is_other_event(sentence):
            continue
        described = _described_by(mention, sentence, person)
        if SPOKESPEOPLE & set(described):
            return False  # who speaks about a meeting for a side was not in it
        if "counterpart" in described:
            return True  # "told his counterpart Irina Volkova": the other side of the table
        tied = tied or bool({_stem_text(w) for w in described} & stems)
        acts = acts or _acts(sentence.doc[mention.end - 1])
    return tied and acts


def _described_by(mention: Mention, sentence: Span, person: Person) -> list[str]:
    """The words that say who the person is: those before the name in its phrase ('Federation
    chair', 'Ardanian Minister'), the noun it stands beside ('his counterpart, Elena Petrova'),
    and the role read for the person."""
    doc = sentence.doc
    last = doc[mention.end - 1]
    words = [t.lower_ for t in doc[last.left_edge.i : mention.start] if t.is_alpha]
    if last.dep_ == "appos":
        words += [t.lower_ for t in doc[last.head.left_edge.i : last.head.i + 1] if t.is_alpha]
    words += (person.role or "").lower().split()
    return words


def _acts(name: Token) -> bool:
    """The name is the subject of a verb that is not negated: 'Demir insisted', 'Petrova
    rejected', 'Delaine told reporters'."""
    current = _in_its_clause(name)
    if current.dep_ not in ("nsubj", "nsubjpass"):
        return False
    verb = current.head
    return verb.pos_ in ("VERB", "AUX") and not negated(verb)


def _in_its_clause(name: Token) -> Token:
    """The word that stands for a name in its clause: 'Minister Lund' -> 'Lund', 'A and B' ->
    'A', 'his counterpart, Petrova' -> 'counterpart'."""
    current = name
    while current.dep_ in ("compound", "flat", "appos", "conj") and current.head is not current:
        current = current.head
    return current


def _only_a_place(entity: Span) -> bool:
    root = entity.root
    return root.dep_ == "pobj" and root.head.lower_ in _PLACE_PREPOSITIONS


def _stem(token: Token) -> str:
    return _stem_text(token.lower_)


def _stem_text(word: str) -> str:
    return word[:_STEM]


def stays_out(person: Person, doc: Doc) -> bool:
    """Whether the report says the person is not in the meeting: 'Voss, who did not attend',
    'Osei will not take part', 'Lund skipped the talks'."""
    for mention in person.mentions:
        name = doc[mention.end - 1]
        clauses = [c for c in name.children if c.dep_ == "relcl"]
        current = _in_its_clause(name)
        if current.dep_ in ("nsubj", "nsubjpass"):
            clauses.append(current.head)
        for verb in clauses:
            lemma = verb.lemma_.lower()
            if (negated(verb) and lemma in _TAKING_PART) or lemma in _STAYING_AWAY:
                return True
    return False


_TAKING_PART = frozenset({"attend", "join", "take", "participate", "meet", "travel", "come", "go"})
_STAYING_AWAY = frozenset({"skip", "boycott", "miss"})
