"""The HTML review report, opened in a real headless Chromium (Debian's package, via Playwright)."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, sync_playwright

from summarizer import Settings, Summarizer
from summarizer.config import EngineName
from summarizer.documents import discover
from summarizer.report import load_entry, render_report, write_report
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
