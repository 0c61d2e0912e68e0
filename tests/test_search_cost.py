"""What one story can cost the search index: a crawler's body of junk (tens of thousands of different random
"words") added a posting per word and grew the index past the rest of the site; the page still shows it all."""

from __future__ import annotations

import json

from conftest import item, make_site

from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.plan.search_files import SEARCH_FOLDER
from generator.plan.search_tasks import MAX_BODY_WORDS
from generator.plan.search_tokens import spelled

CONFIG = """\
title: Test News
base_url: https://example.org/
now: "2026-11-22T12:00:00Z"
"""


def _built(tmp_path, files: dict[str, str]):
    root = make_site(tmp_path / "site", files, CONFIG)
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    return config.output_path


def _postings(out) -> tuple[list, dict[str, set[int]]]:
    """The index's documents and term -> the ids of the documents listed under it."""
    folder = out / SEARCH_FOLDER
    meta = json.loads((folder / "meta.json").read_bytes())
    docs = []
    for n in range(-(-meta["docs"] // meta["chunk"])):
        docs += json.loads((folder / f"docs/{n}.json").read_bytes())
    found: dict[str, set[int]] = {}
    shards = list((folder / "terms").iterdir())
    assert shards
    for path in shards:
        for term, flat in json.loads(path.read_bytes())["terms"].items():
            ids, doc = set(), 0
            for delta in flat[1::2]:
                doc += delta
                ids.add(doc)
            found[term] = ids
    return docs, found


def _junk(count: int, start: int = 0) -> list[str]:
    # different words that no stemmer shortens (a letter, five digits, a letter)
    return [f"j{n:05d}q" for n in range(start, start + count)]


def test_a_body_of_junk_words_adds_a_bounded_share_to_the_index_and_shows_whole(tmp_path):
    junk = _junk(4 * MAX_BODY_WORDS)
    # a hyphenated compound and a word written before the bound, then again at the end: still one of its words
    body = " ".join(["Opening words of a low-code story.", *junk, "closing", "opening"])
    out = _built(tmp_path, {"content/junk.md": item("Junk", body=body),
                            "content/plain.md": item("Plain", body="A plain story about harbours.")})
    docs, found = _postings(out)
    [junk_doc] = [n for n, doc in enumerate(docs) if doc[1] == "Junk"]
    terms_of_junk = [term for term, ids in found.items() if junk_doc in ids]
    # (its title, phrase pairs of its first words and the compound are the few terms beyond its words)
    assert MAX_BODY_WORDS <= len(terms_of_junk) <= MAX_BODY_WORDS + 60, len(terms_of_junk)
    kept = MAX_BODY_WORDS - len(set(spelled("Opening words of a low-code story.")))
    assert junk_doc in found[junk[0]] and junk_doc in found[junk[kept - 1]]
    assert junk[kept] not in found and junk[-1] not in found and "closing" not in found
    assert junk_doc in found["open"]  # ("opening", stemmed: in the first words)
    # the other story is indexed as before
    [plain_doc] = [n for n, doc in enumerate(docs) if doc[1] == "Plain"]
    assert plain_doc in found["harbour"]
    # the reader sees every word of the body
    [page] = list(out.joinpath("news").rglob("junk/index.html"))
    html = page.read_text(encoding="utf-8")
    assert junk[0] in html and junk[-1] in html and "closing opening" in html


def test_a_long_text_of_fewer_different_words_is_indexed_whole(tmp_path):
    """A long real text repeats its words: a 97,000-word manual uses 7,353 different ones, a news story of 500
    words 258. A body of 40,000 words that uses MAX_BODY_WORDS different ones loses none of them, nor its last
    compound."""
    words = _junk(MAX_BODY_WORDS - 6)  # (six more: state, of, the, art, stateoftheart, finale)
    body = " ".join([*(words * 8), "a state-of-the-art", "finale"])
    out = _built(tmp_path, {"content/long.md": item("Long", body=body)})
    docs, found = _postings(out)
    assert [doc[1] for doc in docs] == ["Long"]
    missing = [word for word in [*words, "stateoftheart", "final"] if 0 not in found.get(word, ())]
    assert not missing, missing[:5]

