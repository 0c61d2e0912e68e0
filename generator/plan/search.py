"""Site search: newsdesk's own static index, made from the model (not from HTML), searched in the
browser by themes/default/static/search/search.js.

Every published story is a document: its title, excerpt, body text, topic names and provider name
are cut into terms (`tokens`, which the client repeats exactly) and each term gets a posting list of
(document, weight). The files, under SEARCH_FOLDER in the site:

    meta.json         {"version", "docs", "chunk", "fields", "shards": [shard keys], "source": digest}
    docs/N.json       documents N*chunk ..: [[url, title, excerpt, provider, date], ...]
    terms/KEY.json    {"term": [id, weight, id delta, weight, ...], ...} for the terms whose first two
                      characters are KEY (KEY in the file name as is when it is [a-z0-9], else "x" + the
                      hex of its UTF-8: a crafted term can never name a file outside the folder)

A query reads meta.json, one terms file per query word and the docs files of its top results: a few
small files, whatever the size of the site. Document ids go from the oldest story to the newest, so a
new story adds to the ends of posting lists and to the last docs file instead of renumbering them all,
and a higher id is a newer story (the client breaks ties with it). The output is byte-identical for
the same input; `source` (a digest of everything the index is made from) lets a build keep the live
index when nothing in it would change.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import html
import json
import re
import threading
import unicodedata
from array import array
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from generator import __version__
from generator.config import Config
from generator.site.model import Item, Site, body_html
from generator.build.parallel import fork_map
from generator.build.writer import list_files, update_in_place

FORMAT = 1  # bump when the files change shape: the live index is then made again, and the client checks it
SEARCH_FOLDER = "search/index"  # beside the search page (search/index.html)
DOCS_PER_FILE = 100  # small files: the 20 results a query shows fetch a few of them, not the whole list
ITEMS_PER_TASK = 500  # documents tokenised per task in a worker process (at least; at most MAX_TASKS tasks)
MAX_TASKS = 32  # a big site: fewer, larger tasks, so that fewer partial posting lists are joined
EXCERPT_CHARS = 200
FIELDS = ("url", "title", "excerpt", "provider", "date")
# Weight of one occurrence per field: a title word outranks a topic or provider, which outranks the
# excerpt, which outranks the body. Body words count up to BODY_CAP times, so a long story that repeats
# a word is not worth more than a title that has it.
TITLE, LABEL, EXCERPT, BODY_CAP = 8, 4, 2, 4
MAX_WEIGHT = 255
MAX_TERM = 40  # characters; a longer "word" (a hash, a URL run together) is cut here, by the client too

# Han, Hiragana, Katakana and Hangul: written without spaces, so each character is its own term.
# The same ranges are in search.js; keep both in step (tests/test_search.py compares the two tokenisers).
CJK = ("\u1100-\u11ff\u3005\u3007\u3021-\u3029\u3038-\u303b\u3041-\u3096\u309d-\u309f\u30a1-\u30fa"
       "\u30fc-\u30ff\u3130-\u318f\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f\uac00-\ud7af"
       "\ud7b0-\ud7ff\uf900-\ufaff\uff66-\uff9f\U00020000-\U0003134f")
# Runs of two or more letters or digits (Python's [^\W_] is exactly Unicode's L and N), or one CJK letter.
_TOKEN = re.compile(rf"[^\W_{CJK}]{{2,}}|(?=[^\W_])[{CJK}]")
_ASCII_TOKEN = re.compile(r"[a-z0-9]{2,}")  # _TOKEN on lowercased ASCII text, where it means exactly this
_TAG = re.compile(r"<[^>]*>")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


@functools.cache
def _marks() -> re.Pattern:
    """Every combining mark (category M), as search.js's /\\p{M}/gu. Made on first use (it walks all of
    Unicode), and by make_index before it forks, so that each worker does not make it again."""
    ranges, start, previous = [], None, -1
    # Marks are only in planes 0 and 1 and in the variation selectors of plane 14 (E0100-E01EF).
    for point in [*range(0x20000), *range(0xE0000, 0xE1000), -1]:
        mark = point >= 0 and unicodedata.category(chr(point))[0] == "M"
        if mark and start is None:
            start = point
        elif not mark and start is not None:
            ranges.append(f"{chr(start)}-{chr(previous)}")
            start = None
        previous = point
    return re.compile("[" + "".join(ranges) + "]+")


def normalise(text: str) -> str:
    """NFKD, combining marks dropped (é -> e, ﬁ -> fi), NFC again (NFKD splits Hangul syllables into
    jamo; this puts them back), lowercased with str.lower() (JS toLowerCase does the same mapping)."""
    if not text.isascii():
        # Only the runs of non-ASCII characters need it, and most of a story is ASCII: this is much
        # cheaper than normalising all of it, and the same (no character composes with an ASCII one once
        # marks are gone). Lowercasing stays on the whole text: a final sigma depends on its neighbours.
        text = _NON_ASCII.sub(_fold_match, text)
    return text.lower()


def _fold_match(match: re.Match) -> str:
    return _fold(match.group())


@functools.lru_cache(maxsize=1 << 16)  # news repeats its names and places: most runs were folded before
def _fold(run: str) -> str:
    return unicodedata.normalize("NFC", _marks().sub("", unicodedata.normalize("NFKD", run)))


def tokens(text: str) -> list[str]:
    """The search terms of a text, in order, repeats included."""
    text = normalise(text)
    # Most stories are ASCII: the plain class is much faster than the Unicode one, with the same matches.
    found = (_ASCII_TOKEN if text.isascii() else _TOKEN).findall(text)
    if found and max(map(len, found)) > MAX_TERM:
        found = [token[:MAX_TERM] for token in found]
    return found


def body_text(body_html: str) -> str:
    """The words of a sanitised body: tags become spaces, entities their characters."""
    return html.unescape(_TAG.sub(" ", body_html))


def shard_key(term: str) -> str:
    return term[:2]


def shard_file(key: str) -> str:
    """The terms file of a shard key: safe ASCII whatever the key holds."""
    if key.isascii() and key.isalnum():
        return f"terms/{key}.json"
    return f"terms/x{key.encode('utf-8').hex()}.json"


@dataclass(frozen=True)
class SearchIndex:
    """What the index is made of: the stories in document order, their records and a digest of both."""

    items: tuple[Item, ...]  # document id -> item, oldest first
    docs: tuple[tuple[str, ...], ...]  # document id -> (url, title, excerpt, provider, date)
    source: str  # digest of every input of the index (stored in meta.json)


def plan_index(site: Site, config: Config) -> SearchIndex:
    """The stories to index (published articles; drafts stay out even in a --drafts build) and their records.
    Cheap (no tokenising): a build compares `source` with the live index's to see whether to make it again."""
    items = tuple(item for item in reversed(site.items) if item.is_published)
    zone = config.zone
    digest = hashlib.sha256(f"newsdesk search {FORMAT} {__version__} {config.markdown_engine}\n".encode())
    docs = []
    for item in items:
        record = (item.path, item.title, _shorten(item.excerpt), item.provider.name if item.provider else "",
                  item.published.astimezone(zone).date().isoformat())
        docs.append(record)
        digest.update(_encode(json.dumps([record, item.excerpt, item.topic_names], ensure_ascii=False)))
        digest.update(item.digest.encode())  # the file's own hash: the body is made from it alone
    return SearchIndex(items, tuple(docs), digest.hexdigest())


def make_index(index: SearchIndex, workers: int = 1, cancel: threading.Event | None = None,
               per_task: int = 0) -> dict[str, bytes] | None:
    """Name (relative to the site root) -> bytes of every index file, meta.json last; None if cancelled.

    Workers tokenise chunks of documents and send back each term's postings for their chunk already
    written out; here they are only joined, so the main process never holds a posting per object.
    """
    parts: dict[str, list[str]] = {}
    last: dict[str, int] = {}  # term -> the last document id joined so far (the next chunk's first delta)
    count = len(index.items)
    size = per_task or max(ITEMS_PER_TASK, -(-count // MAX_TASKS))
    # Each task carries its stories' text (sent through a pipe, a little per story): a worker that read the
    # model instead would touch every story object, and copy-on-write would copy their pages into it.
    tasks = ((start, [_texts(item) for item in index.items[start:start + size]]) for start in range(0, count, size))
    _marks()  # made once here, not in every worker
    for batch in fork_map(_index_batch, None, tasks, workers):
        if cancel is not None and cancel.is_set():
            return None
        for term, (first, final, rest) in batch.items():
            previous = last.get(term)
            if previous is None:
                parts[term] = [f"{first},{rest}"]
            else:
                parts[term].append(f"{first - previous},{rest}")
            last[term] = final
    del last
    shards: dict[str, list[str]] = {}
    for term in sorted(parts):
        shards.setdefault(shard_key(term), []).append(term)
    files: dict[str, bytes] = {}
    for number, start in enumerate(range(0, len(index.docs), DOCS_PER_FILE)):
        files[f"{SEARCH_FOLDER}/docs/{number}.json"] = _encode(_json(index.docs[start:start + DOCS_PER_FILE]))
    for key, terms in shards.items():
        text = ",".join(f"{_json(term)}:[{','.join(parts.pop(term))}]" for term in terms)
        files[f"{SEARCH_FOLDER}/{shard_file(key)}"] = _encode("{" + text + "}")
    meta = {"version": FORMAT, "docs": len(index.docs), "chunk": DOCS_PER_FILE, "fields": list(FIELDS),
            "shards": sorted(shards), "source": index.source}
    files[f"{SEARCH_FOLDER}/meta.json"] = _encode(_json(meta))
    return files


def _texts(item: Item) -> tuple[str, str, str, bytes]:
    labels = " ".join([*item.topic_names, item.provider.name if item.provider else ""])
    return item.title, labels, item.excerpt, item.body


def _index_batch(_state, task: tuple[int, list]) -> dict[str, tuple[int, int, str]]:
    """term -> (first id, last id, "weight,delta,weight,...") for the documents of a task."""
    start, texts = task
    # term -> [last id, first id, weight, delta, weight, ...]: 4 bytes a number, not a Python int each
    postings: dict[str, array] = {}
    for doc, text in enumerate(texts, start):
        for term, weight in _weights(*text).items():
            posting = postings.get(term)
            if posting is None:
                postings[term] = array("I", (doc, doc, weight))
            else:
                posting.append(doc - posting[0])
                posting.append(weight)
                posting[0] = doc
    return {term: (p[1], p[0], ",".join(map(str, p[2:]))) for term, p in postings.items()}


def _weights(title: str, labels: str, excerpt: str, body: bytes) -> Counter:
    weights = Counter(tokens(body_text(body_html(body))))
    for term in [term for term, count in weights.items() if count > BODY_CAP]:
        weights[term] = BODY_CAP
    fields = [tokens(title), tokens(labels), tokens(excerpt)]
    for found, weight in zip(fields, (TITLE, LABEL, EXCERPT)):
        for term in found:
            weights[term] += weight
    for found in fields:
        for term in found:
            if weights[term] > MAX_WEIGHT:
                weights[term] = MAX_WEIGHT
    return weights


def _shorten(text: str) -> str:
    text = " ".join(text.split())
    if len(text) <= EXCERPT_CHARS:
        return text
    cut = text[:EXCERPT_CHARS]
    return (cut.rsplit(" ", 1)[0] if " " in cut[EXCERPT_CHARS // 2:] else cut).rstrip(" ,;:.") + "…"


def _json(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "replace")  # a lone surrogate from odd input becomes "?", not a failed build


# --- the index in a built site ----------------------------------------------------------------------


def live_names(output: Path) -> set[str] | None:
    """The index files the live site's meta.json says it has, if they are all there; else None."""
    folder = output / SEARCH_FOLDER
    meta = _live_meta(output)
    if meta is None:
        return None
    try:
        names = {"meta.json", *(f"docs/{n}.json" for n in range(-(-int(meta["docs"]) // int(meta["chunk"])))),
                 *(shard_file(str(key)) for key in meta["shards"])}
    except (KeyError, TypeError, ValueError, ZeroDivisionError):
        return None
    if set(list_files(folder)) != names:
        return None
    return {f"{SEARCH_FOLDER}/{name}" for name in names}


def live_source(output: Path) -> str | None:
    meta = _live_meta(output)
    return meta.get("source") if meta is not None and meta.get("version") == FORMAT else None


def is_current(output: Path, index: SearchIndex) -> bool:
    """Whether the live index was made from exactly this input and is whole."""
    return live_source(output) == index.source and live_names(output) is not None


def _live_meta(output: Path) -> dict | None:
    try:
        meta = json.loads((output / SEARCH_FOLDER / "meta.json").read_bytes())
    except (OSError, ValueError):
        return None
    return meta if isinstance(meta, dict) else None


def update_live_index(output: Path, index: SearchIndex, workers: int = 1, cancel: threading.Event | None = None,
                      lock: threading.Lock | None = None, per_task: int = 0) -> bool:
    """Bring the index of a live site up to date in place: changed files replaced (each by a rename),
    files that are gone deleted, equal ones left alone. False if it was current already or `cancel` was set."""
    changes = index_changes(output, index, workers, cancel, per_task)
    if changes is None:
        return False
    with lock or contextlib.nullcontext():
        update_in_place(output, *changes)
    return True


def index_changes(output: Path, index: SearchIndex | None, workers: int = 1, cancel: threading.Event | None = None,
                  per_task: int = 0) -> tuple[dict[str, bytes], dict, set[str]] | None:
    """What update_in_place is to do to bring the live site's index in line with `index` (None: search
    is off, no index): (files, copies, names to delete); None if it is in line already or `cancel` was set."""
    old = {f"{SEARCH_FOLDER}/{name}" for name in list_files(output / SEARCH_FOLDER)}
    if index is None:
        return ({}, {}, old) if old else None
    if is_current(output, index):
        return None
    files = make_index(index, workers, cancel, per_task)
    return None if files is None else (files, {}, old - set(files))
