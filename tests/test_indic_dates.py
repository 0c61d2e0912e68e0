"""Dates as Indian sites write them, which their feeds and crawlers copy: the Gregorian months' names in Hindi,
Marathi, Bengali, Gujarati, Punjabi, Odia, Tamil, Telugu, Kannada, Malayalam and Urdu (`7 दिसंबर 2025`), in
their scripts' digits too (`७ दिसंबर २०२५`). Each such item was left out, "not a date": the vowel signs and the
nukta of a month's name are no letters to Python's `re` (`[^\\W\\d_]`), and no Indian language's months were
known."""

from __future__ import annotations

from conftest import built_dates

INDIC_DATES = {
    "7 दिसंबर 2025 09:30 +0530": "2025-12-07T04:00:00Z",  # Hindi
    "7 दिसम्बर 2025, 09:30 +0530": "2025-12-07T04:00:00Z",  # (its other spelling, a comma before the time)
    "७ दिसंबर २०२५, ०९:३० +0530": "2025-12-07T04:00:00Z",  # (Devanagari digits)
    "12 फ़रवरी 2025": "2025-02-12T00:00:00Z",  # (with a nukta)
    "12 फरवरी 2025": "2025-02-12T00:00:00Z",  # (without it)
    "3 सितंबर 2025": "2025-09-03T00:00:00Z",
    "3 अक्तूबर 2025": "2025-10-03T00:00:00Z",
    "3 अक्टूबर 2025": "2025-10-03T00:00:00Z",
    "5 ऑगस्ट 2025": "2025-08-05T00:00:00Z",  # Marathi
    "5 जानेवारी 2025": "2025-01-05T00:00:00Z",
    "৭ ডিসেম্বর ২০২৫": "2025-12-07T00:00:00Z",  # Bengali, its digits
    "7 জানুয়ারি 2025": "2025-01-07T00:00:00Z",
    "7 ડિસેમ્બર 2025": "2025-12-07T00:00:00Z",  # Gujarati
    "7 ਦਸੰਬਰ 2025": "2025-12-07T00:00:00Z",  # Punjabi
    "7 ଡିସେମ୍ବର 2025": "2025-12-07T00:00:00Z",  # Odia
    "7 டிசம்பர் 2025": "2025-12-07T00:00:00Z",  # Tamil
    "7 డిసెంబర్ 2025": "2025-12-07T00:00:00Z",  # Telugu
    "7 ಡಿಸೆಂಬರ್ 2025": "2025-12-07T00:00:00Z",  # Kannada
    "7 ഡിസംബർ 2025": "2025-12-07T00:00:00Z",  # Malayalam
    "7 دسمبر 2025": "2025-12-07T00:00:00Z",  # Urdu
    "7 جنوری 2025": "2025-01-07T00:00:00Z",
}


def test_dates_with_indian_languages_month_names_and_digits_are_read(tmp_path, capsys):
    no_month = "7 बारिश 2025"  # (still no date)
    read, said = built_dates(tmp_path, {**INDIC_DATES, no_month: None}, capsys)
    assert read == {**INDIC_DATES, no_month: None}, said
    assert f"content/d{len(INDIC_DATES)}.md:3: `publishedDateTime` is not a date: {no_month!r}" in said, said
