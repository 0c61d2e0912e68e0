"""Items as real crawlers write them, round 25: dates with other languages' month names (declined, as a date
writes them), time zones by ambiguous names, scores with thousands separators and units, Hugo's TOML front
matter, names that differ only by invisible characters, and no-break spaces kept. Each is read as its writer
meant, with a warning naming the file and line where the file should be written otherwise.
"""

from __future__ import annotations

import json
from pathlib import Path

from conftest import build_files, built_page as page, front

CONFIG = 'title: T\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\nitems_per_page: 100\nstories:\n  enabled: false\n'
DATE = "publishedDateTime: 2025-11-20T10:00:00Z"


def build(tmp_path: Path, files: dict[str, str | bytes], capsys, config: str = CONFIG):
    return build_files(tmp_path, files, capsys, config)


# --- dates with other languages' month names ---------------------------------------------------------

WORDED_DATES = {  # as a site in that language writes a date -> the moment (UTC; the site's zone is UTC)
    "12 grudnia 2025": "2025-12-12T00:00:00Z",  # Polish, the genitive a date takes
    "środa, 3 grudnia 2025 r., o godz. 10:00": "2025-12-03T10:00:00Z",
    "1 października 2025": "2025-10-01T00:00:00Z",
    "5 prosince 2025": "2025-12-05T00:00:00Z",  # Czech
    "5. července 2025 v 10:00": "2025-07-05T10:00:00Z",
    "3 декабря 2025": "2025-12-03T00:00:00Z",  # Russian
    "3 марта 2025 г. в 10:00": "2025-03-03T10:00:00Z",
    "ср, 03 дек. 2025 10:00:00 +0300": "2025-12-03T07:00:00Z",
    "3 грудня 2025 р.": "2025-12-03T00:00:00Z",  # Ukrainian
    "15 листопада 2025": "2025-11-15T00:00:00Z",
    "1 Aralık 2025": "2025-12-01T00:00:00Z",  # Turkish, with and without its letters
    "1 ARALIK 2025 10:00": "2025-12-01T10:00:00Z",
    "15 Şubat 2025": "2025-02-15T00:00:00Z",
    "Τετάρτη, 3 Δεκεμβρίου 2025": "2025-12-03T00:00:00Z",  # Greek
    "2025. december 12.": "2025-12-12T00:00:00Z",  # Hungarian, the year first
    "2025. márc. 5., 10:00": "2025-03-05T10:00:00Z",
    "12. joulukuuta 2025 klo 10.00": "2025-12-12T10:00:00Z",  # Finnish
    "12 december 2025 kl. 10.30": "2025-12-12T10:30:00Z",  # Swedish
    "12 marts 2025": "2025-03-12T00:00:00Z",  # Danish
    "12 decembrie 2025": "2025-12-12T00:00:00Z",  # Romanian
    "1 d'octubre de 2025": "2025-10-01T00:00:00Z",  # Catalan
    "12 Agustus 2025": "2025-08-12T00:00:00Z",  # Indonesian
    "2025年12月3日 10:00": "2025-12-03T10:00:00Z",  # Chinese and Japanese
    "2025년 12월 3일": "2025-12-03T00:00:00Z",  # Korean
}


def test_dates_with_month_names_of_more_languages_are_read(tmp_path, capsys):
    """A crawler on a Polish, Czech, Russian, Turkish, Greek... site copies the date as the site writes it,
    the month declined as a date declines it: the item was left out ("not a date")."""
    files = {f"d{number}.md": front("title: Dated", f'publishedDateTime: "{written}"')
             for number, written in enumerate(WORDED_DATES)}
    files["bad.md"] = front("title: Bad", 'publishedDateTime: "3 Xyzzy 2025"')
    _, news, said = build(tmp_path, files, capsys)
    assert {written: news[f"d{number}"]["publishedDateTime"] for number, written in enumerate(WORDED_DATES)} \
        == WORDED_DATES
    assert "error: content/bad.md:3: `publishedDateTime` is not a date: '3 Xyzzy 2025'" in said, said
