"""What a Media RSS feed says of each picture (picture_words): its media:title, media:description and
media:credit, by the picture's address as written, which feedparser does not keep.

feedparser gives a media:content's and a media:thumbnail's attributes only: it drops a media:title, makes a
media:description the entry's text, and gives the entry's media:credit without the picture it names. So the
bytes feedparser read are read once more, by expat, for these words alone. A picture's own words are those
written inside its element (as newsdesk's feeds and Mastodon's write them); a media:credit of its media:group
or of its entry is its credit too, as Media RSS says; a group's or an entry's title and description are the
video's or the story's (YouTube's), not the picture's, and are left alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.parsers import expat

from generator.fetch.feed_values import text_decoded
from generator.site.text import plain_text

# (feedparser takes the namespace with or without its last slash, as feeds write both)
_MRSS = ("http://search.yahoo.com/mrss/", "http://search.yahoo.com/mrss")
_PICTURES = frozenset({"content", "thumbnail"})
_WORDS = frozenset({"title", "description", "credit"})
MOST_CHARS = 2000  # of one word element kept while reading (a title's bound in items: more is cut there)


@dataclass(frozen=True)
class Words:
    alt: str = ""  # what the picture shows: its media:title, else its media:description (Mastodon's alt text)
    caption: str = ""  # its media:description, when it has a media:title too
    credit: str = ""  # whose picture it is: its media:credit (several joined with ", "), else its group's, its entry's


def picture_words(body: bytes) -> dict[str, Words]:
    """Each picture's words, by its `url` as written (stripped), for a feed that declares Media RSS; the first
    picture of an address that has any keeps them. A feed that is not well-formed gives what came before
    the error (feedparser reads on; the pictures after it have no words)."""
    if b"search.yahoo.com/mrss" not in body:
        return {}
    reader = _Reader()
    read_again(body, reader)
    return reader.found


def read_again(body: bytes, reader) -> None:
    """The feed's bytes through expat, to `reader`'s start, end and text methods, as far as expat reads them: not
    past broken XML, nor at all in an encoding it cannot read (UTF-32 without its byte order mark, a multi-byte
    one, a label Python does not know), which feedparser reads (or guesses) all the same."""
    parser = expat.ParserCreate(namespace_separator=" ")
    parser.StartElementHandler, parser.EndElementHandler = reader.start, reader.end
    parser.CharacterDataHandler = reader.text
    try:
        parser.Parse(body, True)
    except (expat.ExpatError, ValueError, LookupError):
        pass


@dataclass
class _Frame:
    kind: str  # "picture", "group", "entry", "words" or "" (any other element)
    url: str = ""
    words: dict | None = None  # a picture's: title, description, credits (a list)
    credits: list | None = None  # a group's or an entry's media:credit
    pictures: list | None = None  # a group's or an entry's pictures, their words to be completed at its end


class _Reader:
    def __init__(self):
        self.found: dict[str, Words] = {}
        self.stack: list[_Frame] = []
        self.chars: list[str] = []  # the text of the word element being read
        self.size = 0
        self.html = False

    def start(self, name: str, attrs: dict):
        space, _, local = name.rpartition(" ")
        if space in _MRSS and local in _PICTURES:
            frame = _Frame("picture", (attrs.get("url") or "").strip(), {"title": "", "description": "", "credits": []})
            if holder := self._holder():
                holder.pictures.append(frame)
        elif space in _MRSS and local == "group":
            frame = _Frame("group", credits=[], pictures=[])
        elif space in _MRSS and local in _WORDS and self.stack and self.stack[-1].kind in ("picture", "group", "entry"):
            frame = _Frame("words", url=local)
            self.chars, self.size = [], 0
            self.html = "html" in (attrs.get("type") or "")
        elif local in ("item", "entry"):
            frame = _Frame("entry", credits=[], pictures=[])
        else:
            frame = _Frame("")
        self.stack.append(frame)

    def text(self, data: str):
        if self.stack and self.stack[-1].kind == "words" and self.size < MOST_CHARS:
            self.chars.append(data)
            self.size += len(data)

    def end(self, name: str):
        frame = self.stack.pop()
        if frame.kind == "words":
            text = "".join(self.chars)[:MOST_CHARS]
            text = " ".join((plain_text(text) if self.html else text_decoded(text)).split())
            parent = self.stack[-1]
            if text and parent.kind == "picture":
                if frame.url == "credit":
                    parent.words["credits"].append(text)
                else:
                    parent.words[frame.url] = parent.words[frame.url] or text
            # (a group's or an entry's title and description are not the picture's)
            elif text and frame.url == "credit":
                parent.credits.append(text)
        elif frame.kind in ("group", "entry"):
            for picture in frame.pictures:
                if not picture.words["credits"]:
                    picture.words["credits"] = frame.credits
            holder = self._holder()
            if frame.kind == "group" and holder:
                holder.pictures.extend(frame.pictures)
            else:
                for picture in frame.pictures:
                    self._keep(picture)
        elif frame.kind == "picture" and not self._holder():  # (one outside any entry: the channel's)
            self._keep(frame)

    def _holder(self) -> _Frame | None:
        """The innermost group or entry being read."""
        return next((frame for frame in reversed(self.stack) if frame.kind in ("group", "entry")), None)

    def _keep(self, picture: _Frame):
        title, description = (text if not _file_name(text, picture.url) else ""
                              for text in (picture.words["title"], picture.words["description"]))
        words = Words(alt=title or description, caption=description if title else "",
                      credit=", ".join(dict.fromkeys(picture.words["credits"])))
        if picture.url and words != Words() and picture.url not in self.found:
            self.found[picture.url] = words


def _file_name(text: str, url: str) -> bool:
    """Whether a picture's title is only its file's name (WordPress's media:title is the upload's, `IMG_2041`
    or `crane` of crane.jpg), which says nothing of what it shows."""
    stem = url.split("?", 1)[0].split("#", 1)[0].rstrip("/").rsplit("/", 1)[-1].rsplit(".", 1)[0]
    return _squeezed(text) in (_squeezed(stem), _squeezed(url.rsplit("/", 1)[-1]))


def _squeezed(text: str) -> str:
    return "".join(char for char in text.casefold() if char.isalnum())
