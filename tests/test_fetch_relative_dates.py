"""Dates written relative to when the feed is read, as Russian and other sites write them (`вчера в 18:45`,
`сегодня, 10:15`, `2 часа назад`, `yesterday at 6:45 PM`, `vor 2 Stunden`): read from the fetch that first
saw the entry, in the site's zone, as a reader of the feed then took them; `вчера` or `3 дня назад` alone is that day,
with no time made up."""

from __future__ import annotations

from conftest import feed_site, fetch_said, fetched
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
    with FeedServer() as server:
        server.routes["/ru.xml"] = Route(rss(written))
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/ru.xml')}\n",
                         settings="language: ru\ntimezone: Europe/Moscow\n")
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    dates = {title: meta["publishedDateTime"] for title, meta in fetched(site).items()}
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
    with FeedServer() as server:
        server.routes["/ko.xml"] = Route(rss(written))
        site = feed_site(tmp_path / "site", f"  - url: {server.url('/ko.xml')}\n",
                         settings="language: ko\ntimezone: Asia/Seoul\n")
        code, said = fetch_said(site, capsys)
    assert code == 0, said
    dates = {title: meta["publishedDateTime"] for title, meta in fetched(site).items()}
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
