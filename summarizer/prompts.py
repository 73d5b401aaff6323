"""Load the versioned prompt templates and render them ourselves.

`string.Template` substitutes each `$name` once: a document's own braces, Jinja tags or dollar
signs are values, never parsed, so they reach the model untouched.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from string import Template

from summarizer.errors import PromptError
from summarizer.readers import Document
from summarizer.resources import data_dir

PROMPT_VERSION = "meeting-v3"
PROMPT_PARTS = (
    "system",
    "user",
    "grounding_reask",
    "assist",
    "chunk",
    "assisted_system",
    "assisted_document",
    "compact_system",
    "compact_document",
)

Message = dict[str, str]


@dataclass(frozen=True, slots=True)
class Hints:
    """What the document index offers an LLM: candidate people and the sentences to quote."""

    people: list[str]
    sentences: list[str]


@dataclass(frozen=True, slots=True)
class PromptSet:
    version: str
    system: str
    user: str
    grounding_reask: str
    assist: str
    chunk: str
    assisted_system: str  # the assisted engine's question: a constant prefix for every document
    assisted_document: str
    compact_system: str  # the embedded model's whole summary, citing sentence numbers
    compact_document: str

    @property
    def digest(self) -> str:
        """Short hash of the templates, so an edit without a version bump still shows."""
        joined = "\0".join(getattr(self, part) for part in PROMPT_PARTS)
        return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:12]

    @property
    def label(self) -> str:
        return f"{self.version}+{self.digest}"


@cache
def load_prompts(version: str = PROMPT_VERSION, root: Path | None = None) -> PromptSet:
    folder = (root or data_dir("prompts")) / version
    texts: dict[str, str] = {}
    for part in PROMPT_PARTS:
        path = folder / f"{part}.txt"
        try:
            texts[part] = path.read_text(encoding="utf-8")
        except OSError:
            raise PromptError(f"{path}: prompt template missing; reinstall summarizer") from None
    return PromptSet(version=version, **texts)


def render(template: str, **values: str) -> str:
    try:
        return Template(template).substitute(values)
    except KeyError as exc:
        raise PromptError(f"prompt template needs a value for ${exc.args[0]}") from None
    except ValueError as exc:
        raise PromptError(f"prompt template is malformed: {exc}") from None


_CLOSING_TAG = re.compile(r"<(\s*/\s*document)", re.IGNORECASE)


def inside_fence(text: str) -> str:
    """The document as it may stand between <document> and </document>: a closing tag of its
    own would end the data early and let what follows read as instructions, so it is broken."""
    return _CLOSING_TAG.sub(r"<\\\1", text)


def build_messages(
    prompts: PromptSet,
    document: Document,
    *,
    system_role: bool,
    hints: Hints | None = None,
    part: PartNote | None = None,
) -> list[Message]:
    """The conversation for one document. Without a system role, instructions lead the user turn.
    `hints` (people and numbered sentences from the parser) follow the document when given."""
    user = render(
        prompts.user,
        document=inside_fence(document.text),
        published=document.published or "not given",
    )
    if hints is not None:
        people = "\n".join(f"- {person}" for person in hints.people) or "- (none found)"
        sentences = "\n".join(f"[{n}] {text}" for n, text in enumerate(hints.sentences, 1))
        user += "\n" + render(prompts.assist, people=people, sentences=sentences)
    if part is not None:
        user += "\n" + render(
            prompts.chunk,
            part=str(part.number),
            parts=str(part.of),
            people=", ".join(part.people) or "none yet",
            agenda="; ".join(part.agenda) or "none yet",
        )
    if system_role:
        return [{"role": "system", "content": prompts.system}, {"role": "user", "content": user}]
    return [{"role": "user", "content": f"{prompts.system}\n{user}"}]


@dataclass(frozen=True, slots=True)
class PartNote:
    """Which part of a long document this is, who the earlier parts named, and the topics
    they covered (so a long meeting's agenda is not listed afresh in every part)."""

    number: int
    of: int
    people: list[str]
    agenda: list[str] = field(default_factory=list)


def grounding_reask_message(prompts: PromptSet, failures: list[str]) -> Message:
    listed = "\n".join(f"- {line}" for line in failures)
    return {"role": "user", "content": render(prompts.grounding_reask, failures=listed)}
