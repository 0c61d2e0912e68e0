"""Dates as Japanese, Chinese and Korean sites write them, which their crawlers copy into items: the time in
words (`9時30分`, `下午3点30分`, `오후 3시 30분`, `9時半`), with the morning's or the afternoon's word before it,
in full-width digits (`２０２６年１１月７日`), and in Japan's era years (`令和8年`, `平成31年`, `令和元年`). Each
such item was left out, "not a date" (isotime.in_english)."""

from __future__ import annotations

from conftest import built_dates

CJK_DATES = {
    "2026年11月7日 9時30分": "2026-11-07T09:30:00Z",
    "2026年11月7日 9時": "2026-11-07T09:00:00Z",
    "2026年11月7日 9時半": "2026-11-07T09:30:00Z",
    "2026年11月7日（土） 18時05分": "2026-11-07T18:05:00Z",
    "2026年11月7日 午前9時30分": "2026-11-07T09:30:00Z",
    "2026年11月7日 午後9時30分": "2026-11-07T21:30:00Z",
    "2026年11月7日 午後0時15分": "2026-11-07T12:15:00Z",
    "2026年11月7日 午前0時15分": "2026-11-07T00:15:00Z",
    "2026年11月7日 午後3:30": "2026-11-07T15:30:00Z",
    "２０２６年１１月７日 ９時３０分": "2026-11-07T09:30:00Z",  # full-width digits
    "２０２６年１１月７日　０９：３０": "2026-11-07T09:30:00Z",  # and an ideographic space, a full-width colon
    "2026年11月7日 9時30分15秒": "2026-11-07T09:30:15Z",
    "令和8年11月7日": "2026-11-07T00:00:00Z",
    "令和8年11月7日 9時30分": "2026-11-07T09:30:00Z",
    "令和元年5月1日": "2019-05-01T00:00:00Z",
    "平成31年4月30日": "2019-04-30T00:00:00Z",
    "昭和64年1月7日": "1989-01-07T00:00:00Z",
    "2026年11月7日 下午3点30分": "2026-11-07T15:30:00Z",  # Chinese
    "2026年11月7日 上午9時": "2026-11-07T09:00:00Z",
    "2026年11月7日 15时30分": "2026-11-07T15:30:00Z",
    "2026년 11월 7일 오후 3시 30분": "2026-11-07T15:30:00Z",  # Korean
    "2026년 11월 7일 오전 9:30": "2026-11-07T09:30:00Z",
}


# no such hour or era year: still no date, said at its line
NOT_DATES = ["2026年11月7日 午後13時", "令和0年11月7日"]


def test_dates_with_chinese_japanese_and_korean_times_eras_and_full_width_digits_are_read(tmp_path, capsys):
    read, said = built_dates(tmp_path, {**CJK_DATES, **dict.fromkeys(NOT_DATES)}, capsys)
    assert read == {**CJK_DATES, **dict.fromkeys(NOT_DATES)}, said
    for n, written in enumerate(NOT_DATES, start=len(CJK_DATES)):
        assert f"content/d{n}.md:3: `publishedDateTime` is not a date: {written!r}" in said, said


# A Chinese, Japanese or Korean time after a date of numbers, as these sites write one (`2026-11-07 오후 3시 5분`, Korean
# locales' `2026. 11. 7. 오후 3:05`); each was no date, or the day alone without its time
CJK_TIMES_AFTER_NUMBERS = {
    "2026-11-07 오후 3시 5분": "2026-11-07T15:05:00Z",
    "2026-11-07 오전 9:30": "2026-11-07T09:30:00Z",
    "2026.11.07 오후 3:05": "2026-11-07T15:05:00Z",
    "2026.11.07 09:30": "2026-11-07T09:30:00Z",
    "2026. 11. 7. 오후 3:05": "2026-11-07T15:05:00Z",
    "2026. 11. 7. 오후 3:05:20": "2026-11-07T15:05:20Z",
    "2026. 11. 7.": "2026-11-07T00:00:00Z",  # (the day alone: the API gives its start)
    "2026-11-07 15시 05분": "2026-11-07T15:05:00Z",
    "2026/11/07 午後3時5分": "2026-11-07T15:05:00Z",
    "2026/11/07 午前9時": "2026-11-07T09:00:00Z",
    "2026-11-07 下午3点05分": "2026-11-07T15:05:00Z",
    "2026-11-07 上午9:30": "2026-11-07T09:30:00Z",
}


def test_chinese_japanese_and_korean_times_after_a_date_of_numbers_are_read(tmp_path, capsys):
    late = "2026-11-07 오후 13시"  # no such hour
    read, said = built_dates(tmp_path, {**CJK_TIMES_AFTER_NUMBERS, late: None}, capsys)
    assert read == {**CJK_TIMES_AFTER_NUMBERS, late: None}, said
    line = f"content/d{len(CJK_TIMES_AFTER_NUMBERS)}.md:3: `publishedDateTime` {late!r} is not a valid date"
    assert line in said, said
