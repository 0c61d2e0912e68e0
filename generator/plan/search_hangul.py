"""Korean words in Latin letters, as a reader on a keyboard without Hangul types them: "seoul" for 서울, "busan" for 부산
(the Revised Romanization of Korean, 2000). Each Hangul syllable is its initial, medial and final jamo (Unicode's
arithmetic), each written as the tables say, with the two sound rules a reader's spelling follows most: a final before
a syllable that starts with no consonant (ㅇ) is read as its initial (한국어 "hangugeo", 닭이 "dalgi"), and ㄹ beside
ㄹ or ㄴ is "ll" (신라 "silla", 설날 "seollal"). Not made: the rules that change other consonants' sounds (종로 is
"jongro", not "jongno"; 좋다 "jotda", not "jota").

A Korean site's index lists each Hangul word of a text by its romanisation too, and by it without its particle
(KOREAN_PARTICLES: 서울시가 is "seoulsiga" and "seoulsi"), beside its syllables (search_tasks); search.js makes the
same words (`romanised`) to mark a story's Hangul word that a Latin query found.
"""

from __future__ import annotations

import re
import unicodedata

from generator.languages import KOREAN_PARTICLES, primary

_INITIALS = "g kk n d tt r m b pp s ss - j jj ch k t p h".split()
_MEDIALS = "a ae ya yae eo e yeo ye o wa wae oe yo u wo we wi yu eu ui i".split()
# a final at the end of a word or before a consonant; then before a syllable with no initial consonant (ㅇ), where it is
# read as that syllable's initial ("-": none; ㅇ stays "ng", and ㅎ is silent there)
_FINALS = "- k k k n n n t l k m l l l p l m p p t t ng t t k t p t".split()
_CARRIED = "- g kk ks n nj n d r lg lm lb ls lt lp r m b ps s ss ng j ch k t p -".split()
_I_NONE, _I_RIEUL, _I_NIEUN = 11, 5, 2  # initials: ㅇ (no consonant), ㄹ, ㄴ
_F_RIEUL, _F_NIEUN = 8, 4  # finals: ㄹ, ㄴ

HANGUL_RUN = re.compile("[\uac00-\ud7a3]+")
_PARTICLE_AT = {len(particle) for particle in KOREAN_PARTICLES}
_PARTICLES = frozenset(KOREAN_PARTICLES)


def romanises(language: str | None) -> bool:
    """Whether a site's index lists its Hangul words in Latin letters too: a Korean site's."""
    return primary(language or "") == "ko"


def romanised(run: str) -> str:
    """A run of Hangul syllables in Latin letters ("서울" -> "seoul")."""
    parts = []
    for char in run:
        initial, rest = divmod(ord(char) - 0xAC00, 588)
        parts.append((initial, *divmod(rest, 28)))
    out = []
    for at, (initial, medial, final) in enumerate(parts):
        after = parts[at + 1][0] if at + 1 < len(parts) else None
        before = parts[at - 1][2] if at else 0
        if before and initial == _I_NONE:
            pass  # (the final before it is its initial: written there)
        elif initial == _I_RIEUL and before in (_F_RIEUL, _F_NIEUN) or initial == _I_NIEUN and before == _F_RIEUL:
            out.append("l")
        elif initial != _I_NONE:
            out.append(_INITIALS[initial])
        out.append(_MEDIALS[medial])
        if not final:
            continue
        if after == _I_NONE:
            out.append(_CARRIED[final])
        elif final == _F_NIEUN and after == _I_RIEUL:
            out.append("l")
        else:
            out.append(_FINALS[final])
    return "".join(out).replace("-", "")


def romanised_words(text: str) -> list[str]:
    """The Latin words of a text's Hangul words: each run's romanisation, and its romanisation without the particle at
    its end when two syllables or more are left (search.js: meta.particle), in order; none of one letter."""
    found = []
    for run in HANGUL_RUN.findall(unicodedata.normalize("NFC", text)):
        found.append(romanised(run))
        for cut in range(2, len(run)):
            if len(run) - cut in _PARTICLE_AT and run[cut:] in _PARTICLES:
                found.append(romanised(run[:cut]))
                break
    return [word for word in found if len(word) > 1]
