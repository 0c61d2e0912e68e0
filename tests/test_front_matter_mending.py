"""Front matter with two mistakes at once, as people write it by hand: a value that is not YAML as written
(read as its text, with a warning) beside a date that does not exist. Each line's value was loaded alone with
PyYAML's own constructor, whose ValueError on `2026-13-01` stopped the whole build (and `newsdesk serve`'s
rebuild) with "newsdesk crashed", instead of leaving that one item out with its line."""

from __future__ import annotations

import pytest

from conftest import item, make_site
from generator.cli import main


@pytest.mark.parametrize("value", ["2026-13-01", "2026-02-30T10:00:00Z", "9999-99-99"])
def test_a_broken_value_beside_an_impossible_date_leaves_only_that_item_out(tmp_path, capsys, value):
    site = make_site(tmp_path / "site", {
        "content/fine.md": item("A fine story"),
        "content/typed.md": f'---\ntitle: "A title with "quotes" in it\npublishedDateTime: {value}\n---\nBody.\n',
    })
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "crashed" not in err
    assert "content/typed.md:2: `title`'s value is not valid YAML as written" in err
    assert "content/typed.md:3: `publishedDateTime`" in err and "[left out]" in err
    assert (site / "output" / "news").is_dir() and "A fine story" in (site / "output" / "index.html").read_text()


def test_a_broken_value_beside_a_date_in_another_field_keeps_the_item(tmp_path, capsys):
    """A field that need not be a date (`price: 2026-13-01`) is text, as when the rest is valid YAML."""
    site = make_site(tmp_path / "site", {
        "content/typed.md": '---\ntitle: Breaking: cranes\npublishedDateTime: 2026-11-20T10:00:00Z\n'
                            'price: 2026-13-01\n---\nBody.\n'})
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    err = capsys.readouterr().err
    assert "content/typed.md:2:" in err and "[left out]" not in err
    assert "Breaking: cranes" in (site / "output" / "index.html").read_text()
