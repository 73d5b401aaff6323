"""Who was in a recorded meeting, and who was only named in it.

Every speaker attended; so did a person the chair welcomes who never speaks, and anyone a
minutes' `Present:` list holds. A role label ('The Chair') is the named person the record gives
for it (a Hansard tag's parentheses, 'The Acting Chair (Mrs. Ann Ruiz)'); one that the record
never names stays a role ('Project Manager'). Apologies and `Absent:` entries are mentioned, with
that reason; so is every other person the speakers name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from summarizer.names import name_tokens, normalize_name, same_person
from summarizer.nlp.lexicon import ROLE_WORDS
from summarizer.nlp.people import Mention, find_mentions
from summarizer.nlp.records.speakers import Speaker
from summarizer.nlp.records.speeches import Speech


@dataclass
class Member:
    """One person of the record. `evidence` holds (start, end) source spans that name them:
    their first label, or the sentence that welcomes or excuses them."""

    name: str
    attended: bool
    aliases: list[str] = field(default_factory=list)
    role: str | None = None
    side: str | None = None
    reason: str | None = None  # why a mentioned person is not there: 'apologies'
    evidence: list[tuple[int, int]] = field(default_factory=list)
    speeches: list[Speech] = field(default_factory=list)
    speaker: Speaker | None = None
    welcomed: bool = False  # named as a guest when the chair opens an item: a witness

    def matches(self, name: str) -> bool:
        return any(same_person(name, form) for form in (self.name, *self.aliases))


# A sentence that brings a person into the meeting: 'I'm pleased to welcome Dr Ann Price',
# 'joining us today is', 'we are joined by', 'with me are'.
_WELCOME = re.compile(
    r"\b(welcome|joining us|joined by|join us|with us (?:today|this)|with me (?:are|is|today)"
    r"|introduce|introducing)\b",
    re.IGNORECASE,
)
_APOLOGIES = re.compile(
    r"\b(apologies|apologised|apologized|sent (?:her|his|their) regrets|unable to (?:attend|be "
    r"with us|join us)|not able to (?:attend|join)|absent)\b",
    re.IGNORECASE,
)
_SUBSTITUTE = re.compile(r"\b(substitut\w*|standing in for|in place of)\b", re.IGNORECASE)


def members(speeches: list[Speech]) -> list[Member]:
    """The attending speakers first, in the order they first speak, then the people named."""
    found = _speakers(speeches)
    common = {token.text for speech in speeches for token in speech.doc if token.is_lower}
    for speech in speeches:
        named = [*_tagged_people(speech.doc), *_described(speech.doc)]
        for sentence in speech.doc.sents:
            inside = [m for m in named if sentence.start <= m.start < sentence.end]
            if _APOLOGIES.search(sentence.text):
                inside += _name_runs(sentence, inside)
            if inside:
                _read_sentence(speech, sentence, inside, found, common)
    return found


def _tagged_people(doc: Doc) -> list[Mention]:
    """The names the prose rules find, where the tagger took them for people: in a record a
    title near a body's name ('chief executive of Powys Teaching Health Board') names nobody."""
    return [
        mention
        for mention in find_mentions(doc)
        if any(doc[i].ent_type_ == "PERSON" for i in range(mention.start, mention.end))
    ]


def _an_office(token: Token) -> bool:
    """'director', 'chief executive', 'head of policy': a lower-case noun or adjective naming a
    post right after a name's comma."""
    return token.is_lower and token.pos_ in ("NOUN", "ADJ") and token.is_alpha


def _name_runs(sentence: Span, named: list[Mention]) -> list[Mention]:
    """Capitalised runs of two to four proper nouns the tagger left untagged, in a sentence
    that excuses someone: 'apologies for absence from Hefin David AM'."""
    taken = {i for m in named for i in range(m.start, m.end)}
    runs: list[Mention] = []
    start: int | None = None
    for token in [*sentence, None]:
        inside = (
            token is not None
            and token.i not in taken
            and token.pos_ == "PROPN"
            and token.text[:1].isupper()
            and token.lower_ not in ROLE_WORDS
        )
        if inside and start is None and token is not None:
            start = token.i
        elif not inside and start is not None:
            end = token.i if token is not None else sentence.end
            if 2 <= end - start <= 4:
                span = sentence.doc[start:end]
                runs.append(Mention(start, end, span.text, span.start_char, span.end_char))
            start = None
    return runs


def _described(doc: Doc) -> list[Mention]:
    """Names the tagger took for a body, told apart by what follows them: 'and Huw Morris, who
    is group director', 'Ann Price, director of schools'."""
    found = []
    for entity in doc.ents:
        if entity.label_ != "ORG" or not 2 <= len(entity) <= 3:
            continue
        if not all(t.pos_ == "PROPN" and t.text.istitle() for t in entity):
            continue
        after = doc[entity.end : entity.end + 2]
        described = len(after) == 2 and after[0].text == ","
        if described and (after[1].lower_ == "who" or _an_office(after[1])):
            found.append(
                Mention(entity.start, entity.end, entity.text, entity.start_char, entity.end_char)
            )
    return found


def _speakers(speeches: list[Speech]) -> list[Member]:
    roles = _named_roles(speeches)
    found: list[Member] = []
    for speech in speeches:
        speaker = speech.speaker
        if speaker is None:
            continue
        name = speaker.name or roles.get(_role_key(speaker.role or speaker.label))
        member = _find(found, name or speaker.label, speaker)
        if member is None:
            member = Member(
                name=name or speaker.label,
                attended=True,
                role=speaker.role if speaker.name or name else None,
                side=speaker.party,
                speaker=speaker,
            )
            found.append(member)
        _add_alias(member, _label_name(speaker))
        if speaker.party and member.side is None:
            member.side = speaker.party
        if not member.evidence:
            turn = speech.turns[0]
            if turn.label_start is not None and turn.label_end is not None:
                member.evidence.append((turn.label_start, turn.label_end))
        member.speeches.append(speech)
    return found


def _named_roles(speeches: list[Speech]) -> dict[str, str]:
    """Role labels the record names somewhere: 'the chair' -> 'Anthony Rota'."""
    named: dict[str, str] = {}
    for speech in speeches:
        speaker = speech.speaker
        if speaker is not None and speaker.name and speaker.role:
            named.setdefault(_role_key(speaker.role), speaker.name)
    return named


def _role_key(role: str | None) -> str:
    words = normalize_name(role or "").split()
    return " ".join(word for word in words if word != "the")


def _find(found: list[Member], name: str, speaker: Speaker) -> Member | None:
    key = normalize_name(name)
    for member in found:
        if normalize_name(member.name) == key:
            return member
    if speaker.name is None:
        return None  # a role label is its own person unless the record names it
    return next((m for m in found if m.speaker and m.speaker.name and m.matches(name)), None)


def _label_name(speaker: Speaker) -> str:
    """The label without its parentheses: 'Mr. James Bezan', 'Lynne Neagle AM'."""
    return speaker.label.split("(")[0].strip() or speaker.label


def _add_alias(member: Member, alias: str) -> None:
    forms = {normalize_name(form) for form in (member.name, *member.aliases)}
    if alias and normalize_name(alias) not in forms:
        member.aliases.append(alias)


def _read_sentence(
    speech: Speech,
    sentence: Span,
    named: list[Mention],
    found: list[Member],
    common: set[str],
) -> None:
    text = sentence.text
    excused = _APOLOGIES.search(text) is not None
    for mention in named:
        entity = speech.doc[mention.start : mention.end]
        welcome = _welcomed(entity)
        name = _clean(mention.text)
        if not _looks_like_a_name(name) or _common_words(name, common):
            continue
        known = next((m for m in found if m.matches(name)), None)
        if known is not None and welcome and speech.number < _OPENING_SPEECHES:
            known.welcomed = True
            known.role = known.role or _appositive(entity)
        if known is not None:
            if known.attended and len(name_tokens(name)) == 1:
                _add_alias(known, name)  # 'Siân', 'Dawn': a first name the chair uses
            elif excused and not known.attended:
                known.reason = known.reason or "apologies"
            continue
        if len(name_tokens(name)) < 2 and not mention.title:
            continue  # a first name alone that no speaker answers to says too little
        span = speech.span_source(sentence)
        substitute = _SUBSTITUTE.search(text) is not None
        if excused and not substitute:
            found.append(Member(name, attended=False, reason="apologies", evidence=[span]))
        elif welcome and speech.number < _OPENING_SPEECHES and not excused:
            found.append(
                Member(
                    name, attended=True, role=_appositive(entity), evidence=[span], welcomed=True
                )
            )
        else:
            found.append(Member(name, attended=False, evidence=[span]))


def _welcomed(entity: Span) -> bool:
    """Whether the verb a name hangs from brings them in: 'welcome X', 'joined by X', 'X, who
    joins us'; not 'thank X, who have left us'."""
    token = entity.root
    for _ in range(8):
        if token.pos_ == "VERB" and token.dep_ not in ("relcl", "acl"):
            return token.lemma_.lower() in _WELCOMING
        if token.pos_ == "AUX" and token.dep_ not in ("relcl", "acl"):  # 'joining us is X'
            return bool(_WELCOME.search(token.sent.text))
        if token.head is token:
            return False
        token = token.head
    return False


_WELCOMING = frozenset({"welcome", "join", "introduce", "greet"})


# The chair welcomes witnesses at the start of an item; a welcome much later is to someone else.
_OPENING_SPEECHES = 12


def _clean(name: str) -> str:
    """A name as an entity gives it, without a possessive or a trailing title: "Hefin David AM's"
    -> 'Hefin David'."""
    name = re.sub(r"['\u2019]s$", "", " ".join(name.split()))
    words = name.split()
    while len(words) > 1 and words[-1] in ("AM", "MS", "MP", "MSP", "MLA", "TD", "MEP"):
        words.pop()
    return " ".join(words)


def _common_words(name: str, common: set[str]) -> bool:
    """Whether every word of a 'name' is written in lower case elsewhere in the record: 'Young
    People', 'Lifelong Learning' are words of a body's name, not a person's."""
    return all(word.lower() in common for word in name.split())


def _looks_like_a_name(name: str) -> bool:
    words = name.split()
    if not words or any(not word[:1].isupper() for word in words):
        return False
    return not all(word.lower().strip(".") in ROLE_WORDS for word in words)


def _appositive(entity: Span) -> str | None:
    """'Dr Ann Price, director of schools at Carrow council' -> the words after the comma."""
    doc = entity.doc
    after = entity.end
    if after < len(doc) and doc[after].text == ",":
        words = []
        for token in doc[after + 1 : after + 14]:
            if token.text in (",", ".", ";") or token.ent_type_ == "PERSON":
                break
            words.append(token.text_with_ws)
        role = "".join(words).strip()
        return role or None
    return None
