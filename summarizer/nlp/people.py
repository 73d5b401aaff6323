"""People in a document: name spans repaired around spaCy's entities, and short forms resolved.

spaCy's small model cuts names ("J. Blinken" for "Antony J. Blinken"), glues titles or possessives
to them ("Spokesperson Matthew Miller", "Raimondo's") and sometimes files a titled name under ORG
("Commerce Gina Raimondo"). A name here is the run of capitalized name tokens that ends an entity,
widened left over given names and initials and right over suffixes (Jr., III).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from summarizer.nlp.lexicon import (
    HONORIFICS,
    NAME_SUFFIXES,
    NORP_TO_SIDE,
    NOT_NAME_WORDS,
    ORG_WORDS,
    TITLE_WORDS,
    US_OFFICE_HINTS,
)

_CONNECTORS = frozenset({"of", "for", "the", "and", "at", "to", "on"})
# Lower-case words inside names of many origins: "Jan van der Berg", "Ali bin Hamad".
PARTICLES = frozenset(
    {
        "van",
        "der",
        "den",
        "de",
        "da",
        "das",
        "dos",
        "du",
        "di",
        "del",
        "della",
        "la",
        "le",
        "von",
        "zu",
        "bin",
        "bint",
        "ibn",
        "al",
        "el",
        "ben",
        "abu",
        "ter",
        "ten",
    }
)


@dataclass
class Mention:
    """One place a person is named: the name tokens and the title words right before them."""

    start: int  # token index
    end: int
    text: str
    char_start: int
    char_end: int
    title: str | None = None

    @property
    def tokens(self) -> list[str]:
        """Lower-cased name words without initials and suffixes: what names are compared by."""
        words = self.text.lower().replace(",", " ").split()
        return [w for w in words if len(w.strip(".")) > 1 and w not in NAME_SUFFIXES]


@dataclass
class Person:
    """A cluster of mentions of one person, named by its longest mention."""

    mentions: list[Mention] = field(default_factory=list)
    role: str | None = None
    organization: str | None = None
    side: str | None = None

    @property
    def name(self) -> str:
        return max(self.mentions, key=lambda m: (len(m.tokens), len(m.text))).text

    @property
    def surname(self) -> str:
        """The one word the document itself uses for the person where it does ('Wang' for Wang
        Yi, 'Faisal' for Faisal bin Farhan), else the last word of the full name."""
        short = [m.text for m in self.mentions if len(m.tokens) == 1 and " " not in m.text]
        if short:
            return max(set(short), key=short.count)
        longest = max(self.mentions, key=lambda m: (len(m.tokens), len(m.text)))
        words = [
            w for w in longest.text.replace(",", " ").split() if w.lower() not in NAME_SUFFIXES
        ]
        return words[-1] if words else longest.text

    @property
    def first(self) -> Mention:
        return min(self.mentions, key=lambda m: m.start)

    def aliases(self) -> list[str]:
        name = self.name
        forms = {f"{m.title} {m.text}" if m.title else m.text for m in self.mentions}
        return sorted(form for form in forms if form != name)[:4]


_INSIDE_NAMES = frozenset("\u2019'-")


def _is_name_token(token: Token) -> bool:
    lowered = token.text.lower()
    if lowered in TITLE_WORDS or lowered in ORG_WORDS or lowered in _CONNECTORS:
        return False
    if lowered in NOT_NAME_WORDS or lowered in NORP_TO_SIDE:
        return False
    if len(token.text) == 2 and token.text[1] == "." and token.text[0].isupper():
        return True  # an initial: "J."
    if len(token.text) > 2 and token.text.isupper():
        return False  # a dateline ("VARNHOLM, March 14 -") or an acronym, not a name
    # Letters, with an apostrophe (straight or curly) or hyphen inside: "O'Neill", "D'Souza".
    return token.text[:1].isupper() and all(c.isalpha() or c in _INSIDE_NAMES for c in token.text)


def _hyphen_joined(doc: Doc, index: int) -> bool:
    """'Jong-sup': a hyphen with no space on either side, inside a name."""
    return (
        0 < index < len(doc) - 1
        and doc[index].text == "-"
        and not doc[index - 1].whitespace_
        and not doc[index].whitespace_
    )


def find_mentions(doc: Doc) -> list[Mention]:
    mentions: list[Mention] = []
    taken: set[int] = set()
    for entity in doc.ents:
        if entity.label_ not in ("PERSON", "ORG"):
            continue
        mention = _name_in(entity, taken)
        if mention is not None:
            mentions.append(mention)
            taken.update(range(mention.start, mention.end))
    mentions += _titled_names(doc, taken)
    return sorted(mentions, key=lambda m: m.start)


def _titled_names(doc: Doc, taken: set[int]) -> list[Mention]:
    """Names the tagger missed after a title: 'Minister Ana Ruiz' with no entity at all. Two
    or more capitalized name words right after a capitalized title word, none of them tagged
    as a place, body or date."""
    found: list[Mention] = []
    for title in doc:
        if not (title.text[:1].isupper() and title.lower_ in TITLE_WORDS):
            continue
        end = title.i + 1
        while (
            end < len(doc)
            and end not in taken
            and _is_name_token(doc[end])
            and doc[end].pos_ == "PROPN"
            and doc[end].ent_type_ in ("", "PERSON")
        ):
            end += 1
        if end - title.i - 1 >= 2 and doc[end - 1].lower_ not in ORG_WORDS:
            found.append(_mention(doc, title.i + 1, end))
            taken.update(range(title.i + 1, end))
    return found


def _mention(doc: Doc, start: int, end: int) -> Mention:
    span = doc[start:end]
    return Mention(
        start=start,
        end=end,
        text=span.text,
        char_start=span.start_char,
        char_end=span.end_char,
        title=_title_before(doc, start),
    )


def _name_in(entity: Span, taken: set[int]) -> Mention | None:
    doc = entity.doc
    if entity.label_ == "PERSON" and entity[-1].lower_ in ORG_WORDS:
        return None  # "Social Services": names end with a surname, not a department
    end = entity.end
    while end > entity.start and not _is_name_token(doc[end - 1]):
        end -= 1  # drop "'s", "Meeting" and the like
    start = _left_edge(doc, end, floor=entity.start)
    while start >= 2 and _hyphen_joined(doc, start - 1) and _is_name_token(doc[start - 2]):
        start -= 2  # "Osei-Mensah" where the entity is only "Mensah"
    if start == end:
        if entity.label_ != "PERSON" or entity[-1].lower_ not in TITLE_WORDS:
            return None
        start = end = entity.end  # "Councillor" tagged alone: the name follows the title
    if entity.label_ == "PERSON":
        while (
            start > 0
            and _is_name_token(doc[start - 1])
            and doc[start - 1].ent_type_ in ("", "PERSON")
        ):
            start -= 1  # "Antony" before "J. Blinken"
    while _hyphen_joined(doc, end) and end + 1 < len(doc):
        end += 2  # "Lee Jong-sup", "Lai Ching-de"
    if end - start == 1 and _a_place_word(doc, start):
        return None
    while end < len(doc) and _is_name_token(doc[end]) and _untagged_name_word(doc[end]):
        end += 1  # "Kim Min Jae" where the entity stopped at "Kim Min"
    if start == end:
        return None
    if entity.label_ != "PERSON" and (end - start < 2 or not _title_near(doc, start)):
        return None  # an ORG holds a person only as a titled name: "Commerce Gina Raimondo"
    end = _with_suffix(doc, end)
    if taken & set(range(start, end)):
        return None
    return _mention(doc, start, end)


def _a_place_word(doc: Doc, index: int) -> bool:
    """A lone capitalized word after 'of', 'in', 'from' or 'at' ('President Haddad of Qaria',
    'met in Tavira'), before a possessive and a title ('Tavira's Trade Minister') or naming a
    thing ('its Lindau plant') is a place the tagger took for a person."""
    before = doc[index - 1].lower_ if index > 0 else ""
    if before in ("of", "in", "from", "at"):
        return True
    following = doc[index + 1] if index + 1 < len(doc) else None
    if before in ("its", "their", "the") and following is not None and following.pos_ == "NOUN":
        return True  # "its Lindau plant", "the Karsk office": a place naming a thing
    if index + 1 < len(doc) and doc[index + 1].lower_ in TITLE_WORDS:
        return True  # "Kestrian Vice Chairman Kim Pak": a people's name before a title
    after = [t.lower_ for t in doc[index + 1 : index + 4]]
    return (
        len(after) >= 2
        and after[0] in ("'s", "\u2019s")
        and any(w in TITLE_WORDS for w in after[1:])
    )


def _left_edge(doc: Doc, end: int, *, floor: int) -> int:
    """Where the name ending at `end` starts: back over name words, and over particles that
    have a name word before them ("Jan van der Berg")."""
    start = end
    while start > floor:
        previous = doc[start - 1]
        if _is_name_token(previous):
            start -= 1
            continue
        if previous.lower_ in PARTICLES and start < end:
            edge = start - 1
            while edge > floor and doc[edge - 1].lower_ in PARTICLES:
                edge -= 1
            if edge > floor and _is_name_token(doc[edge - 1]):
                start = edge
                continue
        break
    return start


def _untagged_name_word(token: Token) -> bool:
    """A capitalized proper noun right after a person's name that spaCy left out of it."""
    # The small model sometimes tags an unusual surname ("O'Leary") as an adjective or noun.
    return (
        token.pos_ in ("PROPN", "ADJ", "NOUN")
        and token.ent_type_ in ("", "PERSON")
        and not token.is_sent_start
    )


def _title_near(doc: Doc, start: int) -> bool:
    return any(t.text.lower() in TITLE_WORDS for t in doc[max(0, start - 6) : start])


def _with_suffix(doc: Doc, end: int) -> int:
    """Take ", Jr." or "III" that follows a name."""
    position = end
    if position < len(doc) and doc[position].text == ",":
        position += 1
    if position < len(doc) and doc[position].text.lower() in NAME_SUFFIXES:
        return position + 1
    return end


def _title_before(doc: Doc, start: int) -> str | None:
    words: list[str] = []
    position = start - 1
    while position >= 0 and doc[position].text.lower() in TITLE_WORDS:
        words.insert(0, doc[position].text)
        position -= 1
    return " ".join(words) or None


def cluster(mentions: list[Mention]) -> list[Person]:
    """Group mentions by person: a short form joins the full name whose surname it is."""
    people: list[Person] = []
    for mention in sorted(mentions, key=lambda m: (-len(m.tokens), m.start)):
        home = _home(mention, people)
        if home is None:
            people.append(Person(mentions=[mention]))
        else:
            home.mentions.append(mention)
    return sorted(people, key=lambda p: p.first.start)


def _home(mention: Mention, people: list[Person]) -> Person | None:
    tokens = mention.tokens
    if not tokens:
        return None
    by_surname = by_family_first = None
    for person in people:
        full = max(person.mentions, key=lambda m: len(m.tokens)).tokens
        if set(tokens) <= set(full) and tokens[-1] == full[-1]:
            by_surname = by_surname or person
        elif len(tokens) == 1 and tokens[0] == full[0]:
            by_family_first = by_family_first or person
    return by_surname or by_family_first


def describe(person: Person, doc: Doc, named: set[int]) -> None:
    """Fill role and side from the words around the person's mentions (`named`: name tokens)."""
    for mention in sorted(person.mentions, key=lambda m: (-len(m.tokens), m.start)):
        before = _role_before(doc, mention.start, named)
        if before is not None and before.lower() in HONORIFICS:
            before = None  # "Mr. Fumio Kishida, Minister for Foreign Affairs": the role follows
        role = before or _appositive_role(doc, mention.end)
        if role:
            person.role = role[:160]
            break
    text = " ".join(filter(None, (person.role, *(m.title or "" for m in person.mentions)))).lower()
    person.side = _side(text)
    if person.side is None and any(hint in text for hint in US_OFFICE_HINTS):
        person.side = "United States"


def _role_before(doc: Doc, start: int, named: set[int]) -> str | None:
    """'Secretary of Commerce', 'Republic of Korea (ROK) Minister of National Defense'."""
    position = start
    while position > 0:
        token = doc[position - 1]
        lowered = token.text.lower()
        if position - 1 in named or lowered in NOT_NAME_WORDS:
            break
        if (
            lowered in TITLE_WORDS
            or lowered in ORG_WORDS
            or lowered in _CONNECTORS
            or token.text in ("(", ")", "\u2019s", "'s")
            or token.ent_type_ in ("GPE", "NORP", "ORG")
        ):
            position -= 1
        else:
            break
    words = doc[position:start]
    while len(words) and words[0].text.lower() in _CONNECTORS:
        words = words[1:]
    if not any(t.text.lower() in TITLE_WORDS for t in words):
        return None
    return words.text or None


def _appositive_role(doc: Doc, end: int) -> str | None:
    """'Xuan Changneng, deputy governor of the central bank' — the words after the comma."""
    if end >= len(doc) or doc[end].text != ",":
        return None
    words: list[str] = []
    position = end + 1
    while position < len(doc) and doc[position].text not in (",", ".", ";") and len(words) < 14:
        if doc[position].pos_ in ("VERB", "AUX"):
            return None  # "..., Dalia Fernandes, the ministry said": a clause, not a role
        words.append(doc[position].text_with_ws)
        position += 1
    role = "".join(words).strip()
    first = role.split(" ", 1)[0].lower() if role else ""
    return role if first in TITLE_WORDS or (first in ("a", "an", "the") and len(role) > 6) else None


def _side(text: str) -> str | None:
    padded = f" {text.replace('(', ' ').replace(')', ' ')} "
    for key, side in NORP_TO_SIDE.items():
        if f" {key} " in padded:
            return side
    return None
