"""The search index's tokenising, in tasks that helper processes run (generator/build/search_index.py): each
story's words made terms and weighed (`index_task`: a BM25 weight of the body, a bonus for each field, the
phrase pairs and the filters; the synonyms a field writes), the tasks made before the build forks
(`index_tasks`) and keyed by everything they read (`task_key`), so a build keeps an unchanged task's result.
"""

from __future__ import annotations

import functools
import hashlib
import itertools
import marshal
import operator
import unicodedata
from array import array
from collections import Counter
from typing import Callable, NamedTuple

from generator import __version__
from generator.plan.search import FORMAT, SearchIndex
from generator.plan.search_compounds import _camel_words, _compound, _literals, _phrases, compounds
from generator.plan.search_hangul import romanised_words
from generator.plan.search_stems import stemmer
from generator.plan.search_tokens import _body_text, _marks, _Runs, _spelled, _tokens, _written_words, fold, spelled
from generator.site.model import Item

ITEMS_PER_TASK = 500  # documents tokenised per task in a worker process (at least; at most MAX_TASKS tasks)
MAX_TASKS = 32  # a big site: fewer, larger tasks, so that fewer partial posting lists are joined
# Ranking: impact = bonus of each field the term is in + BM25 of its body frequency. A title word outranks
# a topic, provider or author name, which outranks the excerpt; the body adds at most K1 + 1 (BM25 saturates).
# The kind of an item (its type's words as the site shows them, "Vídeo"; the word for free of an offer of 0) weighs
# least: "vídeos" finds the videos, and a story that says it in its title or text still ranks above them (about
# as much as one mention in a long text; and it fills what the other fields leave of the files' range).
TITLE, LABEL, EXCERPT, KIND = 3.0, 2.0, 1.0, 0.3
K1, B, BODY_LENGTH = 1.2, 0.5, 400  # BM25's usual k1; b and the length it normalises against, for news stories
IMPACT_SCALE = 30  # impact units -> the integers in the files (at most 255)
MAX_WEIGHT = 255
TITLE_POINTS, LABEL_POINTS, EXCERPT_POINTS, KIND_POINTS = (round(bonus * IMPACT_SCALE)
                                                           for bonus in (TITLE, LABEL, EXCERPT, KIND))
BODY_SCALE = (K1 + 1) * IMPACT_SCALE
# an impact fits the files' range
assert BODY_SCALE + TITLE_POINTS + LABEL_POINTS + EXCERPT_POINTS + KIND_POINTS <= MAX_WEIGHT
PAIRS_IN_BODY = 50  # phrases are indexed in the title, the excerpt and this many words of the text
# A body's text is indexed until it has used this many different words (its words and hyphenated compounds):
# a crawler's junk of random words would add a posting per word, and grow the index past the rest of the site;
# a long real text uses far fewer (docs/search.md). The page shows the whole body.
MAX_BODY_WORDS = 5000
PAIR, TOPIC, PROVIDER = "_", "t:", "p:"  # prefixes of phrase pairs and filter terms (no word has "_" or ":")


def _synonym_table(groups: tuple[tuple[str, ...], ...], stems: "_Stems", casing: str) -> tuple[dict, list]:
    """What _synonyms looks for: each term of the first word of each member of each group -> [(the terms of each of
    the member's words, group, member)]; and each group's members' words. Groups that share a member (as search
    matches words: "entity" is "entities", "resume" is "résumé") are one: a reader who finds B by A and C by B
    expects C by A."""
    members = [[found for found in (spelled(member, casing) for member in group) if found] for group in groups]
    keys = [[tuple(_plain(stems, word) for word in found) for found in group] for group in members]
    joined = list(range(len(members)))  # group -> a group it is one with (union-find)

    def root(number: int) -> int:
        while joined[number] != number:
            number = joined[number] = joined[joined[number]]
        return number

    owner: dict[tuple, int] = {}
    for number, group in enumerate(keys):
        for key in group:
            joined[root(owner.setdefault(key, number))] = root(number)
    merged: dict[int, dict[tuple, list[str]]] = {}
    for number, group in enumerate(members):
        for key, found in zip(keys[number], group):
            merged.setdefault(root(number), {}).setdefault(key, found)
    first: dict[str, list] = {}
    words = []
    for number, group in enumerate(merged.values()):
        words.append(list(group.values()))
        for at, found in enumerate(group.values()):
            member = tuple(_terms_of(stems, word) for word in found)
            for term in member[0]:
                first.setdefault(term, []).append((member, number, at))
    return first, words


def _plain(stems: "_Stems", word: str) -> str:
    """The term of `word` typed without accents (which a query of it, with them or without, looks up)."""
    term = stems[word]
    return stems.folded.get(word, term)


def _terms_of(stems: "_Stems", word: str) -> frozenset[str]:
    """The terms a query of `word` looks up, which are those a story that writes it is indexed by: its term and,
    when it differs, its folded term."""
    term = stems[word]
    return frozenset((term, stems.folded[word])) if word in stems.folded else frozenset((term,))


def _synonyms(stems: "_Stems", words: list[str], pairs: int = 0) -> tuple[list[str], list[tuple[str, str]]]:
    """The words a field's `words` stand for by the site's synonyms (stems.synonyms): each group a member of which the
    field writes (its words side by side, each matched as a query of it matches) gives its other members' words, once;
    and, among its first `pairs` words, the phrase pairs those stand in: each other member's words side by side, and
    its first and last word beside the words around the member written ("cds entities" for "Dataverse tables")."""
    first, members = stems.synonyms
    terms = [stems[word] for word in words]
    folded = stems.folded
    # (each word's folded term where it has one: a member written without accents matches it)
    others = [folded.get(word) for word in words] if folded and not folded.keys().isdisjoint(words) else None
    matched: dict[int, set[int]] = {}
    spans = []
    for at, term in enumerate(terms):
        found = first.get(term, ())
        if others and others[at]:
            found = [*found, *first.get(others[at], ())]
        for member, group, number in found:
            end = at + len(member)
            if end <= len(terms) and all(terms[n] in member[n - at] or others and others[n] in member[n - at]
                                         for n in range(at + 1, end)):
                matched.setdefault(group, set()).add(number)
                if at < pairs:
                    spans.append((at, end, group, number))
    found_words: list[str] = []
    for group, numbers in matched.items():
        for number, written in enumerate(members[group]):
            if number not in numbers:
                found_words += written
    if not spans:
        return found_words, []
    # (the words each place of the text may be read as: a member's last word where one ends, first where one starts)
    ends: dict[int, list[str]] = {}
    starts: dict[int, list[str]] = {}
    found_pairs: list[tuple[str, str]] = []
    for start, end, group, number in spans:
        for other, written in enumerate(members[group]):
            if other != number:
                ends.setdefault(end - 1, []).append(written[-1])
                starts.setdefault(start, []).append(written[0])
                found_pairs += zip(written, written[1:])
    last = min(pairs, len(words)) - 1
    for at in sorted(ends.keys() | {start - 1 for start in starts}):
        if 0 <= at < last:
            found_pairs += [(left, right) for left in (words[at], *ends.get(at, ()))
                            for right in (words[at + 1], *starts.get(at + 1, ()))
                            if (left, right) != (words[at], words[at + 1])]
    return found_words, found_pairs


def index_tasks(index: SearchIndex, per_task: int = 0) -> list[tuple]:
    """The index's work in independent tasks, for index_task (generator/build/search_index.py runs them
    across processes). A task carries its stories' text as one string of bytes (marshal's, version 2: the
    same texts give the same bytes), made here, before the build forks: a process that read the texts from
    the model after the fork, or sent them object by object, would write every object's reference count, and
    copy-on-write would copy the pages of the whole model's text into both processes. It also makes what
    every task needs once, here."""
    count = len(index.members)
    size = per_task or max(ITEMS_PER_TASK, -(-count // MAX_TASKS))
    _marks()
    _written_words()
    _tokens()
    _compound()
    stemmer(index.stemmer)  # (its module imported here, not again in each helper)
    texts = functools.partial(_texts, dict(index.shortnames), dict(index.kinds), index.free, dict(index.prices))
    vocabulary = (index.synonyms, index.optional, index.hangul)
    return [(start, index.stemmer, index.casing, vocabulary,
             marshal.dumps([tuple(map(texts, items)) for items in index.members[start:start + size]], 2))
            for start in range(0, count, size)]


def task_key(task: tuple) -> str:
    """A digest of everything index_task(None, task) reads: equal keys, equal results (a build keeps the
    results of the last one's tasks by this key, generator/build/search_index.py)."""
    start, stemmer_name, lowered, vocabulary, texts = task
    # (Python's Unicode tables fold and split the words; the snowballstemmer package stems them)
    digest = hashlib.sha1(f"newsdesk search task {FORMAT} {__version__} {unicodedata.unidata_version} "
                          f"{_package_version('snowballstemmer')} {stemmer_name} {lowered} {start}\n".encode())
    digest.update(marshal.dumps(vocabulary, 2))
    digest.update(texts)
    return digest.hexdigest()


@functools.cache
def _package_version(name: str) -> str:
    import importlib.metadata  # (only a build that tokenises needs it)

    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return "-"


class Postings(NamedTuple):
    """A task's posting lists end to end: term n's are the `lengths[n]` ids and impacts after those of the
    terms before it. Four objects rather than two arrays a term: a task's result is pickled to come back
    from a helper and to be kept (generator/build/search_index.py), and pickle makes each array its own
    reduction, which cost more than the rest of the join (tens of thousands of terms a task)."""

    terms: list[str]
    lengths: array  # ("I")
    ids: array  # ("I")
    impacts: array  # ("B")


def _texts(shortnames: dict[str, str], kinds: dict[str, str], free: str, prices: dict[tuple, str], item: Item
           ) -> tuple[str, str, str, str, bytes, tuple[str, ...]]:
    # the author's name weighs as the provider's: a reader looking for a writer's stories types it; a topic's
    # shortname as its name (`CDS`: readers type what the topic's own pages and posts call it)
    labels = " ".join([*item.topic_names, *(shortnames[slug] for slug in item.topics if slug in shortnames),
                       item.provider.name if item.provider else "", item.author])
    filters = tuple(TOPIC + slug for slug in item.topics) + ((PROVIDER + item.provider.slug,) if item.provider else ())
    # (an offer of 0 is what a card shows as the word for free: i18n.facts)
    # (and its price as written, "$4.99", "4,99 €", "Free": a reader looking for an offer types it)
    price = prices.get((item.price, item.price_amount, item.price_currency), "")
    kind = " ".join(filter(None, (kinds.get(item.type, ""), free if item.price_amount == 0 else "", price)))
    return item.title, labels, item.excerpt, kind, item.body, filters


def index_task(_state, task: tuple) -> tuple[Postings, dict[str, dict[str, int]], set[str]]:
    """The postings of the documents of a task (Postings); term -> {word: documents} for the words that are
    not their own term; the words that are."""
    start, stemmer_name, lowered, (synonyms, optional, hangul), texts = task
    texts = marshal.loads(texts)
    stems = _Stems(stemmer(stemmer_name), lowered)
    stems.optional = frozenset(optional)
    stems.hangul = hangul
    stems.synonyms = _synonym_table(synonyms, stems, lowered)
    words: Counter = Counter()  # word -> documents of this task it is in
    # 4 bytes an id and 1 an impact (at most MAX_WEIGHT), not a Python int each; the impacts in a bytearray,
    # whose append takes an int directly (array("B")'s parses it as a format, which cost a tenth of this loop)
    postings: dict[str, tuple[array, bytearray]] = {}
    for doc, items in enumerate(texts, start):
        for term, weight in _document_weights(stems, lowered, words, items).items():
            posting = postings.get(term)
            if posting is None:
                postings[term] = (array("I", (doc,)), bytearray((weight,)))
            else:
                posting[0].append(doc)
                posting[1].append(weight)
    forms: dict[str, dict[str, int]] = {}
    plain: set[str] = set()
    for word, documents in words.items():
        for term in (stems[word], *([stems.folded[word]] if word in stems.folded else [])):
            if term == word:
                plain.add(word)
            else:
                counts = forms.setdefault(term, {})
                counts[word] = counts.get(word, 0) + documents
    ids = array("I")
    for term_ids, _ in postings.values():
        ids.extend(term_ids)
    impacts = array("B", b"".join(map(operator.itemgetter(1), postings.values())))
    return Postings(list(postings), array("I", map(len, map(operator.itemgetter(1), postings.values()))),
                    ids, impacts), forms, plain


class _Stems(dict):
    """word -> term for the words of one task, each stemmed the first time it is looked up; `folded`:
    word -> its folded term (its token stemmed), for the words where that differs; `runs`: the task's _Runs;
    `labelled`: the labels and kinds read (_labelled)."""

    def __init__(self, stem: Callable[[str], str], casing: str = ""):
        super().__init__()
        self.stem = stem
        self.folded: dict[str, str] = {}
        self.runs = _Runs(casing)
        self.labelled: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {}  # labels or kind -> _labelled
        self.optional: frozenset[str] = frozenset()  # the language's function words, folded (joins)
        self.synonyms: tuple = ({}, [])  # _synonym_table's
        self.hangul = False  # whether a Hangul word is a word in Latin letters too (search_hangul.romanised_words)

    def __missing__(self, word: str) -> str:
        term = self[word] = self.stem(word)
        if not word.isascii():
            other = self.stem(fold(word))
            if other != term:
                self.folded[word] = other
        return term


def _document_weights(stems: _Stems, casing: str, words: Counter, items: tuple) -> dict[str, int]:
    """term -> impact for one document: of its one item, or for a story the highest of its items' impacts
    (a story is as much about a word as its item most about it; `words` counts each word once a document)."""
    if len(items) == 1:
        return _weights(stems, casing, words, *items[0])
    found: set[str] = set()  # (the story's words, counted once below)
    # The first item's weights as they are (a dict of its own, every weight at least 1); the others' raise them
    weights = _weights(stems, casing, found, *items[0])
    for text in items[1:]:
        for term, weight in _weights(stems, casing, found, *text).items():
            if weight > weights.get(term, 0):
                weights[term] = weight
    words.update(found)
    return weights


def _weights(stems: _Stems, casing: str, words: Counter | set[str], title: str, labels: str,
             excerpt: str, kind: str, body: bytes, filters: tuple[str, ...]) -> dict[str, int]:
    """term -> impact for one item (a new dict); `stems` and `words` (the words' document counts, or a story's
    words so far) are filled in.

    A word is indexed by its term (stemmed as written, then folded: "informações" -> "inform") and, when
    that differs, by its folded term too (its token stemmed: "informacoes" -> "informaco"), with the
    same weights: a query typed without accents is stemmed from its folded letters, and finds it so."""
    text, body_utf8 = _body_text(body)
    texts = (title, labels, excerpt, kind, text)
    # (the title, excerpt and text spelled phrase by phrase, where phrase pairs are: two words side by side, one of
    # them short, are also one word there, "no code" is "nocode", within a sentence or phrase: "code. Set" is no
    # "codeset"; the labels and kind read once a task, as most items share them with another: their topics',
    # provider's and author's names, their type's words)
    read = [_read(stems, casing, title, None), _labelled(stems, casing, labels), _read(stems, casing, excerpt, None),
            _labelled(stems, casing, kind), _read(stems, casing, text, PAIRS_IN_BODY, body_utf8)]
    fields = [words for words, _ in read[:-1]]
    body_words = read[-1][0]
    # (a compound is a word of its field beside its parts, after them: so in no phrase pair; so are a camel-cased
    # word's parts beside it)
    joined = [extra for _, extra in read]
    if stems.hangul:  # (a Korean word in Latin letters, as a compound is: beside its syllables, in no phrase pair)
        for extra, field in zip(joined, texts):
            extra += romanised_words(field)
    pairs: list[tuple[str, str]] = []  # (a synonym's phrase pairs)
    if stems.synonyms[0]:
        # (phrase pairs where they are made: the title, the excerpt and the start of the text)
        for found, extra, window in zip((*fields, body_words), joined,
                                        (len(fields[0]), 0, len(fields[2]), 0, PAIRS_IN_BODY)):
            written, paired = _synonyms(stems, found, window)
            extra += written
            pairs += paired
    if len(body_words) + len(joined[-1]) > MAX_BODY_WORDS:
        body_words, joined[-1] = _bounded(body_words, joined[-1])
    present = set(body_words)
    present.update(*fields, *joined)
    words.update(present)
    if pairs:
        present.update(itertools.chain.from_iterable(pairs))  # (each looked up below, as the words are)
    # (every word of `present` is looked up, so stemmed, in _field_weights)
    weights = _field_weights(stems.__getitem__, fields, body_words, joined, pairs)
    others = stems.folded
    if others and not others.keys().isdisjoint(present):
        folded = {word: others.get(word) or stems[word] for word in present}
        for term, weight in _field_weights(folded.__getitem__, fields, body_words, joined, pairs).items():
            if weight > weights.get(term, 0):
                weights[term] = weight
    weights.update(dict.fromkeys(filters, 1))
    return weights


def _read(stems: _Stems, casing: str, field: str, limit: int | None, utf8: bytes | None = None
          ) -> tuple[list[str], list[str]]:
    """A field's words (spelled phrase by phrase, _phrases, with the joins of its first `limit` words) and the words
    it makes of several: its compounds, camel case's parts, literals and joins, in that order. `utf8`: the field's
    UTF-8, if made already (each text's is made once, for its words and its camel-case parts)."""
    if not field:  # (an item without a text: none of the steps below finds anything)
        return [], []
    if utf8 is None:
        utf8 = field.encode("utf-8", "surrogatepass")
    words, marked, joins = _phrases(field, casing, stems.runs, stems.optional, limit, utf8)
    return words, compounds(field, casing) + _camel_words(utf8, casing) + _literals(field, casing, marked) + joins


def _labelled(stems: _Stems, casing: str, field: str) -> tuple[tuple[str, ...], list[str]]:
    """_read() of an item's labels or kind, which make no joins, from the task's `labelled` (a new list of the words
    it makes of several each time: _weights adds to it)."""
    found = stems.labelled.get(field)
    if found is None:
        utf8 = field.encode("utf-8", "surrogatepass")
        words, marked = _spelled(field, casing, stems.runs, utf8)
        found = stems.labelled[field] = (tuple(words), (*compounds(field, casing), *_camel_words(utf8, casing),
                                                        *_literals(field, casing, marked)))
    return found[0], list(found[1])


def _bounded(words: list[str], compounds: list[str]) -> tuple[list[str], list[str]]:
    """A body's words and compounds as the index takes them: of its first MAX_BODY_WORDS different ones (its
    words in order, then its compounds), each as often as the text writes it."""
    distinct = dict.fromkeys(words)
    distinct.update(dict.fromkeys(compounds))
    if len(distinct) <= MAX_BODY_WORDS:
        return words, compounds
    kept = set(itertools.islice(distinct, MAX_BODY_WORDS))
    return [word for word in words if word in kept], [word for word in compounds if word in kept]


def _field_weights(term_of: Callable, fields: list[list], body_words: list, joined: list[list],
                   pairs: list[tuple[str, str]] = ()) -> dict[str, int]:
    """term -> impact of one story's words, each made a term by `term_of`; `fields`: the words of its title, labels,
    excerpt and kind; `joined`: each field's compounds, then the body's; `pairs`: words side by side that synonyms
    stand in (_synonyms)."""
    frequency = Counter(map(term_of, body_words))
    if joined[-1]:  # (counted as the body's words, the text's length as it was: its words do not change)
        frequency.update(map(term_of, joined[-1]))
    norm = K1 * (1 - B + B * len(body_words) / BODY_LENGTH)
    # body frequency -> its BM25 points: most terms are there once or twice, so this is a short table
    points = {n: round(n * BODY_SCALE / (n + norm)) or 1 for n in set(frequency.values())}
    weights = dict(zip(frequency, map(points.__getitem__, frequency.values())))
    title_terms, label_terms, excerpt_terms, kind_terms = (list(map(term_of, found)) for found in fields)
    for found, compound, bonus in zip((title_terms, label_terms, excerpt_terms, kind_terms), joined,
                                      (TITLE_POINTS, LABEL_POINTS, EXCERPT_POINTS, KIND_POINTS)):
        found = set(found)
        if compound:
            found.update(map(term_of, compound))
        for term in found:
            weights[term] = weights.get(term, 0) + bonus
    # Adjacent pairs, for quoted phrases: in the title, excerpt and start of the text, where a story
    # names what it is about (every pair of a long text would double the index and its build time)
    for found in (title_terms, excerpt_terms, list(map(term_of, body_words[:PAIRS_IN_BODY]))):
        weights.update(dict.fromkeys([f"{PAIR}{first} {second}" for first, second in zip(found, found[1:])], 1))
    if pairs:
        weights.update(dict.fromkeys([f"{PAIR}{term_of(first)} {term_of(second)}" for first, second in pairs], 1))
    return weights
