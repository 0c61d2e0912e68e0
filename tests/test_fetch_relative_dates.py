"""Dates written relative to when the feed is read, as Russian and other sites write them (`вчера в 18:45`,
`сегодня, 10:15`, `2 часа назад`, `yesterday at 6:45 PM`, `vor 2 Stunden`): read from the fetch that first
saw the entry, in the site's zone, as a reader of the feed then took them; `вчера` or `3 дня назад` alone is that day,
with no time made up."""

from __future__ import annotations

import pytest

from conftest import feed_site, fetch_said, fetched, fetched_dates, local_as_utc
from feed_server import FeedServer, Route
from test_fetch_times import rss

FIRST_FETCHED = "2026-11-22T12:00:00Z"  # (feed_site's now: 15:00 in Moscow)


def test_dates_relative_to_the_fetch_are_read_from_it(tmp_path, capsys):
    """Such dates were no dates: every entry so dated was dated when fetched, so yesterday's news ranked and showed
    as "just now", and an item of two hours ago as newer than one of ten minutes ago."""
    written = {
        # Russian, as its news sites write them (ё or е, a comma or `в`, capitalised or not)
        "Вчера в": "вчера в 18:45", "Вчера запятая": "Вчера, 18:45", "Сегодня": "сегодня, 10:15",
        "Сегодня позже": "сегодня в 16:00", "Позавчера": "позавчера в 9:05", "Вчера день": "вчера",
        "Часа": "2 часа назад", "Минут": "5 минут назад", "Час": "час назад", "Минуту": "21 минуту назад",
        "Дня": "3 дня назад", "Только что": "только что",
        # the other Slavic languages and the ones whose month names dates are read in
        "Вчора": "вчора о 18:45", "Учора": "Учора, 18:45",
        "Години": "2 години тому", "Преди": "преди 2 часа", "Wczoraj": "wczoraj, 18:45",
        "Temu": "2 godziny temu", "Před": "před 2 hodinami", "Včera": "včera v 18:45", "Juče": "juče u 18:45",
        "Ago": "2 hours ago", "Yesterday": "Yesterday at 6:45 PM", "Vor": "vor 2 Stunden", "Gestern": "gestern um 18:45",
        "Il y a": "il y a 2 heures", "Hier": "hier à 18:45", "Hace": "hace 2 horas", "Ayer": "ayer a las 18:45",
        "Fa": "2 ore fa", "Ieri": "ieri alle 18:45", "Há": "há 2 horas", "Geleden": "2 uur geleden",
        # not relative dates: still dated when fetched
        "Not a unit": "2 яблока назад", "Words": "на днях",
        # years, in the languages whose year is Ukrainian's hour (`2 години тому`): no unit read here
        "Преди години": "преди 2 години", "Пре године": "пре 2 године", "Prije godine": "prije 2 godine",
    }
    dates, said = fetched_dates(tmp_path / "site", capsys, rss(written), "language: ru\ntimezone: Europe/Moscow\n")
    yesterday_1845 = "2026-11-21T15:45:00Z"
    two_hours = "2026-11-22T10:00:00Z"
    assert dates == {
        "Вчера в": yesterday_1845, "Вчера запятая": yesterday_1845, "Сегодня": "2026-11-22T07:15:00Z",
        "Сегодня позже": FIRST_FETCHED,  # (a time still to come: a wrong clock, as any date after the fetch)
        "Позавчера": "2026-11-20T06:05:00Z", "Вчера день": "2026-11-21",
        "Часа": two_hours, "Минут": "2026-11-22T11:55:00Z", "Час": "2026-11-22T11:00:00Z",
        "Минуту": "2026-11-22T11:39:00Z", "Дня": "2026-11-19", "Только что": FIRST_FETCHED,
        "Вчора": yesterday_1845, "Учора": yesterday_1845,
        "Години": two_hours, "Преди": two_hours, "Wczoraj": yesterday_1845,
        "Temu": two_hours, "Před": two_hours, "Včera": yesterday_1845, "Juče": yesterday_1845,
        "Ago": two_hours, "Yesterday": yesterday_1845, "Vor": two_hours, "Gestern": yesterday_1845,
        "Il y a": two_hours, "Hier": yesterday_1845, "Hace": two_hours, "Ayer": yesterday_1845,
        "Fa": two_hours, "Ieri": yesterday_1845, "Há": two_hours, "Geleden": two_hours,
        "Not a unit": FIRST_FETCHED, "Words": FIRST_FETCHED,
        "Преди години": FIRST_FETCHED, "Пре године": FIRST_FETCHED, "Prije godine": FIRST_FETCHED}, said


def test_a_relative_date_keeps_the_day_of_the_first_fetch(tmp_path, capsys):
    """A later fetch of the same entry (`вчера в 18:45` still in the feed the next day) keeps the date the first
    fetch read: the item does not move a day on with every fetch."""
    with FeedServer() as server:
        server.routes["/ru.xml"] = Route(rss({"Вчера": "вчера в 18:45", "Назад": "2 часа назад"}))
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/ru.xml')}\n",
                         settings="language: ru\ntimezone: Europe/Moscow\n")
        assert fetch_said(site, capsys)[0] == 0
        config = site / "config.yaml"
        config.write_text(config.read_text().replace("2026-11-22T12:00:00Z", "2026-11-23T12:00:00Z"))
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    assert {title: meta["publishedDateTime"] for title, meta in fetched(site).items()} == {
        "Вчера": "2026-11-21T15:45:00Z", "Назад": "2026-11-22T10:00:00Z"}, said


def test_chinese_japanese_and_korean_relative_dates_are_read_from_the_fetch(tmp_path, capsys):
    """Korean portals and news sites write `3시간 전`, `어제 오후 6:45`, `방금`; Japanese ones `3時間前`, `昨日 18:45`;
    Chinese ones `3小时前`, `昨天 18:45`, `刚刚`, with or without a space. Each was dated when fetched."""
    written = {
        "시간": "3시간 전", "시간붙여": "3시간전", "분": "5분 전", "일": "3일 전", "주": "1주 전", "초": "30초 전",
        "방금": "방금", "방금 전": "방금 전", "어제": "어제", "어제 시각": "어제 18:45", "어제 오후": "어제 오후 6:45",
        "오늘": "오늘 오전 10:15", "그저께": "그저께", "그제": "그제 오후 6시 45분",
        "時間前": "3時間前", "分前": "5分前", "日前": "3日前", "週間前": "1週間前", "たった今": "たった今",
        "昨日": "昨日 18:45", "一昨日": "一昨日", "今日": "今日 午前10時15分",
        "小时前": "3小时前", "小時前": "3 小時前", "分钟前": "5分钟前", "分鐘前": "5分鐘前", "天前": "3天前",
        "刚刚": "刚刚", "剛剛": "剛剛", "昨天": "昨天 18:45", "前天": "前天", "今天": "今天 上午10:15",
        # not relative dates: still dated when fetched
        "사과": "사과 3개 전", "前後": "3時間前後",
    }
    dates, said = fetched_dates(tmp_path / "site", capsys, rss(written), "language: ko\ntimezone: Asia/Seoul\n")
    # first fetched at 21:00 in Seoul (UTC+9) on 22 November
    three_hours, five_minutes, yesterday_1845 = "2026-11-22T09:00:00Z", "2026-11-22T11:55:00Z", "2026-11-21T09:45:00Z"
    today_1015, three_days = "2026-11-22T01:15:00Z", "2026-11-19"
    assert dates == {
        "시간": three_hours, "시간붙여": three_hours, "분": five_minutes, "일": three_days, "주": "2026-11-15",
        "초": "2026-11-22T11:59:30Z", "방금": FIRST_FETCHED, "방금 전": FIRST_FETCHED, "어제": "2026-11-21",
        "어제 시각": yesterday_1845, "어제 오후": yesterday_1845, "오늘": today_1015, "그저께": "2026-11-20",
        "그제": "2026-11-20T09:45:00Z",
        "時間前": three_hours, "分前": five_minutes, "日前": three_days, "週間前": "2026-11-15",
        "たった今": FIRST_FETCHED, "昨日": yesterday_1845, "一昨日": "2026-11-20", "今日": today_1015,
        "小时前": three_hours, "小時前": three_hours, "分钟前": five_minutes, "分鐘前": five_minutes,
        "天前": three_days, "刚刚": FIRST_FETCHED, "剛剛": FIRST_FETCHED, "昨天": yesterday_1845,
        "前天": "2026-11-20", "今天": today_1015,
        "사과": FIRST_FETCHED, "前後": FIRST_FETCHED}, said


# What each relative date below names, first fetched at 12:00 UTC on 22 November (Ago: two hours back; Yesterday:
# 18:45 the day before, in the site's zone; Day: the day before alone; Days: three days back)
_MEANT = {"Ago": "2026-11-22T10:00:00Z", "Two": "2026-11-22T10:00:00Z", "Minutes": "2026-11-22T11:55:00Z",
          "Day": "2026-11-21", "Before": "2026-11-20", "Days": "2026-11-19", "Week": "2026-11-15",
          "Now": FIRST_FETCHED}


@pytest.mark.parametrize("language, zone, written", [
    ("et", "Europe/Tallinn", {"Ago": "2 tundi tagasi", "Minutes": "5 minutit tagasi", "Yesterday": "eile kell 18:45",
                              "Day": "Eile", "Today": "täna 10:15", "Before": "üleeile", "Days": "3 päeva tagasi",
                              "Week": "1 nädal tagasi"}),
    ("sl", "Europe/Ljubljana", {"Ago": "pred 2 urama", "Minutes": "pred 5 minutami", "Yesterday": "včeraj ob 18:45",
                                "Day": "včeraj", "Today": "danes ob 10:15", "Before": "predvčerajšnjim",
                                "Days": "pred 3 dnevi", "Week": "pred 1 tednom"}),
    ("ca", "Europe/Madrid", {"Ago": "fa 2 hores", "Minutes": "fa 5 minuts", "Yesterday": "ahir a les 18:45",
                             "Day": "ahir", "Today": "avui, 10:15", "Before": "abans-d'ahir", "Days": "fa 3 dies",
                             "Week": "fa 1 setmana", "Now": "ara mateix"}),
    ("id", "Asia/Jakarta", {"Ago": "2 jam yang lalu", "Minutes": "5 menit yang lalu",
                            "Yesterday": "kemarin pukul 18:45", "Day": "Kemarin", "Today": "hari ini 10:15",
                            "Days": "3 hari yang lalu", "Week": "1 minggu yang lalu", "Now": "baru saja"}),
    ("ms", "Asia/Kuala_Lumpur", {"Ago": "2 jam lalu", "Minutes": "5 minit lalu", "Days": "3 hari lalu",
                                 "Today": "hari ini, 10:15", "Now": "baru sahaja"}),
    ("ar", "Asia/Riyadh", {"Ago": "منذ 2 ساعات", "Two": "منذ ساعتين", "Minutes": "منذ ٥ دقائق",
                           "Yesterday": "أمس الساعة 18:45", "Day": "أمس", "Today": "اليوم 10:15",
                           "Before": "أول أمس", "Days": "قبل 3 أيام", "Week": "منذ أسبوع", "Now": "الآن"}),
    ("he", "Asia/Jerusalem", {"Ago": "לפני 2 שעות", "Two": "לפני שעתיים", "Minutes": "לפני 5 דקות",
                              "Yesterday": "אתמול ב-18:45", "Day": "אתמול", "Today": "היום בשעה 10:15",
                              "Before": "שלשום", "Days": "לפני 3 ימים", "Week": "לפני שבוע", "Now": "הרגע"}),
    ("vi", "Asia/Ho_Chi_Minh", {"Ago": "2 giờ trước", "Minutes": "5 phút trước", "Yesterday": "hôm qua lúc 18:45",
                                "Day": "Hôm qua", "Today": "hôm nay 10:15", "Before": "hôm kia",
                                "Days": "3 ngày trước", "Week": "1 tuần trước", "Now": "vừa xong"}),
    ("th", "Asia/Bangkok", {"Ago": "2 ชั่วโมงที่แล้ว", "Two": "2 ชม. ที่แล้ว", "Minutes": "5 นาทีที่แล้ว",
                            "Yesterday": "เมื่อวานนี้ เวลา 18:45", "Day": "เมื่อวาน", "Today": "วันนี้ 10:15",
                            "Before": "เมื่อวานซืน", "Days": "3 วันที่ผ่านมา", "Week": "๑ สัปดาห์ที่แล้ว",
                            "Now": "เมื่อสักครู่"}),
])
def test_relative_dates_of_more_languages_are_read(tmp_path, capsys, language, zone, written):
    """Estonian, Slovenian, Catalan, Indonesian, Malay, Arabic (its dual: `منذ ساعتين`, two hours), Hebrew
    (`לפני שעתיים`), Vietnamese and Thai sites wrote `eile`, `pred 2 urama` or `3 ชั่วโมงที่แล้ว` as no date."""
    written = {**written, "Not a unit": "3 apples ago"}
    dates, said = fetched_dates(tmp_path / "site", capsys, rss(written), f"language: {language}\ntimezone: {zone}\n")
    meant = {**_MEANT, "Yesterday": local_as_utc(zone, 21, 18, 45), "Today": local_as_utc(zone, 22, 10, 15),
             "Not a unit": FIRST_FETCHED}
    assert dates == {title: meant[title] for title in written}, said
