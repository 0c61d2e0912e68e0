"""A Markdown table whose rows give fewer cells than its header is filled with empty cells by either engine: a
crawled body of a few kilobytes (a header of 1,000 columns over 2,000 short rows) made megabytes of HTML per
table, in the story's page and every feed that carries bodies, and took Python-Markdown seconds. Past
MAX_FILLED_CELLS filled cells in a body, a table is shown as the text it is written as, with a warning; an
ordinary table (short rows included) is a table still."""

from __future__ import annotations

import pytest

from conftest import build_said, cpu_seconds, files_under, item, make_site
from generator.site.markup import MAX_FILLED_CELLS

WIDE = "|" + "a|" * 1000 + "\n|" + "-|" * 1000 + "\n" + "x\n" * 2000


@pytest.mark.parametrize("engine", ["cmark", "python-markdown"])
def test_a_table_of_empty_cells_costs_its_text_only(tmp_path, capsys, engine):
    body = "Intro.\n\n" + (WIDE + "\nBetween.\n\n") * 3 + "| a | b |\n|---|---|\n| 1 |\n"
    site = make_site(tmp_path / "site", {"content/a.md": item("Tables", body=body)},
                     f'title: T\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\nmarkdown_engine: {engine}\n')
    before = cpu_seconds()
    status, said = build_said(site, capsys)
    assert status == 0, said
    assert (f"warning: content/a.md:7: this table's rows leave more than {MAX_FILLED_CELLS:,} of its header's cells "
            "empty") in said
    assert said.count("this table's rows") == 1  # (one warning: the body's first such table)
    outputs = files_under(site / "output")
    page = next(data for name, data in outputs.items() if name.startswith("news/") and name.endswith("/a/index.html"))
    assert len(page) < 200_000 and sum(map(len, outputs.values())) < 2_000_000
    text = page.decode("utf-8")
    assert "|a|a|a|" in text  # (shown as written)
    assert "<td>1</td>" in text and text.count("<table") == 1  # (the small table, its short row filled, is one)
    assert cpu_seconds() - before < 30  # (Python-Markdown filled 20 MB of cells in over 20 s per table)
