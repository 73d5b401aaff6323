"""The HTML review report, opened in a real headless Chromium (Debian's package, via Playwright):
each summary beside its source, and a reconciled meeting's sources side by side."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from summarizer import Settings, Summarizer
from summarizer.config import EngineName
from summarizer.documents import discover
from summarizer.reconcile import MeetingReport
from summarizer.report import load_entry, render_report, write_report
from tests.reports import OTHER, READOUT, WIRE
from tests.summaries import make_summary

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
