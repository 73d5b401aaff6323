"""The HTML review report, opened in a real headless Chromium (Debian's package, via Playwright):
each summary beside its source, and a reconciled meeting's sources side by side."""

from __future__ import annotations

import copy
import hashlib
import html
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from summarizer import Settings, Summarizer
from summarizer.cli import main
from summarizer.config import EngineName
from summarizer.readers import discover
from summarizer.reconcile import MeetingReport
from summarizer.report import load_entry, render_report, write_report
from tests.hostile import MEETING
from tests.reports import OTHER, READOUT, WIRE
from tests.summaries import make_summary, quoting

CHROMIUM = "/usr/bin/chromium"
# Flags that keep Chromium off the network and quiet as root in a container.
OFFLINE_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]
SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=OFFLINE_FLAGS
        )
        yield browser
        browser.close()


def _report(inputs: list[str], out: Path) -> Path:
    with Summarizer(Settings(engine=EngineName.EXTRACTIVE)) as summarizer:
        results = list(summarizer.summarize_many(discover(inputs), out_dir=out))
    entries = [entry for result in results if (entry := result.report_entry()) is not None]
    return write_report(entries, out / "report.html")


def test_every_grounded_quote_is_highlighted_and_clicking_an_item_lights_its_quotes(
    browser: Browser, tmp_path: Path
) -> None:
    """Each item's quotes are marks in the source; a click marks exactly that item's quotes."""
    page_path = _report([str(SEEDS)], tmp_path)
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(page_path.as_uri())
    item_ids = page.eval_on_selector_all("li.item", "items => items.map(i => i.id)")
    assert len(item_ids) > 50
    highlighted = set(
        page.eval_on_selector_all(
            "mark[data-items]", "marks => marks.flatMap(m => m.dataset.items.split(' '))"
        )
    )
    assert set(item_ids) <= highlighted, "every grounded item has its quote marked in the source"
    target = next(i for i in item_ids if "-friction-" in i)
    page.click(f"#{target}")
    active = page.eval_on_selector_all("mark.active", "marks => marks.map(m => m.dataset.items)")
    assert active
    assert all(target in items.split(" ") for items in active)
    assert page.eval_on_selector(f"#{target}", "li => li.classList.contains('active')")
    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)
    assert (tmp_path / "report.png").stat().st_size > 10_000


def test_markup_and_template_syntax_in_a_document_render_as_text(
    browser: Browser, tmp_path: Path
) -> None:
    """<script> in a document runs nothing and shows as written, as do {{ }} and {% %}."""
    hostile = tmp_path / "hostile.txt"
    hostile.write_text(
        "Foreign Minister Ana Silva met with Foreign Minister Jonas Berg in Lisbon. "
        "They discussed <script>alert(1)</script> and {{ secrets }} and {% raw %}."
    )
    page_path = _report([str(hostile)], tmp_path / "out")
    dialogs: list[str] = []
    page = browser.new_page()
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(page_path.as_uri())
    source = page.inner_text("div.source")
    assert "<script>alert(1)</script>" in source
    assert "{{ secrets }}" in source
    assert "{% raw %}" in source
    assert dialogs == []
    assert page.locator("div.source script").count() == 0


def test_people_taking_part_come_first_and_a_planned_meeting_says_will_take_part() -> None:
    """In the report, attendees are listed before people only mentioned, and for a scheduled
    meeting their badge reads 'will take part'; the meeting's sentence and date are lit."""
    text = (
        "Minister Ana Silva will meet Minister Jo Berg in Oslo on 4 May. "
        "Ex-minister Kari Dahl said so."
    )
    summary = make_summary(
        attended=["Ana Silva"], mentioned=["Kari Dahl"], status="scheduled", evidence=text[:63]
    )
    first = summary.participants[0]
    summary = summary.model_copy(
        update={
            "participants": [summary.participants[1], first],
            "meeting": summary.meeting.model_copy(update={"date_text": "4 May"}),
            "provenance": summary.provenance.model_copy(
                update={"sha256": hashlib.sha256(text.encode()).hexdigest()}
            ),
        }
    )
    page = render_report([load_entry("a", summary, text)])
    assert page.index("Ana Silva") < page.index("Kari Dahl")
    assert "will take part" in page
    assert 'attended">attended<' not in page
    assert 'class="meeting"' in page


def test_quotes_outside_the_text_are_never_rendered_and_are_counted() -> None:
    """Negative offsets, an end past the text, a start after its end: the source comes back
    once and whole, only the quote inside it is marked, and the three are counted."""
    text = "Silva met Berg in Oslo."
    entry = load_entry("a", quoting(text, [(-6, -1), (0, 5), (10, 99), (9, 3)]), text)
    segments = entry.segments()
    assert "".join(segment.text for segment in segments) == text
    assert [segment.text for segment in segments if segment.items] == ["Silva"]
    assert entry.stray_quotes() == 3


SWEEP = """
import sys
from summarizer.report import load_entry
from tests.summaries import quoting
count = 100_000
text = "".join(f"Item {number:06d}. " for number in range(count))
spans = [(13 * number, 13 * number + 12) for number in range(count)]
segments = load_entry("many", quoting(text, spans), text).segments()
assert "".join(segment.text for segment in segments) == text
print(sum(bool(segment.items) for segment in segments))
"""


def test_a_summary_of_a_hundred_thousand_quotes_is_split_in_one_sweep() -> None:
    """100,000 quotes split the text within a bound only a quadratic split would pass (one that
    looks at every quote for every segment took 14 s for 16,000 and would take minutes here)."""
    done = subprocess.run(
        [sys.executable, "-c", SWEEP],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "100000"


def test_summarize_report_leaves_out_what_it_cannot_use_and_says_why(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """In a folder of saved summaries: one of schema 99.0 is left out with the fix (exit 1),
    one whose quotes point outside its text is shown with a warning, eval figures pass quietly."""
    source = tmp_path / "meeting.txt"
    source.write_text(MEETING)
    out = tmp_path / "out"
    assert main([str(source), "--out", str(out), "--quiet"]) == 0
    saved = json.loads((out / "meeting.json").read_text())
    (out / "future.json").write_text(json.dumps({**saved, "schema_version": "99.0"}))
    stray = copy.deepcopy(saved)
    stray["meeting"]["evidence"][0].update(start=-30, end=-1)
    (out / "stray.json").write_text(json.dumps(stray))
    (out / "figures.json").write_text(json.dumps({"averages": {}, "documents": []}))
    capsys.readouterr()
    assert main(["report", str(out)]) == 1
    err = capsys.readouterr().err
    assert "future.json: not a usable summary (schema_version '99.0' is not a schema" in err
    assert "summarize the source again); left out of the report" in err
    assert "stray.json: 1 quote(s) point outside the source text; not highlighted" in err
    assert "figures.json" not in err
    assert "(2 documents)" in err
    page = (out / "report.html").read_text()
    sources = re.findall(r'<div class="source">(.*?)</div>', page, flags=re.DOTALL)
    shown_texts = [html.unescape(re.sub(r"<[^>]+>", "", source)) for source in sources]
    assert shown_texts == [MEETING, MEETING]  # whole, its end never repeated on top


def test_a_reconciled_meeting_shows_each_sources_account_in_that_sources_column(
    browser: Browser, tmp_path: Path
) -> None:
    """The meeting's table has one column per source; every quote shown in a column is that
    source's own text; a difference row shows both sides at once; a column head leads to its
    document below."""
    inputs = tmp_path / "in"
    inputs.mkdir()
    records = {r["id"]: r for r in (READOUT, WIRE, OTHER)}
    for name, record in records.items():
        (inputs / f"{name}.json").write_text(json.dumps(record), encoding="utf-8")
    with Summarizer(Settings(engine=EngineName.EXTRACTIVE)) as summarizer:
        results = list(summarizer.summarize_many(discover([str(inputs)]), out_dir=tmp_path))
        reports = [
            MeetingReport.of(r.document, r.summary) for r in results if r.document and r.summary
        ]
        (meeting,) = summarizer.reconcile(reports).meetings
    entries = [entry for result in results if (entry := result.report_entry()) is not None]
    page_path = write_report(entries, tmp_path / "report.html", meetings=[meeting])
    page = browser.new_page(viewport={"width": 1400, "height": 900})
    page.goto(page_path.as_uri())
    section = f"section[data-slug='{meeting.slug}']"
    heads = page.eval_on_selector_all(
        f"{section} th.source-head", "hs => hs.map(h => h.dataset.source)"
    )
    assert heads == ["readout", "wire"]
    cells = page.eval_on_selector_all(
        f"{section} td.said",
        "tds => tds.map(td => [td.dataset.source, td.querySelector('blockquote').innerText])",
    )
    assert len(cells) > 10
    for source, quote in cells:
        assert quote in records[source]["text"], (source, quote)
    differences = page.eval_on_selector_all(
        f"{section} tr[data-section='differences']",
        "rows => rows.map(r => r.querySelectorAll('td.said').length)",
    )
    assert max(differences, default=0) == 2
    wire = next(entry for entry in entries if entry.name == "wire")
    page.click(f"{section} th.source-head[data-source='wire'] a")
    assert page.evaluate("location.hash") == f"#{wire.anchor}"
    assert page.is_visible(f"section#{wire.anchor}")
