"""Words of opposite meaning, by language: "rises" and "falls", "wins" and "loses" (stories, docs/dev/stories.md).

Two headlines that are the same words but for one of each side of a pair ("Stock X rises 3%", "Stock X falls 3%")
report two events, though every weight of words finds them alike; nothing in the text tells "falls" from "slips"
(one event, reworded) but what the words mean, so this is a list, kept small and by language. A language without
one here (every one but English, for now) has no such rule: its sites cluster as before.
"""

from __future__ import annotations

from types import MappingProxyType

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
}

# The pairs whose sides are two parties' parts in one event ("A beat B", "B lost to A"; "A buys B", "B sells to A"):
# the same words in another order are that event told from each side, not two events.
_CONVERSE = {
    "en": "win wins won beat beats defeat defeats defeated lose loses lost buy buys bought sell sells sold",
}

OPPOSITES = MappingProxyType({language: tuple((frozenset(one.split()), frozenset(other.split()))
                                              for one, other in pairs) for language, pairs in _PAIRS.items()})
# every language's words: what an item's headline is looked through for, whatever the site's language
WORDS = frozenset(word for pairs in OPPOSITES.values() for pair in pairs for side in pair for word in side)
CONVERSE = frozenset(word for words in _CONVERSE.values() for word in words.split())


def pairs_of(language: str) -> tuple[tuple[frozenset[str], frozenset[str]], ...]:
    """The pairs of a site's language (`en`, `en-GB`: English's); none for a language without a list, or ''."""
    return OPPOSITES.get(language.split("-")[0].lower(), ())


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
