"""Words of opposite meaning, by language: "rises" and "falls", "wins" and "loses" (stories, docs/dev/stories.md).

Two headlines that are the same words but for one of each side of a pair ("Stock X rises 3%", "Stock X falls 3%")
report two events, though every weight of words finds them alike; nothing in the text tells "falls" from "slips"
(one event, reworded) but what the words mean, so this is a list, kept small and by language. A language without
one here has no such rule: its sites cluster as before.

Besides the opposites, the words that name one of a recurring event's editions: the days of the week, the months,
the parts of a day ("How the Dow did Monday", "... Tuesday"), each against each; and a trading day's sessions
(`SESSIONS`): a report of the market before its close ("Stocks open lower", "Futures slip", "Stocks down at
midday") and one of its close ("Stocks end lower") are two events however they are worded.
"""
from __future__ import annotations

import re
from types import MappingProxyType

from generator.languages import primary

# Each pair: the words of one side, the words of the other, as they are written (lower case). A word may stand in
# several pairs ("beats" wins a match and beats a forecast).
_PAIRS = {
    "en": (
        ("up rise rises rose risen rising gain gains gained climb climbs climbed jump jumps jumped surge surges "
         "surged soar soars soared rally rallies rallied advance advances advanced higher increase increases "
         "increased raise raises raised hike hikes hiked upgrade upgrades upgraded",
         "down fall falls fell fallen falling drop drops dropped decline declines declined slip slips slipped "
         "slide slides slid sink sinks sank tumble tumbles tumbled plunge plunges plunged dip dips dipped lower "
         "lowers lowered decrease decreases decreased cut cuts slash slashes slashed downgrade downgrades "
         "downgraded"),
        ("win wins won beat beats defeat defeats defeated", "lose loses lost"),
        ("beat beats top tops", "miss misses missed"),
        ("approve approves approved pass passes passed accept accepts accepted",
         "reject rejects rejected block blocks blocked veto vetoes vetoed"),
        ("confirm confirms confirmed", "deny denies denied"),
        ("buy buys bought", "sell sells sold"),
        ("above", "below"),
        ("positive", "negative"),
        ("best", "worst"),
        ("high highs highest", "low lows lowest"),
    ),
    "de": (
        ("steigt steigen stieg gestiegen plus zulegen legt gewinnt gewinnen gewann gewonnen erhöht erhöhen erhöhte "
         "hebt anheben",
         "sinkt sinken sank gesunken fällt fallen fiel gefallen minus verliert verlieren verlor verloren senkt "
         "senken senkte"),
        ("siegt siegen siegte besiegt schlägt", "unterliegt unterliegen unterlag"),
        ("kauft kaufen kaufte gekauft", "verkauft verkaufen verkaufte"),
        ("billigt billigen billigte genehmigt genehmigen genehmigte", "lehnt ablehnen abgelehnt blockiert stoppt"),
        ("bestätigt bestätigen bestätigte", "dementiert dementieren bestreitet"),
        ("positiv", "negativ"),
        ("hoch höchststand", "tief tiefststand"),
    ),
    "fr": (
        ("hausse monte montent grimpe grimpent progresse progressent gagne gagnent bondit rebondit augmente "
         "augmentent relève",
         "baisse baissent chute chutent recule reculent perd perdent plonge plongent recul diminue diminuent "
         "abaisse"),
        ("bat battent victoire", "défaite"),
        ("achète achètent rachète", "vend vendent cède"),
        ("approuve approuvent adopte adoptent valide", "rejette rejettent bloque bloquent refuse refusent"),
        ("confirme confirment", "dément démentent"),
        ("positif positive", "négatif négative"),
        ("meilleur meilleure", "pire"),
    ),
    "es": (
        ("sube suben subió alza gana ganan ganó aumenta aumentan aumentó avanza avanzan avanzó repunta dispara "
         "eleva elevan",
         "baja bajan bajó cae caen cayó pierde pierden perdió retrocede retroceden retrocedió desploma reduce "
         "reducen recorta"),
        ("vence vencen venció derrota derrotan derrotó", "pierde pierden perdió"),
        ("compra compran compró", "vende venden vendió"),
        ("aprueba aprueban aprobó", "rechaza rechazan rechazó bloquea veta vetó"),
        ("confirma confirman confirmó", "niega niegan negó desmiente"),
        ("encima", "debajo"),
        ("positivo positiva", "negativo negativa"),
        ("mejor mejores", "peor peores"),
        ("alto máximo máximos", "bajo mínimo mínimos"),
    ),
    # (Italian's "sale", "rises", and Dutch's "slot", "close", are left out: English words, and a headline's words are
    # looked through in every language's lists for a trading day's side, `session`)
    # Russian, Ukrainian and Polish: verbs in the past tense by gender and number (выиграл, выиграла, выиграли,
    # выиграло), as headlines write them; `ё` and `е` both, as they are spelled both ways
    "ru": (
        ("вырос выросла выросли выросло растет растёт растут рост подорожал подорожала подорожали подорожало "
         "повысил повысила повысили повысился повысилась повысились повышение увеличил увеличила увеличили "
         "увеличился увеличилась увеличились подскочил подскочила подскочили подскочило укрепился укрепилась",
         "снизил снизила снизили снизился снизилась снизились снизилось снижение упал упала упали упало падает "
         "падают падение подешевел подешевела подешевели подешевело понизил понизила понизили сократил "
         "сократила сократили сократился сократилась сократились обвалился обвалилась обвалились рухнул рухнула "
         "рухнули ослаб ослабла ослабел ослабли"),
        ("выиграл выиграла выиграли выиграло победил победила победили обыграл обыграла обыграли разгромил "
         "разгромила разгромили победа", "проиграл проиграла проиграли проиграло уступил уступила уступили "
         "поражение"),
        ("купил купила купили купило покупает покупают", "продал продала продали продало продает продаёт продают"),
        ("одобрил одобрила одобрили утвердил утвердила утвердили поддержал поддержала поддержали",
         "отклонил отклонила отклонили отверг отвергла отвергли заблокировал заблокировала заблокировали"),
        ("подтвердил подтвердила подтвердили", "опроверг опровергла опровергли"),
        ("положительный положительная положительные", "отрицательный отрицательная отрицательные"),
        ("лучший лучшая лучшие", "худший худшая худшие"),
        ("максимум максимума", "минимум минимума"),
    ),
    "uk": (
        ("зріс зросла зросли зросло зростає зростають зростання подорожчав подорожчала подорожчали підвищив "
         "підвищила підвищили збільшив збільшила збільшили",
         "знизив знизила знизили знизився знизилася знизилися зниження впав впала впали впало падіння подешевшав "
         "подешевшала подешевшали скоротив скоротила скоротили"),
        ("виграв виграла виграли переміг перемогла перемогли перемога", "програв програла програли поразка"),
        ("купив купила купили", "продав продала продали"),
        ("схвалив схвалила схвалили ухвалив ухвалила ухвалили", "відхилив відхилила відхилили заблокував "
         "заблокувала заблокували"),
        ("підтвердив підтвердила підтвердили", "спростував спростувала спростували"),
    ),
    "pl": (
        ("wzrósł wzrosła wzrosły wzrosło rośnie rosną wzrost podrożał podrożała podrożały zdrożał zdrożała "
         "zdrożały podniósł podniosła podniosły zwiększył zwiększyła zwiększyły",
         "spadł spadła spadły spadło spada spadają spadek potaniał potaniała potaniały obniżył obniżyła obniżyły "
         "zmniejszył zmniejszyła zmniejszyły"),
        ("wygrał wygrała wygrały wygrali pokonał pokonała pokonały pokonali zwycięstwo",
         "przegrał przegrała przegrały przegrali porażka"),
        ("kupił kupiła kupiły kupili", "sprzedał sprzedała sprzedały sprzedali"),
        ("przyjął przyjęła przyjęli zatwierdził zatwierdziła zatwierdzili", "odrzucił odrzuciła odrzucili "
         "zablokował zablokowała zablokowali"),
        ("potwierdził potwierdziła potwierdzili", "zaprzeczył zaprzeczyła zaprzeczyli zdementował"),
    ),
    "it": (
        ("salgono salito rialzo rialza cresce crescono cresciuto aumenta aumentano aumentato guadagna guadagnano "
         "balza balzano vola volano rimbalza",
         "scende scendono sceso ribasso cala calano calato crolla crollano perde perdono perso diminuisce "
         "diminuiscono diminuito taglia tagliano"),
        ("vince vincono vinto batte battono sconfigge", "perde perdono perso"),
        ("compra comprano acquista acquistano", "vende vendono cede cedono"),
        ("approva approvano approvato", "respinge respingono respinto boccia bocciano bocciato blocca bloccano"),
        ("conferma confermano confermato", "smentisce smentiscono smentito nega negano"),
        ("positivo positiva", "negativo negativa"),
        ("migliore migliori", "peggiore peggiori"),
        ("massimo massimi", "minimo minimi"),
    ),
    "pt": (
        ("sobe sobem subiu alta avança avançam avançou ganha ganham ganhou cresce crescem cresceu aumenta aumentam "
         "aumentou dispara disparam disparou",
         "cai caem caiu queda baixa recua recuam recuou perde perdem perdeu diminui diminuem diminuiu despenca "
         "despencam despencou corta cortam cortou"),
        ("vence vencem venceu derrota derrotam derrotou", "perde perdem perdeu"),
        ("compra compram comprou", "vende vendem vendeu"),
        ("aprova aprovam aprovou", "rejeita rejeitam rejeitou bloqueia bloqueiam bloqueou veta vetou"),
        ("confirma confirmam confirmou", "nega negam negou desmente desmentiu"),
        ("positivo positiva", "negativo negativa"),
        ("melhor melhores", "pior piores"),
        ("máxima máximo máximas máximos", "mínima mínimo mínimas mínimos"),
    ),
    "nl": (
        ("stijgt stijgen steeg stegen gestegen hoger omhoog wint winnen gewonnen klimt klimmen klom",
         "daalt dalen daalde gedaald lager omlaag zakt zakken zakte gezakt verliest verliezen verloor verloren "
         "keldert kelderen"),
        ("wint winnen gewonnen verslaat verslaan versloeg", "verliest verliezen verloor verloren"),
        ("koopt kopen kocht gekocht", "verkoopt verkopen verkocht"),
        ("goedgekeurd aangenomen", "afgewezen verworpen verwerpt blokkeert"),
        ("bevestigt bevestigen bevestigde", "ontkent ontkennen ontkende"),
        ("positief positieve", "negatief negatieve"),
        ("beste", "slechtste"),
        ("hoogste", "laagste"),
    ),
    # Korean, Japanese and Chinese (simplified and traditional): nouns of two characters or more, found inside the
    # words headlines write (`상승세`, `하락했다`; `株が上昇`, Japanese and Chinese write no spaces: `within`). None
    # that is part of another word of other meaning: not 인하 (인하대, a university), nor 최고 (최고경영자, CEO).
    "ko": (
        ("상승 증가 급등 반등 호조 흑자 확대", "하락 감소 급락 반락 부진 적자 축소"),
        ("승리", "패배"),
        ("매수", "매도"),
        ("가결 승인", "부결 거부"),
        ("호재", "악재"),
    ),
    "ja": (
        ("上昇 値上げ 増加 増益 急騰 反発 続伸 上方修正 黒字", "下落 値下げ 減少 減益 急落 反落 続落 下方修正 赤字"),
        ("勝利", "敗北"),
        ("可決", "否決"),
        ("最高値", "最安値"),
    ),
    "zh": (
        ("上涨 上漲 增长 增長 增加 大涨 大漲 涨停 漲停 走高 盈利", "下跌 下降 减少 減少 大跌 跌停 走低 亏损 虧損"),
        ("获胜 獲勝", "落败 落敗"),
        ("通过 通過", "否决 否決"),
    ),
}
# (Japanese's kanji words are Chinese's too, and read so: a `zh` site's `上昇` and `下落` are opposites as well)

# A trading day's sessions: its reports before the close (the open, the futures before it, midday) and those of
# the close. Beside the pairs above, where headlines are the same words but for them, they keep apart whole
# stories whose reports take one side each (stories.py `_Group.sessions`): the market at the open and at the close
# are two events even reworded ("Futures edge lower after record high", "Stocks end slightly lower on China
# worries"); a headline with words of both sides ("Wall St opens lower after record close") takes neither.
_SESSIONS = {
    "en": ("open opens opened opening premarket futures midday morning afternoon",
           "close closes closed closing end ends ended finish finishes finished evening"),
    "de": ("eröffnung eröffnet vorbörslich mittag mittags", "schluss schließt schloss handelsschluss"),
    "fr": ("ouverture ouvre ouvert", "clôture clôt termine terminent finit finissent"),
    "es": ("apertura abre abren abrió", "cierre cierra cierran cerró termina terminan terminó"),
    "it": ("apertura apre aprono avvio", "chiusura chiude chiudono chiuso"),
    "pt": ("abertura abre abrem abriu", "fechamento fecha fecham fechou encerra encerram encerrou"),
    "nl": ("opening opent openen opende", "sluit sluiten sloot slotkoers"),
}

# The words that name a market as a whole: a headline with one and a market's direction but no session's word beside
# it is the day's wrap ("Stocks slip on China data", "Wall Street mixed as oil eases"; `session`).
_MARKETS = {
    "en": "stocks equities dow nasdaq ftse dax nikkei sensex markets",  # (and "Wall Street": `_names_market`)
    "de": "aktien börse börsen dax märkte",
    "fr": "bourse bourses cac marchés",
    "es": "bolsa bolsas ibex mercados",
    "it": "borsa borse piazza mercati",
    "pt": "bolsa bolsas ibovespa mercados",
    "nl": "beurs beurzen aex markten",
}

# The names of a recurring event's editions, each against each (a daily round-up's day, a monthly one's month, a
# day's parts): "may" and "march" are left out of English's months, words of their own in most headlines.
_EDITIONS = {
    "en": ("monday tuesday wednesday thursday friday saturday sunday",
           "january february april june july august september october november december",
           "morning afternoon evening"),
    "de": ("montag dienstag mittwoch donnerstag freitag samstag sonntag",
           "januar februar märz april juni juli august september oktober november dezember",
           "morgen vormittag nachmittag abend"),
    "fr": ("lundi mardi mercredi jeudi vendredi samedi dimanche",
           "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
           "matin soir"),
    "es": ("lunes martes miércoles jueves viernes sábado domingo",
           "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre diciembre",
           "mañana tarde noche"),
    "it": ("lunedì martedì mercoledì giovedì venerdì sabato domenica",
           "gennaio febbraio marzo aprile maggio giugno luglio agosto settembre ottobre novembre dicembre",
           "mattina pomeriggio sera"),
    "pt": ("segunda terça quarta quinta sexta sábado domingo",
           "janeiro fevereiro março abril maio junho julho agosto setembro outubro novembro dezembro",
           "manhã tarde noite"),
    "nl": ("maandag dinsdag woensdag donderdag vrijdag zaterdag zondag",
           "januari februari maart april mei juni juli augustus september oktober november december",
           "ochtend middag avond"),
}

# The pairs whose sides are two parties' parts in one event ("A beat B", "B lost to A"; "A buys B", "B sells to A"):
# the same words in another order are that event told from each side, not two events.
_CONVERSE = {
    "en": "win wins won beat beats defeat defeats defeated lose loses lost buy buys bought sell sells sold",
    "de": "siegt siegen siegte besiegt schlägt unterliegt unterliegen unterlag kauft kaufen kaufte gekauft verkauft "
          "verkaufen verkaufte",
    "fr": "bat battent victoire défaite achète achètent rachète vend vendent cède",
    "es": "vence vencen venció derrota derrotan derrotó compra compran compró vende venden vendió",
    "it": "vince vincono vinto batte battono sconfigge perde perdono perso compra comprano acquista acquistano vende "
          "vendono cede cedono",
    "pt": "vence vencem venceu derrota derrotam derrotou perde perdem perdeu compra compram comprou vende vendem "
          "vendeu",
    "nl": "wint winnen gewonnen verslaat verslaan versloeg verliest verliezen verloor verloren koopt kopen kocht "
          "gekocht verkoopt verkopen verkocht",
    "ru": "выиграл выиграла выиграли выиграло победил победила победили обыграл обыграла обыграли разгромил "
          "разгромила разгромили проиграл проиграла проиграли проиграло уступил уступила уступили купил купила "
          "купили купило покупает покупают продал продала продали продало продает продаёт продают",
    "uk": "виграв виграла виграли переміг перемогла перемогли програв програла програли купив купила купили продав "
          "продала продали",
    "pl": "wygrał wygrała wygrały wygrali pokonał pokonała pokonały pokonali przegrał przegrała przegrały przegrali "
          "kupił kupiła kupiły kupili sprzedał sprzedała sprzedały sprzedali",
}


def _sides(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _pairs(language: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    editions = tuple((_sides(one), _sides(other)) for names in _EDITIONS.get(language, ())
                     for at, one in enumerate(names.split()) for other in names.split()[at + 1:])
    session = tuple(map(_sides, _SESSIONS[language])) if language in _SESSIONS else ()
    return tuple((_sides(one), _sides(other)) for one, other in _PAIRS[language]) + (session,) * bool(session) \
        + editions


OPPOSITES = MappingProxyType({language: _pairs(language) for language in _PAIRS})
SESSIONS = MappingProxyType({language: tuple(map(_sides, sides)) for language, sides in _SESSIONS.items()})
_SESSION_SIDE = {word: side for sides in SESSIONS.values() for side, words in enumerate(sides, 1) for word in words}
# A market's direction: the words of each language's first pair (rises, falls) and those of no change
_DIRECTIONS = frozenset(word for pairs in _PAIRS.values() for side in pairs[0] for word in side.split()) | frozenset(
    "mixed flat steady unchanged gemischt uneinheitlich stabil mitigé stable estable mixto misto invariato stabile "
    "estável gemengd stabiel onveranderd".split())
_MARKET = frozenset(word for words in _MARKETS.values() for word in words.split())
_PHRASAL = frozenset("up down".split())  # right beside a session's word: "end up", "open up", "up close"
# every language's words: what an item's headline is looked through for, whatever the site's language
WORDS = frozenset(word for pairs in OPPOSITES.values() for pair in pairs for side in pair for word in side)
CONVERSE = frozenset(word for words in _CONVERSE.values() for word in words.split())


# The words of the lists written in Chinese, Japanese or Korean letters, found inside a headline's words (`within`)
_LETTERS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af]")
_WITHIN = re.compile("|".join(sorted((word for word in WORDS if _LETTERS.search(word)), key=len, reverse=True)))


def within(title: str) -> set[str]:
    """The words of the lists in Chinese, Japanese or Korean letters inside a headline (`삼성전자 실적 상승세`:
    상승), where its words as written (`tokens`) do not stand alone."""
    return set() if title.isascii() else set(_WITHIN.findall(title))


def blanked(title: str) -> str:
    """A headline without those words: what is left to compare of two headlines that differ by one."""
    return _WITHIN.sub(" ", title)


def pairs_of(language: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """The pairs of a site's language (`en`, `en-GB`: English's); none for a language without a list, or ''."""
    return OPPOSITES.get(primary(language), ())


def has_sessions(language: str) -> bool:
    """Whether a site's language has a trading day's sides (`session`), whose stories keep apart."""
    return primary(language) in SESSIONS


def session(tokens: list[str]) -> int:
    """Which side of a trading day a headline (its words as written, in order) reports, in any language's words:
    1 before the close ("Futures edge lower", "Stocks open higher", "Stocks down at midday"), 2 the close ("Stocks
    end slightly lower", "Wall St closes lower"), 0 neither or both. A session's word counts only beside a market's
    direction (`_DIRECTIONS`, at most two words away), not in a phrase with "up" or "down" ("end up", "open up",
    "up close", "close down"):
    "the soap opera comes to an end", "Google to open Android to wearables", "after S&P's record close" take none.
    A market's wrap (a word of a market as a whole, `_MARKETS`, and a direction) without a session's word beside
    the direction takes the side of the session's words it has ("Morning market report: stocks higher"), or with
    none the close: the day's move ("Stocks slip on China data", "Wall Street mixed as oil eases"), one day's
    closing story, not the open's nor the next day's."""
    found = anywhere = 0
    for at, token in enumerate(tokens):
        side = _SESSION_SIDE.get(token)
        if side is None or found & side:
            continue
        anywhere |= side
        start = max(0, at - 2)
        near = [word for n, word in enumerate(tokens[start:at + 3], start) if abs(n - at) > 1 or word not in _PHRASAL]
        if not _DIRECTIONS.isdisjoint(near):
            found |= side
    if not found and _names_market(tokens) and not _DIRECTIONS.isdisjoint(tokens):
        found = anywhere or 2
    return found if found < 3 else 0


def _names_market(tokens: list[str]) -> bool:
    """Whether a headline names a market as a whole (`_MARKETS`, or "Wall Street": not a wall)."""
    return not _MARKET.isdisjoint(tokens) or any(
        word == "wall" and following in ("street", "st") for word, following in zip(tokens, tokens[1:]))


def opposed(pairs, one: frozenset[str] | tuple[str, ...], other: frozenset[str] | tuple[str, ...]) -> bool:
    """Whether two headlines' words of `pairs` (`WORDS` they have) take opposite sides of a pair: one has a word
    of a side and none of the other, the other headline the reverse."""
    for first, second in pairs:
        a, b = not first.isdisjoint(one), not second.isdisjoint(one)
        if a == b:
            continue
        c, d = not first.isdisjoint(other), not second.isdisjoint(other)
        if c != d and a != c:
            return True
    return False
