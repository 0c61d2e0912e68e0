"""Dates written relative to when a feed is read (`вчера в 18:45`, `сегодня, 10:15`, `2 часа назад`, `yesterday at 6:45
PM`, `vor 2 Stunden`, `3시간 전`, `昨日 18:45`), as Russian and many other news sites write them: a reader of the feed takes
them from the moment they read it, so fetch reads them from the fetch that first saw the entry (items.published_at), in
the site's zone. A day without a time (`вчера`, `3 дня назад`) is that day alone, with no time made up."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from generator.isotime import Day, clock_alone

# Today, yesterday and the day before, in the languages whose month names dates are read in and their neighbours
# (Russian, Ukrainian, Bulgarian, Serbian in both scripts, Croatian, Polish, Czech, Slovak, English, German,
# French, Spanish, Italian, Portuguese, Dutch), and in Korean, Japanese and Chinese, as _normal writes them
_DAYS = {
    0: "сегодня сьогодні днес данас danas dzisiaj dziś dnes today heute aujourd'hui hoy oggi hoje vandaag "
       "오늘 今日 今天",
    1: "вчера вчора јуче juče jučer wczoraj včera yesterday gestern hier ayer ieri ontem gisteren 어제 昨日 昨天",
    2: "позавчера позавчора прекјуче prekjuče prekjučer przedwczoraj předevčírem predvčerom vorgestern avant-hier "
       "anteayer anteontem eergisteren 그저께 그제 一昨日 おととい 前天",
}
_DAY_OF = {word: back for back, words in _DAYS.items() for word in words.split()}
_DAY_OF["l'altro ieri"] = 2
# What comes between the day and its time: `вчера в 18:45`, `вчора о 18:45`, `yesterday at`, `gestern um`, `hier à`...
_BETWEEN = "в во о об у u o v ve at um à a las a la alle às om kl."
_DAY_AND_TIME = re.compile(
    r"(%s)\s*,?(?:\s*(?:%s)(?=\s|\d))?\s*(.*)" % (
        "|".join(map(re.escape, sorted(_DAY_OF, key=len, reverse=True))),
        "|".join(map(re.escape, sorted(_BETWEEN.split() + ["a las", "a la"], key=len, reverse=True)))))

# A count of units before `назад`, `тому`, `ago`... or after `vor`, `il y a`, `hace`, `преди`...; no count is one
# (`час назад`, `an hour ago`)
_AGO = re.compile(r"(?:(?P<before>vor|il y a|hace|há|ha|před|pred|преди|пред|пре|prije|pre)\s+)?"
                  r"(?:(?P<count>[0-9]{1,4}|an?|one|une?|una?|uma|einer|einem)\s+)?(?P<unit>[^\W\d_]+)\.?"
                  r"(?:\s+(?P<after>назад|тому|temu|ago|fa|geleden))?")
# Units by the start of their word, in every form a count declines them to (`час`, `часа`, `часов`; `godziny`)
_UNITS = (
    (timedelta(seconds=1), "сек sec sek segund"),
    (timedelta(minutes=1), "мин хвил хв min"),
    (timedelta(hours=1), "час ч годин сат sat godz hodin hour hr h stund heure hora ora ore uur"),
    (timedelta(days=7), "недел тижн тижд седмиц tydz týd week woche semaine semana settiman"),
    (timedelta(days=1), "дн ден день дні дан dni dzie den dan day tag jour día dia giorn dag d"),
)
_SHORT = {"ч", "h", "d"}  # (a unit of one letter is that letter alone, not the start of another word)
# Ukrainian's hour, `2 години тому`, which is Bulgarian's and Serbian's year, written after their word for before
# (`преди 2 години`, `пре 2 године`): an hour only with a word for ago after it. (Latin `godin` is only a year.)
_HOUR_AFTER = {"годин"}
_JUST_NOW = {"только что", "щойно", "току-що", "upravo", "właśnie", "právě teď", "just now", "gerade eben",
             "à l'instant", "ahora mismo", "adesso", "agora mesmo", "zojuist", "방금", "방금 전", "たった今", "刚刚",
             "剛剛", "刚才", "剛才"}
# A count and its unit before Korean's `전`, Japanese's and Chinese's `前` ("before"), with or without spaces: `3시간
# 전`, `3時間前`, `3小时前`, `5分鐘前`
_CJK_AGO = re.compile(r"([0-9]{1,4})\s*(초|秒|秒钟|秒鐘|분|分|分钟|分鐘|시간|時間|小时|小時|个小时|個小時|일|日|天|주|주일|"
                      r"週|週間|周|星期)\s*(?:전|前|以前)")
_CJK_UNITS = {**dict.fromkeys("초 秒 秒钟 秒鐘".split(), timedelta(seconds=1)),
              **dict.fromkeys("분 分 分钟 分鐘".split(), timedelta(minutes=1)),
              **dict.fromkeys("시간 時間 小时 小時 个小时 個小時".split(), timedelta(hours=1)),
              **dict.fromkeys("일 日 天".split(), timedelta(days=1)),
              **dict.fromkeys("주 주일 週 週間 周 星期".split(), timedelta(days=7))}


@dataclass(frozen=True)
class Relative:
    """A date as its distance back from when it was read: `ago` (a time back: minutes or hours), else `days` back
    at `clock` (None: the day alone); in `zone`, the site's."""
    zone: tzinfo
    ago: timedelta | None = None
    days: int = 0
    clock: time | None = None

    def at(self, seen: datetime) -> datetime:
        """The moment it names when read at `seen` (UTC), or the start of its day (a Day) when it gives no time; a
        time still to come (`сегодня в 16:00` read at 15:00) is a wrong clock: `seen`, as any date after the fetch."""
        local = seen.astimezone(self.zone)
        if self.ago is not None:
            return seen - self.ago
        day = local.date() - timedelta(days=self.days)
        if self.clock is None:
            return _day(day, self.zone)
        moment = datetime.combine(day, self.clock, tzinfo=self.zone).astimezone(timezone.utc)
        return moment if moment <= seen else seen


def _day(day: date, zone: tzinfo) -> Day:
    return Day.of(datetime.combine(day, time(), tzinfo=zone))


def relative_date(text, zone: tzinfo) -> Relative | None:
    """The relative date `text` writes, in `zone`, else None (a date of another form, or none)."""
    if not isinstance(text, str):
        return None
    text = _normal(text)
    if text in _JUST_NOW:
        return Relative(zone, ago=timedelta())
    if found := _DAY_AND_TIME.fullmatch(text):
        clock = clock_alone(found[2]) if found[2] else None
        return Relative(zone, days=_DAY_OF[found[1]], clock=clock) if clock or not found[2] else None
    if cjk := _CJK_AGO.fullmatch(text):
        unit, count = _CJK_UNITS[cjk[2]], int(cjk[1])
    else:
        found = _AGO.fullmatch(text)
        if not found or bool(found["before"]) == bool(found["after"]):
            return None
        unit = next((size for size, starts in _UNITS for start in starts.split()
                     if (found["unit"] == start or (start not in _SHORT and found["unit"].startswith(start)))
                     and not (start in _HOUR_AFTER and found["before"])), None)
        if unit is None:
            return None
        count = int(found["count"]) if (found["count"] or "").isdigit() else 1
    if unit.days:  # (`3 дня назад`: that day, whose time it does not give)
        return Relative(zone, days=unit.days * count)
    return Relative(zone, ago=unit * count)


def _normal(text: str) -> str:
    """Lower case, `ё` as `е`, one space between words, a typographic apostrophe as ASCII's."""
    return " ".join(text.lower().replace("ё", "е").replace("’", "'").split())
