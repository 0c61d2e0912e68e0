"""How readers of a site in Cyrillic or Greek spell its words in Latin letters ("moskva" for Москва, "athina" for
Αθήνα), which they type on a keyboard without the site's script: each letter of the script, as search folds it (й is и,
ё is е, ς is σ, accents dropped), or two letters readers write as one (Greek's μπ "b", ει "i"), -> the Latin letters
readers write for it, the commonest first (the ISO 9, BGN/PCGN, passport and everyday ways: я is "ya", "ja" or "ia").
meta.json's "latin" carries the site language's table (one source: the search page reads it there); search.js reads a
Latin word that matches nothing as the site's words it spells, and says "Did you mean москва?" (docs/search.md).
Serbian needs none: its stemmer writes Cyrillic in Latin letters.
"""

from __future__ import annotations

from generator.languages import primary

# letter -> its spellings, "|" between letters; "-" is none at all (the hard and soft signs are often left out). Greek's
# digraphs are entries of two letters (μπ read as "b", ει as "i": ELOT 743 and how readers write them), its final ς is
# σ (search folds it so), and Greeklish writes a letter by its shape too ("8" θ, "3" ξ, "h" η, "w" ω)
_TABLES = {
    "ru": "а a|б b|в v w|г g|д d|е e ye je|ж zh j|з z|и i y j|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u|ф f|"
          "х kh h x|ц ts c tz|ч ch|ш sh|щ shch sch sh|ъ - y|ы y i|ь - '|э e|ю yu ju iu|я ya ja ia",
    "uk": "а a|б b|в v w|г h g|ґ g|д d|е e|є ye ie je|ж zh j|з z|и y i|і i|к k|л l|м m|н n|о o|п p|р r|с s|т t|"
          "у u|ф f|х kh h x|ц ts c tz|ч ch|ш sh|щ shch sch|ь - '|ю yu ju iu|я ya ja ia",
    "be": "а a|б b|в v w|г h g|д d|е e ye je|ж zh j|з z|і i|и i y j|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u|"
          "ф f|х kh h x|ц ts c|ч ch|ш sh|ы y i|ь - '|э e|ю yu ju iu|я ya ja ia",
    "bg": "а a|б b|в v w|г g|д d|е e|ж zh j|з z|и i y|к k|л l|м m|н n|о o|п p|р r|с s|т t|у u|ф f|х h kh x|"
          "ц ts c|ч ch|ш sh|щ sht|ъ a u y|ь y -|ю yu ju iu|я ya ja ia",
    "mk": "а a|б b|в v w|г g|д d|е e|ж zh j|з z|ѕ dz|и i|ј j y|к k|л l|љ lj l|м m|н n|њ nj n|о o|п p|р r|"
          "с s|т t|у u|ф f|х h kh|ц c ts|ч ch c|џ dz dj|ш sh s",
    "el": "α a|β v b|γ g gh y|δ d dh|ε e|ζ z|η i e h|θ th 8|ι i|κ k c|λ l|μ m|ν n|ξ x ks 3|ο o|π p|ρ r|σ s|τ t|"
          "υ y i u v f|φ f ph|χ ch h kh x|ψ ps|ω o w|"
          "μπ b|ντ d|γκ g ng|γγ ng|τζ j|ου u|αι e|ει i|οι i|υι i",
}


def latin_letters(language: str | None) -> dict[str, list[str]]:
    """The site's script's letters -> the Latin spellings of each (`_TABLES`), for a language written in Cyrillic or
    Greek; none for any other."""
    table = _TABLES.get(primary(language or ""))
    if not table:
        return {}
    letters = {}
    for entry in table.split("|"):
        letter, *spellings = entry.split()
        letters[letter] = list(dict.fromkeys("" if spelling == "-" else spelling for spelling in spellings))
    return letters
