"""An item's keys that are no field: a crawler's record of thousands of keys of its own. Each was looked at for a
typo of a field (difflib), which cost more than all else of the item's reading, and a record of keys alike
(`exceAAt`, `exceABt` ...) gave a warning each: hundreds of lines for one file."""

from __future__ import annotations

import itertools
import string

from conftest import build_said, cpu_seconds, make_site

from generator.site.keys import MAX_KEYS_LOOKED_AT, check_keys
from generator.site.notes import Notes


def _front(keys) -> str:
    lines = ["---", "title: Many keys", "publishedDateTime: 2026-11-20T10:00:00Z", "exerpt: A typo first"]
    return "\n".join([*lines, *(f"{key}: 1" for key in keys), "---", "Body.", ""])


def test_a_record_of_keys_alike_gives_a_bounded_number_of_warnings_and_builds(tmp_path, capsys):
    alike = [f"exce{a}{b}t" for a, b in itertools.islice(itertools.product(string.ascii_letters, repeat=2), 3000)]
    site = make_site(tmp_path / "site", {"content/many.md": _front(alike)})
    status, said = build_said(site, capsys)
    assert status == 0
    assert "content/many.md:4: `exerpt` is not a known field; did you mean `excerpt`?" in said, said[:2000]
    warnings = [line for line in said.splitlines() if line.startswith("warning: content/many.md:")]
    assert 2 <= len(warnings) <= MAX_KEYS_LOOKED_AT, len(warnings)
    assert "Many keys" in (site / "output" / "index.html").read_text(encoding="utf-8")


def test_looking_for_typos_in_thousands_of_keys_costs_little():
    meta = {"title": "Many", "exerpt": "x", **{f"k{n}": n for n in range(20000)}}
    notes = Notes()
    started = cpu_seconds()
    check_keys(meta, notes)
    # (each key looked at cost about 1.4 s for these; now a few hundredths)
    assert cpu_seconds() - started < 0.5
    assert [message for _, message, _ in notes.warnings] == ["`exerpt` is not a known field; did you mean `excerpt`?"]


def test_a_misspelt_required_field_is_the_error_at_its_own_line(tmp_path, capsys):
    # `titel:` gave "missing `title` (add a line above this closing `---` ...)" at the closing line and, apart,
    # a warning that `titel` is no field: the user added a second title line rather than renaming the first.
    site = make_site(tmp_path / "site", {"content/typo.md": (
        "---\ntitel: Misspelt\npublishDateTime: 2026-11-20T10:00:00Z\ntopic: AI\n---\nBody.\n")})
    status, said = build_said(site, capsys)
    assert status == 0
    lines = [line for line in said.splitlines() if "content/typo.md" in line]
    assert lines == [
        "error: content/typo.md:2: missing `title`: `titel` is not a known field (rename `titel` to `title`) [left out]",
        "error: content/typo.md:3: missing `publishedDateTime`: `publishDateTime` is not a known field (rename "
        "`publishDateTime` to `publishedDateTime`) [left out]",
        "warning: content/typo.md:4: `topic` is not a known field; did you mean `topics`? (rename it to `topics`, or "
        "it is ignored)"], said
