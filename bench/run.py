"""`make bench`: speed, memory, tokens and quality per engine, on the development examples.

Each measurement runs in its own process so that peak RSS belongs to that engine alone.
Prints a table and writes every figure to bench/results/latest.json. `--quick` runs a subset.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import platform
import resource
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

ROOT = Path(__file__).resolve().parent.parent
DEV = ROOT.parent / "shared" / "examples" / "dev"
RESULTS = ROOT / "bench" / "results"


def _records(limit: int | None = None) -> list[dict[str, Any]]:
    records = [json.loads(p.read_text()) for p in sorted(DEV.glob("*.json"))]
    return records[:limit] if limit else records


def _document(record: dict[str, Any]) -> Any:
    from summarizer.readers import Document

    return Document(
        text=record["text"],
        source=record["id"],
        name=record["id"],
        published=record.get("published"),
    )


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def _timings(seconds: list[float]) -> dict[str, float]:
    return {
        "docs_per_second": round(len(seconds) / sum(seconds), 2),
        "median_seconds": round(statistics.median(seconds), 4),
        "p95_seconds": round(_percentile(seconds, 0.95), 4),
    }


def _peak_rss_mb() -> float:
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def _quality(records: list[dict[str, Any]], summaries: list[Any]) -> dict[str, Any]:
    from summarizer.evaluate import aggregate, score_document

    return aggregate(
        [score_document(r, s) for r, s in zip(records, summaries, strict=True)]
    ).averages


def measure_extractive(quick: bool) -> dict[str, Any]:
    """Load time, then every dev document summarized several times on one core."""
    started = time.perf_counter()
    from summarizer.nlp.index import _pipeline

    _pipeline()
    load = time.perf_counter() - started
    from summarizer.config import EngineName, Settings
    from summarizer.engines.extractive import ExtractiveEngine
    from summarizer.pipeline import Summarizer

    records = _records()
    summarizer = Summarizer(Settings(engine=EngineName.EXTRACTIVE))
    seconds: list[float] = []
    summaries = []
    for round_number in range(2 if quick else 5):
        for record in records:
            begin = time.perf_counter()
            summary = summarizer.summarize_document(_document(record))
            seconds.append(time.perf_counter() - begin)
            if round_number == 0:
                summaries.append(summary)
    assert isinstance(summarizer.engine, ExtractiveEngine)
    words = statistics.mean(len(r["text"].split()) for r in records)
    return {
        "engine": "extractive",
        "documents": len(seconds),
        "mean_words": round(words),
        "load_seconds": round(load, 3),
        **_timings(seconds),
        "peak_rss_mb": _peak_rss_mb(),
        "prompt_tokens_per_doc": 0,
        "completion_tokens_per_doc": 0,
        "reasks_per_doc": 0,
        "quality": _quality(records, summaries),
    }


class _EndpointHandler(BaseHTTPRequestHandler):
    """Answers each chat request with the prepared draft for its document, after `delay`."""

    protocol_version = "HTTP/1.1"  # keep-alive, as real model servers do
    disable_nagle_algorithm = True  # as they do too: else each reply waits for a delayed ACK
    answers: ClassVar[dict[str, str]] = {}
    delay = 0.0

    def log_message(self, *_args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["content-length"])))
        user = " ".join(m["content"] for m in body["messages"])  # re-asks repeat the text
        content = next(a for key, a in self.answers.items() if key in user)
        if self.delay:
            time.sleep(self.delay)
        reply = {
            "id": "x",
            "object": "chat.completion",
            "created": 0,
            "model": "instant",
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(reply).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


class _EndpointServer(ThreadingHTTPServer):
    daemon_threads = True
    # socketserver's default accept queue is 5: sixteen connections opened at once would see
    # dropped SYNs and one-second retransmits, which a real model server (backlog 2048) does not.
    request_queue_size = 256


def _serve_endpoint(answers: dict[str, str], delay: float, port: Any) -> None:
    _EndpointHandler.answers, _EndpointHandler.delay = answers, delay
    server = _EndpointServer(("127.0.0.1", 0), _EndpointHandler)
    port.put(server.server_address[1])
    server.serve_forever()


@contextmanager
def _instant_server(answers: dict[str, str], delay: float = 0.0) -> Iterator[str]:
    """An OpenAI-compatible server on loopback, in a process of its own (as a real endpoint is),
    that answers with a prepared draft, at once or after a fixed delay."""
    context = multiprocessing.get_context("spawn")
    port = context.Queue()
    process = context.Process(target=_serve_endpoint, args=(answers, delay, port), daemon=True)
    process.start()
    try:
        yield f"http://127.0.0.1:{port.get(timeout=60)}/v1"
    finally:
        process.kill()
        process.join()


def measure_overhead(quick: bool) -> dict[str, Any]:
    """Our pipeline's own cost per document (prompt, HTTP, validation, grounding, provenance)
    against an endpoint that answers instantly with a valid, grounded draft."""
    from summarizer.engines.extractive import extract
    from summarizer.pipeline import Summarizer

    records = _records()
    answers = {}
    for record in records:
        grounded = extract(_document(record))
        answers[record["text"][:200]] = _as_draft_json(grounded)
    seconds: list[float] = []
    with (
        _instant_server(answers) as base_url,
        Summarizer(_endpoint_settings(base_url)) as summarizer,
    ):
        summarizer.summarize_document(_document(records[0]))  # warm-up: imports, schema
        for _ in range(3 if quick else 10):
            for record in records:
                begin = time.perf_counter()
                summarizer.summarize_document(_document(record))
                seconds.append(time.perf_counter() - begin)
    return {
        "engine": "pipeline overhead (instant endpoint)",
        "documents": len(seconds),
        **_timings(seconds),
        "peak_rss_mb": _peak_rss_mb(),
    }


def _endpoint_settings(base_url: str, **extra: Any) -> Any:
    """Settings for our loopback test endpoint: llama.cpp request shape, no fallback."""
    from summarizer.config import EndpointKind, EngineName, Settings

    return Settings(
        engine=EngineName.ENDPOINT,
        base_url=base_url,
        model="instant",
        endpoint_kind=EndpointKind.LLAMACPP,
        fallback=False,
        **extra,
    )


def _as_draft_json(grounded: Any) -> str:
    def item(value: Any) -> dict[str, Any]:
        data = value.model_dump(mode="json", exclude={"grounded", "supported", "problems"})
        data["evidence"] = [e["quote"][:400] for e in data["evidence"]][:3] or ["x"]
        return data

    draft = {
        "meeting": item(grounded.meeting),
        "summary": grounded.summary[:900],
        "participants": [item(p) for p in grounded.participants][:16],
        "agenda_topics": [item(t) for t in grounded.agenda_topics][:10],
        "frictions": [item(f) for f in grounded.frictions][:8],
        "outcomes": [item(o) for o in grounded.outcomes][:8],
    }
    return json.dumps(draft)


def measure_embedded(quick: bool) -> dict[str, Any]:
    """The embedded model, whole summary in the compact contract (see `_local_model`)."""
    return _local_model("embedded", quick)


def measure_assisted(quick: bool) -> dict[str, Any]:
    """The assisted engine on the embedded model: the parser proposes, the model decides."""
    return _local_model("assisted", quick)


def _local_model(engine_name: str, quick: bool) -> dict[str, Any]:
    """The PyPI model behind llama.cpp: server start, per-document time, tokens, re-asks, and
    completion tokens/s through our pipeline against the same requests sent directly."""
    from summarizer.config import EngineName, Settings
    from summarizer.errors import InvalidOutputError, SummarizerError
    from summarizer.pipeline import Summarizer

    records = sorted(_records(), key=lambda r: len(r["text"]))[: 2 if quick else 6]
    settings = Settings(engine=EngineName(engine_name), fallback=False, max_reasks=1)
    runs: list[dict[str, Any]] = []
    with Summarizer(settings) as summarizer:
        begin = time.perf_counter()
        engine = summarizer.engine
        load = time.perf_counter() - begin
        for record in records:
            begin = time.perf_counter()
            run: dict[str, Any] = {"id": record["id"]}
            try:
                summary = summarizer.summarize_document(_document(record))
            except InvalidOutputError as error:
                run.update(error=str(error)[:120], attempts=error.attempts, tokens=error.tokens)
            except SummarizerError as error:
                run.update(error=str(error)[:120], attempts=0, tokens=(0, 0))
            else:
                usage = summary.provenance.usage
                run.update(
                    summary=summary,
                    attempts=summary.provenance.attempts,
                    tokens=(usage.prompt_tokens, usage.completion_tokens),
                )
            run["seconds"] = time.perf_counter() - begin
            runs.append(run)
        ratio = _direct_ratio(summarizer, engine, records[-1])
        server_rss = _server_rss_mb(engine)
    done = [run for run in runs if "summary" in run]
    questions = 2 if engine_name == "assisted" else 1
    return {
        "engine": engine_name,
        "documents": len(runs),
        "failed": len(runs) - len(done),
        "failures": [run["error"] for run in runs if "error" in run],
        "load_seconds": round(load, 2),
        **_timings([run["seconds"] for run in runs]),
        "peak_rss_mb": _peak_rss_mb(),
        "server_peak_rss_mb": server_rss,
        "prompt_tokens_per_doc": round(statistics.mean(r["tokens"][0] for r in runs)),
        "completion_tokens_per_doc": round(statistics.mean(r["tokens"][1] for r in runs)),
        "reasks_per_doc": round(
            statistics.mean(max(0, r["attempts"] - questions) for r in runs), 2
        ),
        "tokens_per_second_ratio_pipeline_vs_direct": ratio,
        "quality_on_subset": (
            _quality(
                [r for r in records if any(d["id"] == r["id"] for d in done)],
                [d["summary"] for d in done],
            )
            if done
            else None
        ),
    }


def _direct_ratio(summarizer: Any, engine: Any, record: dict[str, Any]) -> float | None:
    """Completion tokens/s through the pipeline against the very requests it sent, replayed
    straight to the server. Both run after the document was read once, so the server's prompt
    cache serves both alike; the request bodies are caught at the transport."""
    import httpx2

    sent: list[dict[str, Any]] = []
    client = engine._client
    transport = client._http._transport

    original = transport.handle_async_request

    async def catch(request: Any) -> Any:
        if request.url.path.endswith("/chat/completions"):
            sent.append(json.loads(request.content))
        return await original(request)

    transport.handle_async_request = catch
    begin = time.perf_counter()
    summary = summarizer.summarize_document(_document(record))
    ours = summary.provenance.usage.completion_tokens / (time.perf_counter() - begin)
    transport.handle_async_request = original
    if not sent:
        return None
    tokens, begin = 0, time.perf_counter()
    for body in sent:
        reply = httpx2.post(
            f"{engine._server.base_url}/chat/completions", json=body, timeout=900, trust_env=False
        ).json()
        tokens += reply["usage"]["completion_tokens"]
    direct = tokens / (time.perf_counter() - begin)
    return round(ours / direct, 2)


def _server_rss_mb(engine: Any) -> float | None:
    pid = engine._server.pid
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        return None
    return None


def measure_batch(quick: bool) -> dict[str, Any]:
    """Concurrency against an endpoint that answers after 200 ms, then a fully cached re-run."""
    import tempfile

    from summarizer.engines.extractive import extract
    from summarizer.pipeline import Summarizer
    from summarizer.readers import discover

    records = _records()
    answers = {r["text"][:200]: _as_draft_json(extract(_document(r))) for r in records}
    count = 32 if quick else 64
    folder = Path(tempfile.mkdtemp(prefix="summarizer-bench-"))
    (folder / "in").mkdir()
    for number in range(max(count + 2, 100)):
        record = records[number % len(records)]
        copy = {**record, "text": f"{record['text']}\n\nCopy {number}.", "gold": None}
        (folder / "in" / f"doc{number:03d}.json").write_text(json.dumps(copy))
    specs = discover([str(folder / "in")])
    with _instant_server(answers, delay=0.2) as base_url:
        settings = _endpoint_settings(
            base_url, concurrency=16, cache_path=str(folder / "cache.sqlite")
        )
        with Summarizer(settings) as summarizer:
            list(summarizer.summarize_many(specs[:2], out_dir=None))  # warm-up: imports, schema
            begin = time.perf_counter()
            results = list(summarizer.summarize_many(specs[2 : count + 2], out_dir=folder / "out"))
            concurrent = time.perf_counter() - begin
            assert all(r.ok for r in results)
            list(summarizer.summarize_many(specs[:100], out_dir=folder / "out"))  # fill the cache
            begin = time.perf_counter()
            cached = list(summarizer.summarize_many(specs[:100], out_dir=folder / "out"))
            cached_seconds = time.perf_counter() - begin
            assert all(r.summary and r.summary.provenance.from_cache for r in cached)
    ideal = 0.2 * -(-count // 16)
    return {
        "engine": "batch (200 ms endpoint, concurrency 16)",
        "documents": count,
        "seconds": round(concurrent, 3),
        "ideal_seconds": round(ideal, 3),
        "ratio_to_ideal": round(concurrent / ideal, 2),
        "cached_rerun_100_docs_seconds": round(cached_seconds, 3),
        "peak_rss_mb": _peak_rss_mb(),
    }


class _SilentHandler(BaseHTTPRequestHandler):
    """Lists one model, takes every chat request and never answers it."""

    asked: ClassVar[threading.Event] = threading.Event()
    closing: ClassVar[threading.Event] = threading.Event()

    def log_message(self, *_args: Any) -> None:
        pass

    def do_GET(self) -> None:
        data = json.dumps({"object": "list", "data": [{"id": "silent", "owned_by": "x"}]})
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(data)))
        self.end_headers()
        self.wfile.write(data.encode())

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers["content-length"]))
        self.asked.set()
        self.closing.wait()


def measure_interrupt(quick: bool) -> dict[str, Any]:
    """Ctrl-C during a run stuck on a server that never answers: seconds from the press to the
    exit, pressed once (documents under way get their grace period) and twice (at once)."""
    import os
    import signal

    server = ThreadingHTTPServer(("127.0.0.1", 0), _SilentHandler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    command = [
        *(sys.executable, "-m", "summarizer", str(ROOT / "seeds"), "--no-files", "-m", "silent"),
        *("--base-url", f"http://127.0.0.1:{server.server_address[1]}/v1"),
    ]
    env = {
        **os.environ,
        "SUMMARIZER_CACHE": "off",
        "SUMMARIZER_FALLBACK": "no",
        "SUMMARIZER_ENDPOINT_KIND": "openai",
        "SUMMARIZER_ENGINE": "auto",
    }
    seconds: dict[int, list[float]] = {1: [], 2: []}
    for _ in range(1 if quick else 5):
        for presses, figures in seconds.items():
            _SilentHandler.asked.clear()
            process = subprocess.Popen(command, env=env, stderr=subprocess.DEVNULL, cwd=ROOT)
            _SilentHandler.asked.wait(timeout=60)
            time.sleep(0.3)
            begin = time.perf_counter()
            for _ in range(presses):
                process.send_signal(signal.SIGINT)
                time.sleep(0.05)
            code = process.wait(timeout=60)
            figures.append(time.perf_counter() - begin)
            assert code == 130, code
    _SilentHandler.closing.set()
    server.shutdown()
    return {
        "engine": "Ctrl-C on a silent server",
        "once_median_seconds": round(statistics.median(seconds[1]), 2),
        "once_max_seconds": round(max(seconds[1]), 2),
        "twice_median_seconds": round(statistics.median(seconds[2]), 2),
        "twice_max_seconds": round(max(seconds[2]), 2),
        "runs": len(seconds[1]),
    }


def measure_processes(quick: bool) -> dict[str, Any]:
    """An extractive batch in one in-process worker, then spread over a process per core."""
    import tempfile

    from summarizer.config import EngineName, Settings
    from summarizer.pipeline import Summarizer
    from summarizer.readers import discover

    records = _records()
    count = 60 if quick else 120
    folder = Path(tempfile.mkdtemp(prefix="summarizer-bench-"))
    for number in range(count):
        record = records[number % len(records)]
        copy = {**record, "text": f"{record['text']}\n\nCopy {number}.", "gold": None}
        (folder / f"doc{number:03d}.json").write_text(json.dumps(copy))
    specs = discover([str(folder)])
    seconds = {}
    for label, limit in (("one_worker", 1), ("processes", _cores())):
        settings = Settings(engine=EngineName.EXTRACTIVE, cache_path=None, concurrency=limit)
        begin = time.perf_counter()
        with Summarizer(settings) as summarizer:
            assert all(r.ok for r in summarizer.summarize_many(specs, out_dir=None))
        seconds[label] = round(time.perf_counter() - begin, 2)
    return {
        "engine": f"extractive batch ({count} docs)",
        "documents": count,
        "one_worker_seconds": seconds["one_worker"],
        "processes_seconds": seconds["processes"],
        "processes": _cores(),
        "docs_per_second": round(count / seconds["processes"], 1),
        "peak_rss_mb": _peak_rss_mb(),
    }


def measure_long(quick: bool) -> dict[str, Any]:
    """A 20,000-word document: the extractive engine whole, and an LLM endpoint in parts
    (answering at once); every evidence offset checked against the text."""
    from summarizer.chunking import CHARS_PER_TOKEN, split
    from summarizer.config import EngineName, Settings
    from summarizer.engines.extractive import extract
    from summarizer.pipeline import Summarizer
    from summarizer.readers import Document

    texts = [r["text"] for r in _records()]
    words = 5_000 if quick else 20_000
    parts: list[str] = []
    while sum(len(t.split()) for t in parts) < words:
        parts.append(texts[len(parts) % len(texts)])
    text = "\n\n".join(parts)
    document = Document(text=text, source="long", name="long", published="2024-01-11")
    begin = time.perf_counter()
    with Summarizer(Settings(engine=EngineName.EXTRACTIVE)) as summarizer:
        whole = summarizer.summarize_document(document)
        extractive_seconds = time.perf_counter() - begin
        by_length = _seconds_by_length(summarizer, texts, quick)
    chunk_tokens = 6000
    chunks = split(
        text,
        max_chars=chunk_tokens * CHARS_PER_TOKEN,
        overlap_chars=chunk_tokens * CHARS_PER_TOKEN // 10,
    )
    # Keyed by each part's whole text: the long text repeats the examples, so parts can share
    # their first sentences, and a prefix would hand one part another's answer.
    answers = {
        c.text: _as_draft_json(
            extract(Document(text=c.text, source="c", name="c", published="2024-01-11"))
        )
        for c in chunks
    }
    with _instant_server(answers) as base_url:
        settings = _endpoint_settings(
            base_url, max_chunk_tokens=chunk_tokens, max_document_chars=len(text) + 1
        )
        begin = time.perf_counter()
        with Summarizer(settings) as summarizer:
            parted = summarizer.summarize_document(document)
        llm_seconds = time.perf_counter() - begin
    return {
        "engine": "long document",
        "words": len(text.split()),
        "extractive_seconds": round(extractive_seconds, 2),
        "extractive_seconds_by_characters": by_length,
        "llm_parts": parted.provenance.chunks,
        "llm_seconds_instant_endpoint": round(llm_seconds, 2),
        "offsets_valid": _offsets_valid(whole, text) and _offsets_valid(parted, text),
        "peak_rss_mb": _peak_rss_mb(),
    }


QMSUM = ROOT.parent / "shared" / "corpora" / "qmsum"


def _transcript(path: Path) -> str:
    """A QMSum meeting as the examples write it: 'Speaker: words' blocks."""
    turns = json.loads(path.read_text())["meeting_transcripts"]
    return "\n\n".join(f"{t['speaker']}: {t['content'].strip()}" for t in turns) + "\n"


def measure_record(quick: bool) -> dict[str, Any]:
    """A meeting's own record: a real committee sitting of about 100,000 characters (QMSum
    covid_5, two hours and more) read by the extractive engine and the assisted engine (which
    reads a record by its turns); memory over a batch of committee transcripts; in the full run
    the embedded model writing the whole summary part by part."""
    from summarizer.config import EngineName, Settings
    from summarizer.pipeline import Summarizer
    from summarizer.readers import document_from_text

    text = _transcript(QMSUM / "train" / "covid_5.json")
    document = document_from_text(text, source="covid_5")
    result: dict[str, Any] = {"engine": "meeting record", "characters": len(text)}
    with Summarizer(Settings(engine=EngineName.EXTRACTIVE)) as summarizer:
        summarizer.summarize(_transcript(QMSUM / "val" / "education_0.json"))  # spaCy warm
        begin = time.perf_counter()
        summary = summarizer.summarize_document(document)
        result["extractive_seconds"] = round(time.perf_counter() - begin, 2)
        result["topics"] = len(summary.agenda_topics)
        result["offsets_valid"] = _offsets_valid(summary, text)
        committee = sorted(QMSUM.glob("*/education_*.json")) + sorted(QMSUM.glob("*/covid_*.json"))
        chosen = committee[:6] if quick else committee
        rss, begin = [], time.perf_counter()
        characters = 0
        for path in chosen:
            record = _transcript(path)
            characters += len(record)
            summarizer.summarize(record, source=path.stem)
            rss.append(_current_rss_mb())
        seconds = time.perf_counter() - begin
    result["batch_transcripts"] = len(chosen)
    result["rss_mb_first_last"] = [rss[0], rss[-1]]
    result["seconds_per_100k_characters"] = round(seconds / characters * 100_000, 2)
    result["peak_rss_mb"] = _peak_rss_mb()
    if not quick:
        result |= _record_through_the_model(document, text)
    return result


def _record_through_the_model(document: Any, text: str) -> dict[str, Any]:
    """The assisted engine (the default where the model is installed: the record reading, no
    question) and, with SUMMARIZER_BENCH_RECORD_MODEL=1 (it takes the better part of an hour
    on 2 cores), the embedded whole summary in parts, on the same record."""
    from summarizer.config import EngineName, Settings
    from summarizer.pipeline import Summarizer

    figures: dict[str, Any] = {}
    engines = [EngineName.ASSISTED]
    if os.environ.get("SUMMARIZER_BENCH_RECORD_MODEL") == "1":
        engines.append(EngineName.EMBEDDED)
    for engine in engines:
        settings = Settings(engine=engine, max_document_chars=len(text) + 1)
        with Summarizer(settings) as summarizer:
            begin = time.perf_counter()
            summary = summarizer.summarize_document(document)
            figures[f"{engine.value}_seconds"] = round(time.perf_counter() - begin, 1)
            figures[f"{engine.value}_parts"] = summary.provenance.chunks
            figures[f"{engine.value}_offsets_valid"] = _offsets_valid(summary, text)
    return figures


def _seconds_by_length(summarizer: Any, texts: list[str], quick: bool) -> dict[str, float]:
    """The extractive engine on 25k, 50k, 100k and 200k characters: growth should be linear."""
    from summarizer.readers import Document

    lengths = (25_000, 50_000) if quick else (25_000, 50_000, 100_000, 200_000)
    corpus = "\n\n".join(texts * (1 + lengths[-1] // sum(len(t) for t in texts)))
    seconds = {}
    for length in lengths:
        document = Document(text=corpus[:length], source=f"{length}", name="x")
        begin = time.perf_counter()
        summarizer.summarize_document(document)
        seconds[str(length)] = round(time.perf_counter() - begin, 2)
    return seconds


def measure_stream(quick: bool) -> dict[str, Any]:
    """Memory over a long batch: resident size after a tenth of the documents and at the end.
    Every document has the same text, so after the first all come from the cache and what is
    measured is the batch's own bookkeeping (the window of tasks, the ledger), not the engine."""
    import tempfile

    from summarizer.config import EngineName, Settings
    from summarizer.pipeline import Summarizer
    from summarizer.readers import discover

    count = 5_000 if quick else 100_000
    folder = Path(tempfile.mkdtemp(prefix="summarizer-bench-"))
    (folder / "in").mkdir()
    text = _records(1)[0]["text"]
    for number in range(count):
        (folder / "in" / f"d{number:06d}.txt").write_text(text)
    specs = discover([str(folder / "in")])
    settings = Settings(engine=EngineName.EXTRACTIVE, cache_path=str(folder / "cache.sqlite"))
    samples: dict[str, float] = {}
    begin = time.perf_counter()
    with Summarizer(settings) as summarizer:
        for number, result in enumerate(summarizer.summarize_many(specs, out_dir=None), start=1):
            assert result.ok
            if number in (count // 10, count):
                samples[str(number)] = _current_rss_mb()
    seconds = time.perf_counter() - begin
    return {
        "engine": f"batch of {count:,} documents (cached after the first)",
        "documents": count,
        "docs_per_second": round(count / seconds, 1),
        "rss_mb_after_documents": samples,
        "peak_rss_mb": _peak_rss_mb(),
    }


def _current_rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def _offsets_valid(summary: Any, text: str) -> bool:
    from summarizer.models import sections

    return all(
        e.start is not None and text[e.start : e.end] == e.quote
        for _, items in sections(summary)
        for item in items
        for e in item.evidence
    )


MEASURES = {
    "extractive": measure_extractive,
    "overhead": measure_overhead,
    "batch": measure_batch,
    "long": measure_long,
    "processes": measure_processes,
    "stream": measure_stream,
    "interrupt": measure_interrupt,
    "record": measure_record,
    "embedded": measure_embedded,
    "assisted": measure_assisted,
}


def _run_isolated(name: str, quick: bool) -> dict[str, Any]:
    command = [sys.executable, str(Path(__file__)), "--measure", name]
    if quick:
        command.append("--quick")
    done = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if done.returncode != 0:
        return {"engine": name, "error": done.stderr.strip().splitlines()[-1:]}
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--quick", action="store_true", help="fewer rounds and documents")
    parser.add_argument("--measure", choices=sorted(MEASURES), help=argparse.SUPPRESS)
    parser.add_argument("--skip-embedded", action="store_true", help="leave the local model out")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(MEASURES[args.measure](args.quick)))
        return 0
    names = ["extractive", "processes", "overhead", "batch", "long", "stream", "interrupt"]
    names += ["record"]
    names += [] if args.skip_embedded else ["embedded", "assisted"]
    started = time.perf_counter()
    results = [_run_isolated(name, args.quick) for name in names]
    report = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": f"{platform.machine()}, {_cores()} cores, Python {platform.python_version()}",
        "command": "make bench" + (" ARGS=--quick" if args.quick else ""),
        "seconds": round(time.perf_counter() - started, 1),
        "results": results,
    }
    RESULTS.mkdir(parents=True, exist_ok=True)
    (RESULTS / "latest.json").write_text(json.dumps(report, indent=2) + "\n")
    _print(report)
    return 0


def _cores() -> int:
    import os

    return len(os.sched_getaffinity(0))


def _print(report: dict[str, Any]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=f"bench {report['date']} on {report['machine']}", title_justify="left")
    keys = [
        "documents",
        "docs_per_second",
        "median_seconds",
        "p95_seconds",
        "load_seconds",
        "peak_rss_mb",
        "prompt_tokens_per_doc",
        "completion_tokens_per_doc",
        "reasks_per_doc",
    ]
    table.add_column("engine")
    for key in keys:
        table.add_column(key.replace("_", " "), justify="right")
    for result in report["results"]:
        table.add_row(result["engine"], *(str(result.get(key, "-")) for key in keys))
    console = Console(width=200)
    console.print(table)
    for result in report["results"]:
        for key in ("quality", "quality_on_subset"):
            if result.get(key):
                scores = ", ".join(f"{k} {v}" for k, v in result[key].items() if v is not None)
                console.print(f"{result['engine']} {key.replace('_', ' ')}: {scores}")
        if result.get("tokens_per_second_ratio_pipeline_vs_direct") is not None:
            console.print(
                f"{result['engine']} tokens/s, our pipeline / the same requests sent directly: "
                f"{result['tokens_per_second_ratio_pipeline_vs_direct']}"
            )
        if "ratio_to_ideal" in result:
            console.print(
                f"batch: {result['documents']} documents in {result['seconds']} s at concurrency "
                f"16 against a 200 ms endpoint ({result['ratio_to_ideal']}x the ideal "
                f"{result['ideal_seconds']} s); fully cached re-run of 100 documents: "
                f"{result['cached_rerun_100_docs_seconds']} s"
            )
        if "processes_seconds" in result:
            console.print(
                f"extractive batch: {result['documents']} documents in "
                f"{result['one_worker_seconds']} s with one in-process worker, "
                f"{result['processes_seconds']} s over {result['processes']} processes"
            )
        if "words" in result:
            console.print(
                f"long document: {result['words']} words; extractive "
                f"{result['extractive_seconds']} s; an LLM endpoint in {result['llm_parts']} parts "
                f"{result['llm_seconds_instant_endpoint']} s (answering at once); every offset "
                f"valid: {result['offsets_valid']}; peak RSS {result['peak_rss_mb']} MB; "
                f"extractive seconds by characters: {result['extractive_seconds_by_characters']}"
            )
        if "rss_mb_after_documents" in result:
            console.print(
                f"{result['engine']}: resident MB after documents "
                f"{result['rss_mb_after_documents']}"
            )
        if "once_median_seconds" in result:
            console.print(
                f"Ctrl-C on a silent server, exit after: once {result['once_median_seconds']} s "
                f"(max {result['once_max_seconds']}), twice {result['twice_median_seconds']} s "
                f"(max {result['twice_max_seconds']}) over {result['runs']} runs; the grace "
                "for documents under way is 1.5 s"
            )
        if "seconds_per_100k_characters" in result:
            model = (
                f"; assisted {result['assisted_seconds']} s" if "assisted_seconds" in result else ""
            )
            if "embedded_seconds" in result:
                model += (
                    f", the embedded whole summary in {result['embedded_parts']} parts "
                    f"{result['embedded_seconds']} s"
                )
            console.print(
                f"meeting record: {result['characters']:,} characters read in "
                f"{result['extractive_seconds']} s (extractive, {result['topics']} topics{model}); "
                f"{result['batch_transcripts']} committee transcripts at "
                f"{result['seconds_per_100k_characters']} s per 100,000 characters, resident MB "
                f"first/last {result['rss_mb_first_last']}; offsets valid {result['offsets_valid']}"
            )
        if result.get("error"):
            console.print(f"{result['engine']} failed: {result['error']}")
    console.print(f"took {report['seconds']} s; written to bench/results/latest.json")


if __name__ == "__main__":
    raise SystemExit(main())
