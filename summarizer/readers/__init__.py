"""Reading inputs into Documents: files, folders, globs and stdin; prose (text, Markdown, HTML,
JSON records) and a meeting's own record (speaker-labelled text, WebVTT, SRT, JSON transcripts,
minutes), one module a format.

Offsets in a summary point into `Document.text`: the file's text exactly as decoded (for HTML,
the main text trafilatura extracts; for a JSON record, its `text` field; for a JSON transcript,
its turns written out as 'Speaker: words' blocks).
"""

from summarizer.readers.discover import InputSpec, discover, unique_names
from summarizer.readers.document import Document
from summarizer.readers.files import (
    DEFAULT_MAX_CHARS,
    STDIN,
    SUPPORTED_SUFFIXES,
    byte_limit,
    decode,
    open_regular,
    read_regular,
    shown_path,
)
from summarizer.readers.reading import read_document
from summarizer.readers.structure import InputFormat, Layout, Listed, Turn
from summarizer.readers.text import document_from_text, publication_day, valid_text

__all__ = [
    "DEFAULT_MAX_CHARS",
    "STDIN",
    "SUPPORTED_SUFFIXES",
    "Document",
    "InputFormat",
    "InputSpec",
    "Layout",
    "Listed",
    "Turn",
    "byte_limit",
    "decode",
    "discover",
    "document_from_text",
    "open_regular",
    "publication_day",
    "read_document",
    "read_regular",
    "shown_path",
    "unique_names",
    "valid_text",
]
