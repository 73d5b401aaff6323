"""Reading inputs: discovery, decoding, formats, and output names that stay inside --out."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.errors import InputError, OutputError
from summarizer.output import output_path, write_atomic
from summarizer.readers import InputSpec, discover, read_document


def _read(path: Path) -> str:
    return read_document(InputSpec(path=path, name=path.stem)).text


def test_folders_are_walked_recursively_for_supported_files_only(tmp_path: Path) -> None:
    """Folders give .txt/.md/.html/.json files, sorted; other and hidden files are skipped."""
    for name in ("b.txt", "a/c.md", "a/d.json", "e.pdf", ".hidden.txt", "a/f.html"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x")
    assert [spec.name for spec in discover([str(tmp_path)])] == ["a/c", "a/d", "a/f", "b"]


def test_globs_expand_and_duplicate_names_get_a_suffix(tmp_path: Path) -> None:
    """Two inputs called the same never overwrite each other's results."""
    for folder in ("x", "y"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "note.txt").write_text("x")
    specs = discover([str(tmp_path / "*" / "note.txt")])
    assert [spec.name for spec in specs] == ["note", "note-2"]


def test_output_names_cannot_escape_the_output_folder(tmp_path: Path) -> None:
    """A name made of '..' parts is cleaned, and a path outside --out is refused."""
    assert discover(["-"])[0].name == "stdin"
    with pytest.raises(OutputError, match="escapes"):
        output_path(tmp_path / "out", "../../etc/passwd", ".json")


def test_utf16_and_latin1_text_are_decoded(tmp_path: Path) -> None:
    """UTF-16 with a BOM and Latin-1 bytes come out as the same text."""
    text = "Le ministre a rencontré Wang Yi à Genève."
    (tmp_path / "u16.txt").write_bytes(text.encode("utf-16"))
    (tmp_path / "l1.txt").write_bytes(text.encode("latin-1"))
    assert _read(tmp_path / "u16.txt") == text
    assert _read(tmp_path / "l1.txt") == text


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "no text"), (b" \n\t ", "no text"), (b"PK\x03\x04\x00\x00binary", "binary")],
)
def test_empty_and_binary_files_are_input_errors(
    tmp_path: Path, content: bytes, message: str
) -> None:
    """Each bad file gets an InputError naming it."""
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as caught:
        _read(path)
    assert str(path) in str(caught.value)


def test_a_json_record_without_text_is_an_input_error(tmp_path: Path) -> None:
    """Records must carry a "text" string."""
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"id": "r"}))
    with pytest.raises(InputError, match='"text"'):
        _read(path)


def test_a_json_record_keeps_its_publication_date(tmp_path: Path) -> None:
    """`published` anchors relative dates, so it travels with the document."""
    path = tmp_path / "r.json"
    path.write_text(json.dumps({"id": "r", "text": "They met today.", "published": "2021-05-12"}))
    document = read_document(InputSpec(path=path, name="r"))
    assert (document.text, document.published) == ("They met today.", "2021-05-12")


def test_html_gives_its_main_text_without_scripts_or_navigation(tmp_path: Path) -> None:
    """Article text is extracted; script bodies and menus are not."""
    body = " ".join(["Secretary Blinken met Foreign Minister Wang Yi in Washington."] * 4)
    html = (
        "<html><head><script>alert('x')</script></head><body><nav><a href='/'>Home</a>"
        f"<a href='/n'>News</a></nav><article><h1>Talks</h1><p>{body}</p></article></body></html>"
    )
    path = tmp_path / "page.html"
    path.write_text(html)
    text = _read(path)
    assert "Wang Yi in Washington" in text
    assert "alert" not in text


def test_unreadable_files_say_so(tmp_path: Path) -> None:
    """A symlink loop is reported as unreadable, not as a traceback."""
    loop = tmp_path / "loop.txt"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="cannot be read"):
        _read(loop)


def test_atomic_write_leaves_no_temporary_files(tmp_path: Path) -> None:
    """The result appears whole under its name and nothing else is left behind."""
    target = tmp_path / "deep" / "a.json"
    write_atomic(target, "{}\n")
    write_atomic(target, '{"b": 1}\n')
    assert target.read_text() == '{"b": 1}\n'
    assert sorted(p.name for p in target.parent.iterdir()) == ["a.json"]


def test_the_output_folder_is_never_read_as_input(tmp_path: Path) -> None:
    """`summarize docs/ --out docs/out` twice must not summarize its own results."""
    (tmp_path / "a.txt").write_text("x")
    (tmp_path / "out").mkdir()
    (tmp_path / "out" / "a.json").write_text("{}")
    (tmp_path / "out" / "a.md").write_text("x")
    assert [s.name for s in discover([str(tmp_path)], exclude=tmp_path / "out")] == ["a"]


def test_html_past_the_parsers_depth_limit_says_so(tmp_path: Path) -> None:
    """Nesting past libxml2's limit names that cause, not 'no main text found'."""
    path = tmp_path / "deep.html"
    path.write_text("<html><body>" + "<div>" * 300 + "Talks were held." + "</div>" * 300)
    with pytest.raises(InputError, match="Excessive depth"):
        _read(path)


def test_a_folder_whose_every_document_is_excluded_says_so(tmp_path: Path) -> None:
    """Documents found only inside the excluded output folder: InputError naming the folder,
    not an empty list (which stays the answer for a folder with no documents at all)."""
    (tmp_path / "a.txt").write_text("Ministers met.")
    with pytest.raises(InputError, match="inside the output folder"):
        discover([str(tmp_path)], exclude=tmp_path)
    (tmp_path / "empty").mkdir()
    assert discover([str(tmp_path / "empty")], exclude=tmp_path / "out") == []
