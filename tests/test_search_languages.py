"""Site search in the site's language: real inflected words share a term in every Snowball language the site
supports, words are stemmed as written before they are folded, and a query typed without accents still finds
them (generator/plan/search_tokens.py and search_stems.py, static/search/search.js)."""

from __future__ import annotations

import json
import subprocess

import pytest

from conftest import ROOT, item, make_site
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config
from generator.plan.search_files import SEARCH_FOLDER
from generator.plan.search_stems import STEMMERS, snowball_stemmer, terms
from generator.plan.search_tokens import casing, fold, spelled, tokens

# Forms of one word (plural and singular, cases, verb forms) that Snowball's algorithm, run on the words as
# they are written, gives one stem: the site's terms must too. Each language the site can stem has some.
FORMS = {
    "arabic": ["المدرسة مدرسة", "الكتاب كتاب"],
    "armenian": ["քաղաք քաղաքներ քաղաքը"],
    "basque": ["etxeak etxe"],
    "catalan": ["informació informacions", "elecció eleccions", "ciutat ciutats", "país països"],
    "czech": ["město města", "žena ženy", "země zemí"],
    "danish": ["bøger bøgerne", "huset husene"],
    "dutch": ["boek boeken", "café cafés"],
    "english": ["connection connections", "naïve naïvely", "café cafés"],
    "esperanto": ["ĉambro ĉambroj", "ŝipo ŝipoj", "ĝardeno ĝardenoj"],
    "estonian": ["päevad päeva"],
    "finnish": ["päivä päivät"],
    "french": ["élection élections", "été étés", "théâtre théâtres", "réseau réseaux"],
    "german": ["Haus Häuser", "Buch Bücher", "Stadt Städte", "Straße Straßen"],
    "greek": ["εκλογή εκλογές", "πόλη πόλεις", "χώρα χώρες"],
    "hindi": ["किताब किताबें", "लड़का लड़के", "सरकार सरकारें"],
    "hungarian": ["ház házak", "könyv könyvek", "város városok"],
    "indonesian": ["buku bukunya", "pemerintah pemerintahan"],
    "irish": ["gcathair cathair", "mbád bád", "dtír tír", "bhfear fear"],  # initial mutations
    "italian": ["notizia notizie", "partito partiti", "elezione elezioni"],
    "lithuanian": ["miestas miestai", "knyga knygos", "žmonės žmonių"],
    "nepali": ["किताब किताबहरू", "सरकार सरकारले", "नेपाल नेपालमा"],
    "norwegian": ["bøker bøkene", "huset husene"],
    "persian": ["کتاب کتاب\u200cها کتابها"],
    "polish": ["miasto miasta", "książka książki", "wybory wyborów"],
    "portuguese": ["informação informações", "política políticas", "país países"],
    "romanian": ["oraș orașe", "știre știri"],
    "russian": ["новый новая новое новых", "большой большая большие", "край края"],
    "serbian": ["čovek čoveka", "жена жене"],
    "sesotho": ["batho motho"],
    "spanish": ["elección elecciones", "información informaciones", "país países", "nación naciones"],
    "swedish": ["böcker böckerna"],
    "tamil": ["புத்தகம் புத்தகங்கள்", "நாடு நாடுகள்", "மாநிலம் மாநிலங்கள்"],
    "turkish": ["kitap kitaplar", "şehir şehirler", "öğrenci öğrenciler", "ülke ülkeler"],
    "yiddish": ["קינד קינדער", "שטאָט שטאָטן", "טאָג טאָגן"],
}


def test_every_language_the_site_stems_has_real_forms_here():
    assert sorted(FORMS) == sorted(set(STEMMERS.values()))


@pytest.mark.parametrize("language", sorted(FORMS))
def test_forms_of_one_word_share_a_term_as_snowball_gives_them_one_stem(language):
    for forms in FORMS[language]:
        words = forms.split()
        # (the list's own check: Snowball, on the words as written, conflates them)
        if language != "persian":  # (its verbs' prefix and ZWNJ: test_search.py's Persian tests)
            assert len({snowball_stemmer(language)(word.lower()) for word in words}) == 1, words
        found = {tuple(terms(word, language)) for word in words}
        assert len(found) == 1 and len(next(iter(found))) == 1, (language, words, found)


# Found with real words: folded before stemming, these forms lost the letters Snowball reads, and their terms
# (before -> now) no longer met.
FOLDED_APART = [
    ("russian", "новый новая большой большая", ["нов", "нов", "больш", "больш"]),  # й was и: новы, большо
    ("portuguese", "informação informações", ["inform", "inform"]),  # were informaca, informaco
    ("catalan", "informació informacions", ["inform", "inform"]),  # were informac, inform
    ("tamil", "புத்தகம் புத்தகங்கள்", ["பததகம", "பததகம"]),  # vowel signs and viramas gone
    ("nepali", "किताब किताबहरू", ["कतब", "कतब"]),  # was कतबहर for the plural
    ("polish", "wybory wyborów", ["wybor", "wybor"]),  # was wyborow
    ("romanian", "oraș orașe", ["oras", "oras"]),  # was ora for the plural
]


@pytest.mark.parametrize("language, text, expected", FOLDED_APART)
def test_words_are_stemmed_as_written_then_the_stem_is_folded(language, text, expected):
    assert terms(text, language) == expected
    assert terms(text.upper(), language) == expected  # lowercased before the stemmer reads it


def test_a_words_token_is_it_folded_and_its_term_its_stem_folded():
    assert spelled("Informações, ÉTÉ") == ["informações", "été"]
    assert tokens("Informações, ÉTÉ") == ["informacoes", "ete"]
    # compatibility letters (ligatures, full width) are written as their letters: the stemmer reads those
    assert spelled("ﬁnances ＡＢＣ x²") == ["finances", "abc", "x2"]
    assert terms("ﬁnances", "english") == terms("finances", "english") == ["financ"]
    assert fold("Ǆemal") == "dzemal"


def test_words_end_at_any_other_character_and_the_whole_text_is_lowercased_first():
    # punctuation between letters of any script parts them; a one-letter part is no word
    assert spelled("U.S.-based co_op/e-mail: café’s x² Ｆｏｏ") == ["based", "co", "op", "mail", "café", "x2", "foo"]
    # Greek's capital sigma is final only at a word's end, read across the apostrophe (as toLowerCase does)
    assert spelled("ΟΔΟΣ. ΟΔΟΣ'ΑΝ") == ["οδος", "οδοσ", "αν"]
    # a text with letters written without spaces, or a soft hyphen, beside Latin words and punctuation
    assert spelled("東京タワー, Tokyo's 1st; in\u00adter\u00adnational") == [
        "東", "京", "タ", "ワ", "ー", "tokyo", "1st", "international"]


LANGUAGES = {"pt": "portuguese", "ru": "russian", "ca": "catalan", "fr": "french", "de": "german", "es": "spanish",
             "hi": "hindi", "tr": "turkish", "pl": "polish", "da": "danish"}
# Per site language: a story's title, the query words typed as a reader without that keyboard might (folded),
# or typed with the accents in another form of the word
FOUND_BY = {
    "pt": ("Informação pública", ["informacao", "informação", "informações", "publica"]),
    "ru": ("Новый закон", ["новый", "новыи", "новая", "закон"]),
    "ca": ("Informació electoral", ["informacio", "informació", "informacions"]),
    "fr": ("Élections régionales au cœur de l’œuvre", ["elections", "élection", "regionales", "régionale", "coeur",
                                                        "oeuvres", "œuvre"]),
    "de": ("Häuser in der Straße", ["hauser", "haeuser", "Haus", "strasse", "Straßen"]),
    "es": ("Elecciones en el país", ["elecciones", "elección", "pais", "países"]),
    "hi": ("सरकार की किताबें", ["सरकार", "किताब", "सरकारें"]),
    "pl": ("Wybory w Łodzi", ["lodzi", "Łodzi", "wybory"]),  # a letter with a stroke, typed without it
    "da": ("Bøger fra Ølstykke", ["boger", "bøgerne", "olstykke"]),
    "tr": ("Şehirler ve öğrenciler", ["sehirler", "şehir", "ogrenciler", "öğrenci"]),
}


def titles_found(out, query):
    """The stories the index lists for every term of a query, as search.js looks a word up: its term, stemmed
    as the site's language does."""
    folder = out / SEARCH_FOLDER
    meta = json.loads((folder / "meta.json").read_bytes())
    lists = {}
    for path in (folder / "terms").iterdir():
        lists.update(json.loads(path.read_bytes())["terms"])
    docs = []
    for n in range(-(-meta["docs"] // meta["chunk"])):
        docs += json.loads((folder / f"docs/{n}.json").read_bytes())
    found = None
    for term in terms(query, meta["stemmer"], meta["casing"]):
        flat = lists.get(term, [0])
        ids, doc = set(), 0
        for delta in flat[1::2]:
            doc += delta
            ids.add(doc)
        found = ids if found is None else found & ids
    return sorted(docs[doc][1] for doc in found or ())


def _one_story_site(folder, title: str, language: str):
    """A built site in `language` of a story titled `title` (its body the title too) and one other story."""
    files = {"content/one.md": item(title, date="2026-11-20T10:00:00Z", body=title),
             "content/two.md": item("Other story", date="2026-11-19T10:00:00Z", body="Nothing of it.")}
    root = make_site(folder, files, "title: T\nbase_url: https://example.org/\n"
                     f'now: "2026-11-22T12:00:00Z"\nlanguage: {language}\n')
    config = load_config(root / "config.yaml")
    build(config, BuildOptions(workers=1))
    return config


def test_a_query_typed_with_or_without_accents_finds_the_forms_of_its_word(tmp_path):
    for language, (title, queries) in FOUND_BY.items():
        config = _one_story_site(tmp_path / language, title, language)
        assert json.loads((config.output_path / SEARCH_FOLDER / "meta.json").read_bytes())["stemmer"] == \
            LANGUAGES[language]
        for query in queries:
            assert titles_found(config.output_path, query) == [title], (language, query)
        assert titles_found(config.output_path, "nothing") == ["Other story"]


# Turkish and Azerbaijani capitals: "I" is the capital of "ı" and "İ" of "i". Lowercased as other languages do,
# "EVLERİ" was "evleri" with a combining dot, which the stemmer read as a letter that is no vowel (no suffix came
# off), and "KADINLAR" was "kadinlar", of another vowel harmony.
TURKISH_CAPITALS = [
    ("EVLERİ evleri", ["ev", "ev"]),
    ("KADINLAR kadınlar Kadınlar", ["kadin", "kadin", "kadin"]),
    ("İSTANBUL'DA İstanbul'da istanbul", ["istanbul", "da", "istanbul", "da", "istanbul"]),
    ("ÖĞRENCİLER öğrenciler", ["ogrenci", "ogrenci"]),
    ("IRMAK ırmak", ["irmak", "irmak"]),
    ("i\u0307stanbul", ["istanbul"]),  # as a tool that knew no Turkish lowercased "İstanbul"
]


@pytest.mark.parametrize("text, expected", TURKISH_CAPITALS)
def test_turkish_capitals_lowercase_to_the_letters_the_stemmer_reads(text, expected):
    assert terms(text, "turkish", casing("tr")) == expected
    assert casing("tr-TR") == casing("az") == casing("az-Latn") == "tr" and casing("en") == casing("") == ""


def test_turkish_words_are_written_with_their_letters_and_folded_to_plain_ones():
    assert spelled("KADINLAR İSTANBUL IBM", "tr") == ["kadınlar", "istanbul", "ıbm"]
    assert tokens("KADINLAR İSTANBUL IBM", "tr") == ["kadinlar", "istanbul", "ibm"]  # typed without Turkish letters
    assert spelled("KADINLAR İSTANBUL") == ["kadinlar", "i\u0307stanbul"]  # other languages: Unicode's default
    assert fold("Kılıçdaroğlu") == "kilicdaroglu"  # a Turkish name typed on another keyboard, any site


def test_a_turkish_or_azerbaijani_site_finds_a_capitalised_title_by_its_words(tmp_path):
    cases = {"tr": ("İSTANBUL'DA KADINLAR EVLERİ", ["istanbul", "İstanbul", "kadınlar", "kadinlar", "KADINLAR",
                                                     "evleri", "ev", "EVLER"]),
             "az": ("İQTİSADİYYAT NAZİRLİYİ", ["iqtisadiyyat", "İqtisadiyyat", "nazirliyi", "nazırlıyı"])}
    for language, (title, queries) in cases.items():
        config = _one_story_site(tmp_path / language, title, language)
        assert json.loads((config.output_path / SEARCH_FOLDER / "meta.json").read_bytes())["casing"] == "tr"
        for query in queries:
            assert titles_found(config.output_path, query) == [title], (language, query)


def in_node(tmp_path, texts: dict) -> dict:
    """search.js's [tokens, terms] of each text, in node; `texts` by "algorithm" or "algorithm:casing"."""
    (tmp_path / "texts.json").write_text(json.dumps(texts, ensure_ascii=False), encoding="utf-8")
    (tmp_path / "terms.js").write_text("""
        const fs = require("fs"), vm = require("vm"), [dir, file] = process.argv.slice(2);
        globalThis.window = globalThis;
        globalThis.document = { getElementById: () => null };
        vm.runInThisContext(fs.readFileSync(dir + "/stemmers/base.js", "utf8"));
        const texts = JSON.parse(fs.readFileSync(file, "utf8")), out = {};
        for (const key of Object.keys(texts)) {
          vm.runInThisContext(fs.readFileSync(dir + "/stemmers/" + key.split(":")[0] + ".js", "utf8"));
        }
        vm.runInThisContext(fs.readFileSync(dir + "/search.js", "utf8"));
        (async () => {
          for (const key of Object.keys(texts)) {
            const [language, casing] = key.split(":");
            await window.newsdeskSearch.useStemmer(language);
            window.newsdeskSearch.useCasing(casing || "");
            out[key] = texts[key].map(t => [window.newsdeskSearch.tokens(t), window.newsdeskSearch.terms(t)]);
          }
          process.stdout.write(JSON.stringify(out));
        })();
    """)
    run = subprocess.run(["node", str(tmp_path / "terms.js"), str(ROOT / "themes/default/static/search"),
                          str(tmp_path / "texts.json")], capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def compared_with_node(tmp_path, texts: dict) -> int:
    """How many terms search.js and Python made alike (each text's must all be alike)."""
    found_in_node = in_node(tmp_path, texts)
    assert sorted(found_in_node) == sorted(texts)
    compared = 0
    for key, found in texts.items():
        language, _, lowered = key.partition(":")
        expected = [[tokens(text, lowered), terms(text, language, lowered)] for text in found]
        differ = [(text[:80], js, py) for text, js, py in zip(found, found_in_node[key], expected) if js != py]
        assert differ == [], (key, differ[:3])
        compared += sum(len(pair[1]) for pair in expected)
    return compared


@pytest.mark.slow
def test_search_js_lowercases_turkish_as_python_does(tmp_path):
    """Turkish's made-up words in upper, title and lower case, its real capitals, and the tricky texts, with the
    Turkish casing (and English's stemmer with it, as for Azerbaijani, which Snowball has no algorithm for)."""
    from test_search import TRICKY, generated_words

    words = " ".join(generated_words("turkish", 1500)).replace("i", "İ", 300).replace("ı", "I", 300)
    capitals = [text for text, _ in TURKISH_CAPITALS]
    texts = {"turkish:tr": [words, words.upper(), words.title(), words.lower(), *capitals, *TRICKY],
             "english:tr": [words.upper(), *capitals, *TRICKY]}
    assert compared_with_node(tmp_path, texts) > 3_000


@pytest.mark.slow
def test_search_js_makes_the_terms_python_makes_in_every_language(tmp_path):
    """search.js itself (its tokeniser, stemmers and folding, in node) against generator/plan/search_tokens.py and
    search_stems.py, on each algorithm's made-up words (test_search.generated_words, in upper and title case too) and
    real forms."""
    from test_search import TRICKY, generated_words

    texts = {}
    for language in sorted(FORMS):
        words = generated_words(language, 1500)
        texts[language] = [" ".join(words), " ".join(words).upper(), " ".join(words).title(),
                           *FORMS[language], *TRICKY]
    assert compared_with_node(tmp_path, texts) > 100_000
