"""The search index's files, from its tasks' results (search_tasks.Postings): each term's postings joined, cut
and written, the terms sharded, the records chunked. The files, under SEARCH_FOLDER in the site:

    meta.json         {"version", "docs", "chunk", "fields", "stemmer", "casing", "optional", "keys", "split", "files",
                       "source", "latin", "particles" (Korean's: languages.KOREAN_PARTICLES, which a query need not
                       match), "hangul" (whether a Hangul word is listed by its romanisation too: search_hangul),
                       "tails" (how many tails files)}
    facets.json       {"topics": [[slug, name, stories], ...], "providers": [...]}
    docs/N.json       documents N*chunk ..: one record each, fields as meta's "fields" names them
    terms/KEY.json    {"terms": {"term": [df, id, impact, id delta, impact, ...]}, "forms": {"term": word}}
    tails/N.json      {"terms": {"term": df}, "forms": {"term": word}}: the word terms of 5+ letters whose word's
                      third to fifth letters (tail_key) hash to N (tail_bucket) of meta's "tails" files
    keys/KEY.json     {"keys": the keys of the terms files that start with the split key KEY (two characters)}

A term's shard KEY is its first two characters; a shard that grows past SHARD_BYTES is split by one more
character (the client follows the same rule), so a file stays small whatever the size of the site. The keys that
have a file are listed, as each key but its last character -> those last characters, so that the client never asks
for a file that is not there (a 404 is an error in the browser's console): meta's "keys" lists those of one and two
characters that were not split, and "split" those of two that were; each of those has a keys file listing the keys
that start with it, itself included if it has a file, which a query fetches for a word under it only. So meta.json
lists each beginning of its terms once, split or not, and does not grow with the site (its list of every key did,
and every query fetched it: docs/dev/search.md); a keys file grows with its key's terms alone.
The longer split keys need no list of their own: they are the beginnings, three characters or longer, of the
listed keys (a key of n characters is there only if its beginnings of 2 .. n-1 were split; a split key's longer
terms are in files of longer keys). A term in more than MAX_POSTINGS stories keeps only its MAX_POSTINGS highest
impacts (and its true df): such a word is too common to decide a ranking. KEY is in the file name as is
when it is [a-z0-9] (lower case), starts with no "x" and is no Windows device name (`con`, `nul`), else "x" + the
hex of its UTF-8: a crafted term can never name a file outside the folder, nor one a checkout on Windows cannot
write, nor another key's file (but for case too). "forms" gives the commonest word of a stem, for "did you mean".

A word's first two letters choose its terms file, so a typo in them is not in the file of the word meant: the tails
files list each word term by its word's third to fifth letters (folded), which such a typo leaves in place or moves
by one, and search.js looks a word that matches nothing up in the tails of its letters 3-5, 2-4, 4-6 and 2, 4 and 5
(each edit of the first two letters: one changed, left out, typed more, or swapped with its neighbour), then fetches
the terms file of the word it picks. Three letters, not two: a key's words are a small share of a big site's. The
keys are hashed into as many files as TAIL_BYTES makes (all written, none empty of its JSON, so the page never asks
for a missing one): meta's "tails" is their number, nothing grows with a list.

A query reads meta.json, one terms file per query word (and one per phrase or filter), the keys file of a word
under a split key, and the docs files of the results it shows: a few small files, whatever the size of the site.
"""

from __future__ import annotations

import bisect
import itertools
import json
import operator
import re
import threading
from array import array
from collections import Counter
from typing import Callable, Iterable

from generator.languages import KOREAN_PARTICLES
from generator.plan.search import FIELDS, FORMAT, SearchIndex
from generator.plan.search_tasks import MAX_WEIGHT, PAIR, PROVIDER, TOPIC
from generator.plan.search_tokens import fold
from generator.urls import device_name

SEARCH_FOLDER = "search/index"  # beside the search page (search/index.html)
DOCS_PER_FILE = 5  # small files: the 20 results a query shows fetch at most 20 of them, 100 records, not thousands
SHARD_BYTES = 24 * 1024  # a terms file larger than this is split by one more character of its terms
MAX_SHARD_NAME = 64  # characters of a terms file's name (terms/...): a longer key is not split (_shards)
MAX_POSTINGS = 2000  # a term in more stories keeps its highest impacts only (filters keep all)
TAILS_FOLDER = "tails"  # under SEARCH_FOLDER
TAIL_BYTES = 8 * 1024  # about this much per tails file: as many files as the tails' JSON needs
TAIL_MIN = 5  # letters of a word (folded) the tails list


def shard_key(term: str, split: frozenset[str] | set[str] = frozenset()) -> str:
    """The first two characters of a term, one more for each split key it starts with (search.js: shardKey)."""
    key = term[:2]
    while key in split and len(term) > len(key):
        key = term[:len(key) + 1]
    return key


def tail_key(word: str) -> str:
    """The key a word (folded) is listed by in the tails files: its third to fifth letters (search.js: tailKey)."""
    return word[2:5]


def tail_bucket(key: str, buckets: int) -> int:
    """The tails file of a key: FNV-1a (32 bits) of its code points, modulo the number of files (search.js: tailBucket).
    Stable across builds and languages, and spread enough that the files are of a size."""
    value = 0x811C9DC5
    for char in key:
        value = ((value ^ ord(char)) * 0x01000193) & 0xFFFFFFFF
    return value % buckets


_PLAIN_KEY = re.compile(r"[a-wyz0-9][a-z0-9]*")  # a key written as it is (shard_file)


def shard_file(key: str) -> str:
    """The terms file of a shard key: safe ASCII whatever the key holds, no name Windows reserves (a split "co"
    makes a key "con": terms/con.json cannot be checked out there), and one key's alone: a key written as it is
    never starts with the "x" of the hex names (crafted words split down to the key `x743a` wrote over the topic
    filters' file, the hex of `t:`), nor another's but for case (terms are lower case: a key in capitals, which
    only a caller of its own gives, is hex too, as macOS and Windows take `Ab.json` and `ab.json` for one file)."""
    return f"terms/{_file_name(key)}.json"


def keys_file(key: str) -> str:
    """The keys file of a split key of two characters, named as its terms file is (search.js: keysFile)."""
    return f"keys/{_file_name(key)}.json"


def _file_name(key: str) -> str:
    if _PLAIN_KEY.fullmatch(key) and not device_name(key):
        return key
    return f"x{key.encode('utf-8').hex()}"


def index_files(index: SearchIndex, batches: Iterable[tuple], cancel: threading.Event | None = None
                ) -> dict[str, bytes] | None:
    """Name (relative to the site root) -> bytes of every index file, meta.json last, from index_task's
    results for index_tasks(index), in order; None if `cancel` was set.

    The tasks send back their terms' postings as arrays (Postings); here each term's are joined, cut (a
    common term's list would be cut anyway: only what is kept is written out) and written, so this process
    never holds a posting per object.
    """
    joined: dict[str, tuple[array, array]] = {}  # term -> (ids, impacts) of every story so far
    forms: dict[str, Counter] = {}  # stem -> {word: stories}
    plain: set[str] = set()  # words that are their own stem: "forms" need not name another word for them
    for batch, batch_forms, batch_plain in batches:
        if cancel is not None and cancel.is_set():
            return None
        ids, impacts, end = batch.ids, batch.impacts, 0
        for term, length in zip(batch.terms, batch.lengths):
            start = end
            end += length
            known = joined.get(term)
            if known is None:
                joined[term] = (ids[start:end], impacts[start:end])
            else:
                known[0].extend(ids[start:end])
                known[1].extend(impacts[start:end])
        for stem, words in batch_forms.items():
            forms.setdefault(stem, Counter()).update(words)
        plain |= batch_plain
    counts = {term: len(ids) for term, (ids, _) in joined.items()}  # term -> document frequency
    # Every number written is an id delta (at most the number of documents) or an impact (at most
    # MAX_WEIGHT): each one's text, made once, rather than str() of millions of ints
    numbers = list(map(str, range(max(len(index.docs), MAX_WEIGHT) + 1)))
    postings = {term: _written(numbers, *_cut(*joined.pop(term))) for term in sorted(joined)}
    shards = _shards(postings)
    files: dict[str, bytes] = {}
    for number, start in enumerate(range(0, len(index.docs), DOCS_PER_FILE)):
        files[f"{SEARCH_FOLDER}/docs/{number}.json"] = _encode(_json(index.docs[start:start + DOCS_PER_FILE]))
    tailed: list[tuple[str, str, str]] = []  # (tail key, term, its word if not the term) of the tails files
    for key, names in shards.items():
        words = {term: max(sorted(forms[term].items()), key=lambda pair: pair[1])[0]
                 for term in names if term in forms and term not in plain}
        # (each term's written postings let go as its file is made: not all of them held beside all the files)
        text = ",".join(f"{_json(term)}:[{counts[term]},{postings.pop(term)}]" for term in names)
        files[f"{SEARCH_FOLDER}/{shard_file(key)}"] = _encode('{"forms":' + _json(words) + ',"terms":{' + text + "}}")
        for term in names:
            word = fold(words.get(term, term))
            if len(word) >= TAIL_MIN and not word.isdigit() and term[0] != PAIR and ":" not in term:
                tailed.append((tail_key(word), term, words.get(term, "")))
    tails = _tails(tailed, counts)
    files.update(tails)
    stories = Counter(counts)
    facets = {"topics": [[slug, name, stories[TOPIC + slug]] for slug, name in index.facets[0]
                         if stories[TOPIC + slug]],
              "providers": [[slug, name, stories[PROVIDER + slug]] for slug, name in index.facets[1]
                            if stories[PROVIDER + slug]]}
    files[f"{SEARCH_FOLDER}/facets.json"] = _encode(_json(facets))
    under: dict[str, list[str]] = {}  # a key's first two characters -> the keys that start with them
    for key in shards:
        under.setdefault(key[:2], []).append(key)
    split = [start for start, keys in under.items() if any(len(key) > 2 for key in keys)]
    for start in split:
        files[f"{SEARCH_FOLDER}/{keys_file(start)}"] = _encode(_json({"keys": _listed(under[start])}))
    meta = {"version": FORMAT, "docs": len(index.docs), "chunk": DOCS_PER_FILE, "fields": list(FIELDS),
            "stemmer": index.stemmer, "casing": index.casing, "optional": list(index.optional),
            "keys": _listed(start for start in under if start not in split), "split": _listed(split),
            "files": len(files) + 1, "source": index.source,
            "latin": {letter: list(spellings) for letter, spellings in index.latin},
            "particles": list(KOREAN_PARTICLES), "hangul": index.hangul, "tails": len(tails)}
    files[f"{SEARCH_FOLDER}/meta.json"] = _encode(_json(meta))
    return files


def _tails(tailed: list[tuple[str, str, str]], counts: dict[str, int]) -> dict[str, bytes]:
    """The tails files (the module's docstring), from (tail key, term, its word or "") of each term they list."""
    size = sum(len(term) + len(word) + 16 for _, term, word in tailed)
    buckets = max(1, -(-size // TAIL_BYTES))
    terms: list[dict[str, int]] = [{} for _ in range(buckets)]
    words: list[dict[str, str]] = [{} for _ in range(buckets)]
    for key, term, word in tailed:
        number = tail_bucket(key, buckets)
        terms[number][term] = counts[term]
        if word:
            words[number][term] = word
    return {f"{SEARCH_FOLDER}/{TAILS_FOLDER}/{number}.json":
            _encode(_json({"forms": words[number], "terms": terms[number]})) for number in range(buckets)}


def _cut(ids: array, impacts: array) -> tuple[array, array]:
    """A posting list with at most MAX_POSTINGS entries: the highest impacts (the newer stories among those
    on the lowest impact kept), in id order still."""
    if len(ids) <= MAX_POSTINGS:
        return ids, impacts
    # Impacts are small integers: the lowest one kept, and how many of it, from a count of each
    data = impacts.tobytes()
    histogram = Counter(data)
    kept = 0
    for lowest in sorted(histogram, reverse=True):
        if kept + histogram[lowest] >= MAX_POSTINGS:
            break
        kept += histogram[lowest]
    room = MAX_POSTINGS - kept  # of the stories with the lowest impact kept, the newest `room`
    # Postings picked through a mask of the impacts' bytes (a common term's list is tens of thousands long):
    # before the first tie kept, the higher impacts; from it on, the lowest kept too. The first tie kept is the
    # one with as many ties before it as are dropped: found by halving, each count in C (not an int a posting)
    ties = data.translate(bytes(v == lowest for v in range(256)))
    first = bisect.bisect_right(range(len(data)), histogram[lowest] - room, key=lambda end: ties.count(1, 0, end)) - 1
    mask = (data[:first].translate(bytes(v > lowest for v in range(256)))
            + data[first:].translate(bytes(v >= lowest for v in range(256))))
    # (array("B") parses each int it is given as a format: from bytes it copies them)
    return array("I", itertools.compress(ids, mask)), array("B", bytes(itertools.compress(data, mask)))


def _written(numbers: list[str], ids: array, impacts: array) -> str:
    """A posting list as the terms files hold it: "id,impact,id delta,impact,..."; numbers[n] is str(n)."""
    text = [""] * (2 * len(ids))
    text[0::2] = map(numbers.__getitem__, map(operator.sub, ids, itertools.chain((0,), ids)))
    text[1::2] = map(numbers.__getitem__, impacts)
    return ",".join(text)


def _shards(postings: dict[str, str]) -> dict[str, list[str]]:
    """Shard key -> its terms (sorted), split as the module's docstring says."""
    pending = [(2, sorted(postings))]
    shards: dict[str, list[str]] = {}
    while pending:
        length, names = pending.pop()
        groups: dict[str, list[str]] = {}
        for term in names:
            groups.setdefault(term[:length], []).append(term)
        for key, group in groups.items():
            size = sum(len(postings[term]) + len(term) + 8 for term in group)
            longer = [term for term in group if len(term) > length]
            # (a key's file name grows with each split; one past MAX_SHARD_NAME keeps its terms in one larger
            # file: crafted words sharing a long prefix of 4-byte letters made names past the file system's
            # 255 bytes, and the build failed)
            if size > SHARD_BYTES and longer and len(shard_file(key + "\U0010ffff")) <= MAX_SHARD_NAME:
                shorter = [term for term in group if len(term) <= length]
                if shorter:
                    shards[key] = shorter
                pending.append((length + 1, longer))
            else:
                shards[key] = group
    return dict(sorted(shards.items()))


def _listed(keys: Iterable[str]) -> dict[str, str]:
    """Keys (sorted) as the index lists them: each key but its last character -> those last characters ({"ca": "rt"}
    for "car" and "cat"), a third of the size of a list of the keys."""
    listed: dict[str, str] = {}
    for key in keys:
        listed[key[:-1]] = listed.get(key[:-1], "") + key[-1]
    return listed


def listed_keys(meta: dict, read: Callable[[str], bytes]) -> tuple[set[str], set[str]]:
    """The shard keys that have a terms file and the split keys, from a meta.json and its keys files (`read`: a file's
    bytes by its name under SEARCH_FOLDER), as search.js reads them."""
    keys = _unlisted(meta["keys"])
    split = _unlisted(meta["split"])
    for key in split:
        keys |= _unlisted(json.loads(read(keys_file(key)))["keys"])
    return keys, split | {key[:n] for key in keys for n in range(3, len(key))}


def _unlisted(listed: dict[str, str]) -> set[str]:
    return {start + last for start, lasts in listed.items() for last in lasts}


# One encoder for every value written: json.dumps with these arguments makes a new one at each call, which cost
# more than encoding a term's name (tens of thousands of them)
_json = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), sort_keys=True).encode


def _encode(text: str) -> bytes:
    return text.encode("utf-8", "replace")  # a lone surrogate from odd input becomes "?", not a failed build
