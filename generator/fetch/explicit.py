"""What a podcast feed says of its episodes being explicit (Apple's itunes:explicit), which feedparser does not
keep as written: it reads `yes` as explicit and `clean` as not, and Apple's own `true` and `false` as nothing.
So the bytes feedparser read are read once more, by expat, for this element alone, as picture_words does for
pictures' words: the channel's value, and each entry's, in the order feedparser gives the entries.
"""

from __future__ import annotations

from generator.fetch.picture_words import read_again

ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
_SAYS = {"true": True, "yes": True, "explicit": True, "false": False, "no": False, "clean": False}
_ENTRIES = frozenset({"item", "entry"})


def explicit_marks(body: bytes) -> tuple[bool | None, list[bool | None]]:
    """(the channel's value, each entry's own), True for explicit, False for not, None when it says neither. A
    feed that is not well-formed gives what came before the error (feedparser reads on: the entries after it are
    None, and take the channel's value)."""
    if ITUNES.encode() not in body or b"explicit" not in body:
        return None, []
    reader = _Reader()
    read_again(body, reader)
    return reader.channel, reader.entries


class _Reader:
    def __init__(self) -> None:
        self.channel: bool | None = None
        self.entries: list[bool | None] = []
        self.inside = False  # within an entry
        self.words: list[str] | None = None  # an itunes:explicit's text, while in one

    def start(self, name: str, attributes) -> None:
        namespace, _, local = name.rpartition(" ")
        if local in _ENTRIES and namespace != ITUNES:
            self.inside = True
            self.entries.append(None)
        elif (namespace, local) == (ITUNES, "explicit"):
            self.words = []

    def text(self, data: str) -> None:
        if self.words is not None and len(self.words) < 64:  # (a value is a word: a long one says nothing)
            self.words.append(data)

    def end(self, name: str) -> None:
        namespace, _, local = name.rpartition(" ")
        if local in _ENTRIES and namespace != ITUNES:
            self.inside = False
        elif (namespace, local) == (ITUNES, "explicit") and self.words is not None:
            said = _SAYS.get("".join(self.words).strip().lower())
            self.words = None
            if self.inside:
                self.entries[-1] = said
            elif said is not None:
                self.channel = said
