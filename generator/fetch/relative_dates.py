"""Dates written relative to when a feed is read (`вчера в 18:45`, `сегодня, 10:15`, `2 часа назад`, `yesterday at 6:45
PM`, `vor 2 Stunden`, `3시간 전`, `昨日 18:45`), as Russian and many other news sites write them: a reader of the feed takes
them from the moment they read it, so fetch reads them from the fetch that first saw the entry (items.published_at), in
the site's zone. A day without a time (`вчера`, `3 дня назад`) is that day alone, with no time made up."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo

from generator.isotime import Day, clock_alone, in_ascii_digits

# Today, yesterday and the day before, in the languages whose month names dates are read in and their neighbours
# (Russian, Ukrainian, Bulgarian, Serbian in both scripts, Croatian, Polish, Czech, Slovak, English, German,
# French, Spanish, Italian, Portuguese, Dutch, Turkish, Azerbaijani, Lithuanian, Latvian, Romanian, Greek, Finnish,
# Swedish, Danish, Norwegian, Hungarian, Estonian, Slovenian, Catalan, Indonesian, Malay, Arabic, Hebrew, Vietnamese),
# and in Thai, Korean, Japanese and Chinese, as _normal writes them
_DAYS = {
    0: "сегодня сьогодні днес данас danas dzisiaj dziś dnes today heute aujourd'hui hoy oggi hoje vandaag bugün "
       "šiandien šodien astăzi azi σήμερα tänään idag ma täna danes avui اليوم היום วันนี้ 오늘 今日 今天",
    1: "вчера вчора учора јуче juče jučer wczoraj včera yesterday gestern hier ayer ieri ontem gisteren dün dünən "
       "vakar χθες χτες eilen igår tegnap eile včeraj ahir kemarin أمس امس البارحة אתמול เมื่อวาน เมื่อวานนี้ "
       "어제 昨日 昨天",
    2: "позавчера позавчора прекјуче prekjuče prekjučer przedwczoraj předevčírem predvčerom vorgestern avant-hier "
       "anteayer anteontem eergisteren srağagün sırağagün užvakar aizvakar alaltăieri προχθές προχτές "
       "toissapäivänä üleeile predvčerajšnjim abans-d'ahir שלשום เมื่อวานซืน 그저께 그제 一昨日 おととい 前天",
}
_DAY_OF = {word: back for back, words in _DAYS.items() for word in words.split()}
_DAY_OF.update({"bu gün": 0, "i dag": 0, "i går": 1, "i förrgår": 2, "i forgårs": 2, "i forigårs": 2,
                "tegnapelőtt": 2, "l'altro ieri": 2, "evvelsi gün": 2, "önceki gün": 2, "dünden önceki gün": 2,
                "hari ini": 0, "hôm nay": 0, "hôm qua": 1, "hôm kia": 2, "abans d'ahir": 2, "kemarin lusa": 2,
                "أول أمس": 2, "اول امس": 2, "أول من أمس": 2, "اول من امس": 2})
# What comes between the day and its time: `вчера в 18:45`, `вчора о 18:45`, `yesterday at`, `gestern um`, `hier à`...
_BETWEEN = "в во о об у u o v ve at um à alle às om kl. saat klo plkst. στις kell ob pukul lúc الساعة בשעה ב- เวลา"
_DAY_AND_TIME = re.compile(
    r"(%s)\s*,?(?:\s*(?:%s)(?=\s|\d))?\s*(.*)" % (
        "|".join(map(re.escape, sorted(_DAY_OF, key=len, reverse=True))),
        "|".join(map(re.escape, sorted(_BETWEEN.split() + ["a las", "a la", "a les"], key=len, reverse=True)))))

# A count of units before `назад`, `тому`, `ago`... or after `vor`, `il y a`, `hace`, `преди`...; no count is one
# (`час назад`, `an hour ago`; Arabic's and Hebrew's dual, `منذ ساعتين`: _DUAL)
_AGO = re.compile(r"(?:(?P<before>vor|il y a|hace|há|ha|před|pred|преди|пред|пре|prije|pre|prieš|pirms|acum|"
                  r"πριν από|πριν|fa|منذ|قبل|לפני)\s+)?"
                  r"(?:(?P<count>[0-9]{1,4}|an?|one|une?|una?|uma|einer|einem)\s+)?(?P<unit>[^\W\d_]+)\.?"
                  r"(?:\s+(?P<after>назад|тому|temu|ago|fa|geleden|önce|əvvəl|sitten|sedan|siden|tagasi|yang lalu|lalu|"
                  r"trước))?")
# Units by the start of their word, in every form a count declines them to (`час`, `часа`, `часов`; `godziny`)
_UNITS = (
    (timedelta(seconds=1), "сек sec sek segund segon saniy δευτερ detik giây ثاني ثوان שנייה שניות שניה"),
    (timedelta(minutes=1), "мин хвил хв min menit phút dakika dəqiqə λεπτ دقيق دقائق دقايق דק"),
    (timedelta(hours=1), "час ч годин сат sat godz hodin hour hr h stund heure hora hore ora ore uur ur saat valand "
                         "oră ώρ tunti tunni tund tim jam giờ ساع שע"),
    (timedelta(days=7), "недел тижн тижд седмиц tydz týd week woche semaine semana setman settiman hafta həftə savait "
                        "nedēļ săptămân εβδομ viik veck uge uke nädal tedn minggu tuần أسبوع اسبوع أسابيع اسابيع שבוע"),
    (timedelta(days=1), "дн ден день дні дан dni dnev dzie den dan day tag jour día dia dies giorn dag d gün dien zi "
                        "ημέρ μέρ päiv päev hari ngày يوم أيام ايام יום ימים"),
)
_SHORT = {"ч", "h", "d"}  # (a unit of one letter is that letter alone, not the start of another word)
# Ukrainian's hour, `2 години тому`, which is Bulgarian's and Serbian's year, written after their word for before
# (`преди 2 години`, `пре 2 године`): an hour only with a word for ago after it. (Latin `godin` is only a year.)
_HOUR_AFTER = {"годин"}
# Swedish, Danish and Norwegian say a time back with a word before the count and one after it (`för 2 timmar
# sedan`, `for 2 timer siden`): the one before goes, as _AGO reads one of the two
# Arabic's and Hebrew's dual, a word for two units (`منذ ساعتين`, `לפני שעתיים`: two hours ago)
_DUAL = {**dict.fromkeys("دقيقتين دقيقتان".split(), timedelta(minutes=1)),
         **dict.fromkeys("ساعتين ساعتان שעתיים".split(), timedelta(hours=1)),
         **dict.fromkeys("يومين يومان יומיים".split(), timedelta(days=1)),
         **dict.fromkeys("أسبوعين اسبوعين أسبوعان שבועיים".split(), timedelta(days=7))}
_SCANDINAVIAN_FOR = re.compile(r"^f(?:ö|o)r\s+(?=.*\s(?:sedan|siden)$)")
# Hungarian says "ago" in the unit's own ending (`2 órája`, `5 perce`, `3 napja`): the unit, by its whole word
_HUNGARIAN = {"másodperce": timedelta(seconds=1), "perce": timedelta(minutes=1), "órája": timedelta(hours=1),
              "napja": timedelta(days=1), "hete": timedelta(days=7)}
_SUFFIXED_AGO = re.compile(r"([0-9]{1,4})\s+(%s)" % "|".join(_HUNGARIAN))
_DOTTED_CLOCK = re.compile(r"^([0-9]{1,2})\.([0-9]{2})\b")
_JUST_NOW = {"только что", "щойно", "току-що", "upravo", "właśnie", "právě teď", "just now", "gerade eben",
             "à l'instant", "ahora mismo", "adesso", "agora mesmo", "zojuist", "az önce", "şimdi", "az əvvəl",
             "indicə", "just nüüd", "hetk tagasi", "pravkar", "ara mateix", "baru saja", "baru sahaja", "الآن", "الان",
             "منذ لحظات", "قبل قليل", "הרגע", "ממש עכשיו", "vừa xong", "vừa mới", "เมื่อสักครู่", "เมื่อกี้",
             "방금", "방금 전", "たった今", "刚刚", "剛剛", "刚才", "剛才"}
# A count and its unit before Korean's `전`, Japanese's and Chinese's `前` ("before"), or Thai's `ที่แล้ว` ("that
# passed"), with or without spaces, as these languages write no space between words: `3시간 전`, `3時間前`,
# `3小时前`, `5分鐘前`, `3 ชั่วโมงที่แล้ว`, `3 ชม. ที่แล้ว`, `3 วันที่ผ่านมา`
_CJK_AGO = re.compile(r"([0-9]{1,4})\s*(초|秒|秒钟|秒鐘|분|分|分钟|分鐘|시간|時間|小时|小時|个小时|個小時|일|日|天|주|주일|"
                      r"週|週間|周|星期|วินาที|นาที|ชั่วโมง|ชม\.|วัน|สัปดาห์|อาทิตย์)\s*"
                      r"(?:전|前|以前|ที่แล้ว|ที่ผ่านมา)")
_CJK_UNITS = {**dict.fromkeys("초 秒 秒钟 秒鐘 วินาที".split(), timedelta(seconds=1)),
              **dict.fromkeys("분 分 分钟 分鐘 นาที".split(), timedelta(minutes=1)),
              **dict.fromkeys("시간 時間 小时 小時 个小时 個小時 ชั่วโมง ชม.".split(), timedelta(hours=1)),
              **dict.fromkeys("일 日 天 วัน".split(), timedelta(days=1)),
              **dict.fromkeys("주 주일 週 週間 周 星期 สัปดาห์ อาทิตย์".split(), timedelta(days=7))}


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
        # (after a day's word a time may be written with a dot, as Finnish, Danish and Norwegian do: `eilen klo 18.45`)
        clock = clock_alone(_DOTTED_CLOCK.sub(r"\1:\2", found[2])) if found[2] else None
        return Relative(zone, days=_DAY_OF[found[1]], clock=clock) if clock or not found[2] else None
    if suffixed := _SUFFIXED_AGO.fullmatch(text):
        unit, count = _HUNGARIAN[suffixed[2]], int(suffixed[1])
        return Relative(zone, days=unit.days * count) if unit.days else Relative(zone, ago=unit * count)
    if cjk := _CJK_AGO.fullmatch(text):
        unit, count = _CJK_UNITS[cjk[2]], int(cjk[1])
    else:
        found = _AGO.fullmatch(_SCANDINAVIAN_FOR.sub("", text))
        if not found or bool(found["before"]) == bool(found["after"]):
            return None
        unit = _DUAL.get(found["unit"]) if not found["count"] else None
        # (the longest start the word has: Indonesian's week, `minggu`, is no minute)
        starts = [(len(start), size) for size, words in _UNITS for start in words.split()
                  if (found["unit"] == start or (start not in _SHORT and found["unit"].startswith(start)))
                  and not (start in _HOUR_AFTER and found["before"])]
        unit = unit or (max(starts, key=lambda start: start[0])[1] if starts else None)
        if unit is None:
            return None
        count = int(found["count"]) if (found["count"] or "").isdigit() else 2 if found["unit"] in _DUAL else 1
    if unit.days:  # (`3 дня назад`: that day, whose time it does not give)
        return Relative(zone, days=unit.days * count)
    return Relative(zone, ago=unit * count)


def _normal(text: str) -> str:
    """Lower case (a capital dotted İ as i, not i and a combining dot: Turkish `DÜN`, `EVVELSİ GÜN`), `ё` as `е`, one
    space between words, a typographic apostrophe as ASCII's, ASCII's digits (`منذ ٥ دقائق`, `๑ สัปดาห์ที่แล้ว`), and
    letters and their accents as one character each (Vietnamese `hôm qua` is often written with combining ones)."""
    text = unicodedata.normalize("NFC", in_ascii_digits(text))
    return " ".join(text.lower().replace("i\u0307", "i").replace("ё", "е").replace("’", "'").split())
