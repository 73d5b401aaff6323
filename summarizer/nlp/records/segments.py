"""The agenda of a recorded meeting: where the discussion changes subject, and what each part is
about.

Subject changes are read the way TextTiling reads them (Hearst, 1997): the words of the speeches
before each gap are compared with the words after it (tf-idf vectors, scikit-learn), and the
deepest dips in that similarity are where one subject ends. The chair's own announcements ('we
move on now to questions on examinations') are dips the text states outright. A handful of
parts per hour: about one for every 6,500 characters of record, as analysts list them. Each
part is labelled by what its announcement names, else by the words that set it apart from the
other parts; the opening formalities (apologies, declarations of interest) are no topic.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from itertools import chain, pairwise

import numpy as np
from numpy.typing import NDArray
from sklearn.feature_extraction.text import TfidfVectorizer
from spacy.tokens import Token

from summarizer.names import normalize_name
from summarizer.nlp.lexicon import GENERIC_TALK_WORDS, PROCEDURAL_WORDS, TRANSITION_CUES
from summarizer.nlp.records.speeches import Speech
from summarizer.nlp.records.title import rarity

CHARACTERS_PER_TOPIC = 5000
_MOST_TOPICS = 20
_WINDOW = 4  # speeches on each side of a gap
_TERMS = 8


@dataclass(frozen=True, slots=True)
class Segment:
    """Speeches `first` to `last` (inclusive); `cue` is the chair's announcement, if any."""

    first: int
    last: int
    label: str
    terms: tuple[str, ...]
    cue: str | None = None
    question: str | None = None  # the first question put in it: what it asked about


def segments(
    speeches: list[Speech], host: str | None, names: AbstractSet[str] = frozenset()
) -> list[Segment]:
    """The meeting's parts in order, procedural ones left out. `names` are the words of the
    people's names (lower case), which say who spoke, not what about."""
    if not speeches:
        return []
    tokens = [_subject_tokens(speech) for speech in speeches]
    words = [
        [w for w in _content_words(said) if not set(normalize_name(w).split()) & names]
        for said in tokens
    ]
    size = sum(len(speech.text) for speech in speeches)
    wanted = max(1, min(_MOST_TOPICS, round(size / CHARACTERS_PER_TOPIC)))
    cues = {i: cue for i, s in enumerate(speeches) if (cue := _announcement(s, host)) is not None}
    bounds = _boundaries(words, cues, wanted, speeches)
    parts = list(zip([0, *bounds], [*(b - 1 for b in bounds), len(speeches) - 1], strict=True))
    terms = _distinctive([list(chain.from_iterable(words[a : b + 1])) for a, b in parts])
    written = surface_forms(tokens)
    found: list[Segment] = []
    for (first, last), top in zip(parts, terms, strict=True):
        if _procedural(words[first : last + 1]):
            continue
        shown = tuple(written.get(term, term) for term in top)
        cue = cues.get(first)
        label = cue or ", ".join(shown[:3]) or speeches[first].text[:60]
        asked = _first_question(speeches[first : last + 1], host)
        found.append(Segment(first, last, label, shown, cue, asked))
    return found


def _subject_tokens(speech: Speech) -> list[Token]:
    """Words that carry a subject: nouns, proper nouns, adjectives and uncommon verbs; never a
    transcriber's markup ('{vocalsound}') or the words of talk itself ('thing', 'question')."""
    found: list[Token] = []
    previous = ""
    for token in speech.doc:
        if previous != "{" and _a_subject_word(token):
            found.append(token)
        previous = token.text
    return found


def _content_words(tokens: list[Token]) -> list[str]:
    """The words' lemmas, and their noun pairs."""
    return [t.lemma_.lower() for t in tokens] + [
        f"{a.lemma_.lower()} {b.lemma_.lower()}" for a, b in _pairs(tokens)
    ]


def _a_subject_word(token: Token) -> bool:
    if token.pos_ not in _SUBJECT_TAGS or not token.is_alpha or token.is_stop:
        return False
    if len(token) < 3 or token.lower_ in GENERIC_TALK_WORDS:
        return False
    # 'say', 'think': only uncommon verbs say what was done ('reopen')
    return token.pos_ != "VERB" or rarity(token.lemma_.lower()) >= 2


_SUBJECT_TAGS = frozenset({"NOUN", "PROPN", "ADJ", "VERB"})


def _pairs(tokens: list[Token]) -> list[tuple[Token, Token]]:
    """Adjacent words ending in a noun: 'school hubs', 'maintenance loan'."""
    return [
        (a, b)
        for a, b in pairwise(tokens)
        if b.i == a.i + 1 and b.pos_ == "NOUN" and a.pos_ != "VERB"
    ]


def surface_forms(tokens_by_speech: list[list[Token]]) -> dict[str, str]:
    """How each lemma (and lemma pair) is most often written: 'school hubs', not 'school hub'."""
    counts: dict[str, Counter[str]] = {}
    for tokens in tokens_by_speech:
        for token in tokens:
            counts.setdefault(token.lemma_.lower(), Counter())[token.lower_] += 1
        for a, b in _pairs(tokens):
            key = f"{a.lemma_.lower()} {b.lemma_.lower()}"
            counts.setdefault(key, Counter())[f"{a.lower_} {b.lower_}"] += 1
    return {lemma: forms.most_common(1)[0][0] for lemma, forms in counts.items()}


def _boundaries(
    words: list[list[str]], cues: dict[int, str], wanted: int, speeches: list[Speech]
) -> list[int]:
    """Speech indices where a new part starts: every change the chair announces, then the
    deepest dips until there are about `wanted` parts; no part smaller than a third of the
    average, nor than two speeches."""
    if len(words) < 4:
        return []
    depth = _depths(_vectors(words))
    lengths = np.array([len(speech.text) for speech in speeches], dtype=float)
    smallest = 0.35 * lengths.sum() / max(wanted, 1)
    chosen: list[int] = []

    def fits(gap: int, floor: float) -> bool:
        """Whether both parts a new break would make are big enough."""
        before = max((edge for edge in chosen if edge < gap), default=0)
        after = min((edge for edge in chosen if edge > gap), default=len(words))
        pieces = ((before, gap), (gap, after))
        return all(b - a >= 2 and lengths[a:b].sum() >= floor for a, b in pieces)

    announced = sorted((i for i in cues if 0 < i < len(words)), key=lambda i: -depth[i])
    for gap in announced[: 2 * wanted + 2]:
        if fits(gap, 0.0):
            chosen.append(gap)
    for index in np.argsort(-depth):
        gap = int(index)
        if len(chosen) >= wanted - 1:
            break
        if gap > 0 and depth[gap] > 0 and gap not in chosen and fits(gap, smallest):
            chosen.append(gap)
    return sorted(chosen)


def _vectors(words: list[list[str]]) -> NDArray[np.float64]:
    vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True, min_df=2)
    try:
        matrix = vectorizer.fit_transform(words)
    except ValueError:  # no word occurs twice: nothing to compare
        return np.zeros((len(words), 1))
    return np.asarray(matrix.toarray(), dtype=float)


def _depths(vectors: NDArray[np.float64]) -> NDArray[np.float64]:
    """For each gap (before speech i), how far the similarity of the windows either side dips
    below the peaks around it."""
    count = len(vectors)
    cumulative = np.vstack([np.zeros(vectors.shape[1]), np.cumsum(vectors, axis=0)])
    similarity = np.zeros(count)
    for gap in range(1, count):
        left = cumulative[gap] - cumulative[max(0, gap - _WINDOW)]
        right = cumulative[min(count, gap + _WINDOW)] - cumulative[gap]
        norm = np.linalg.norm(left) * np.linalg.norm(right)
        similarity[gap] = float(left @ right / norm) if norm else 0.0
    depth = np.zeros(count)
    for gap in range(1, count):
        left_peak = similarity[max(1, gap - 2 * _WINDOW) : gap + 1].max()
        right_peak = similarity[gap : min(count, gap + 2 * _WINDOW + 1)].max()
        depth[gap] = left_peak + right_peak - 2 * similarity[gap]
    return depth


def _distinctive(parts: list[list[str]]) -> list[list[str]]:
    """Each part's words that set it apart from the others, the highest tf-idf first; a pair
    stands for its words ('mental health' rather than 'mental' and 'health')."""
    vectorizer = TfidfVectorizer(analyzer=lambda terms: terms, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(parts)
    except ValueError:
        return [[] for _ in parts]
    vocabulary = [str(term) for term in vectorizer.get_feature_names_out()]
    weights = np.array([rarity(term) for term in vocabulary])
    found: list[list[str]] = []
    said = [Counter(part) for part in parts]  # a word said once (a slip) is no term
    for counts, row in zip(said, matrix.toarray() * weights, strict=True):
        ranked = [
            vocabulary[i] for i in np.argsort(-row) if row[i] > 0 and counts[vocabulary[i]] > 1
        ]
        chosen: list[str] = []
        for term in ranked:
            if any(term in other.split() for other in chosen):
                continue  # its pair is already there
            chosen.append(term)
            if len(chosen) >= _TERMS:
                break
        found.append(chosen)
    return found


def _first_question(speeches: list[Speech], host: str | None) -> str | None:
    """The first question of some substance a part opens with, by anyone but the chair where
    others ask ('How and when might schools reopen?')."""
    for speech in speeches:
        if speech.speaker is not None and speech.speaker.key == host and len(speeches) > 2:
            continue
        for sentence in speech.doc.sents:
            text = " ".join(sentence.text.split())
            if text.endswith("?") and len(text.split()) >= 6 and "{" not in text:
                return text
    return None


def _procedural(words: list[list[str]]) -> bool:
    """A part mostly about the meeting itself: apologies, declarations, the next meeting."""
    flat = [word for speech in words for word in speech if " " not in word]
    if not flat:
        return True
    share = sum(word in PROCEDURAL_WORDS for word in flat) / len(flat)
    return share > 0.2


_CUE = re.compile("|".join(TRANSITION_CUES), re.IGNORECASE)
# What an announcement names: the words after a preposition, up to 'from <Name>' or the next
# preposition ('questions on examinations from Janet', 'move on to talk about X').
_WHAT = re.compile(
    r"\b(?:on|about|regarding|around|into|in relation to|to do with|concerning)\s+"
    r"(?=(?P<what>(?:(?!\bfrom\s+[A-Z]|\b(?:on|about|into)\s)[^.?!;:])+))"
)
# The start of words that name nothing: 'on now, then, to ...'.
_SMALL = re.compile(r"^\s*(?:now|then|to|with|from|that|this|it|you|us|me|,)\b", re.IGNORECASE)


def _announcement(speech: Speech, host: str | None) -> str | None:
    """What the chair says the next part is about, from a sentence that moves the meeting on:
    the words after its last 'on', 'about', 'into' ('move on now to questions on examinations
    from Janet' is 'examinations')."""
    if host is None or speech.speaker is None or speech.speaker.key != host:
        return None
    for sentence in speech.doc.sents:
        text = sentence.text
        if not _CUE.search(text):
            continue
        named = [m.group("what").strip(" ,") for m in _WHAT.finditer(text)]
        named = [w for w in named if not _SMALL.match(w) and 1 <= len(w.split()) <= 14]
        if named:
            return named[-1]
    return None
