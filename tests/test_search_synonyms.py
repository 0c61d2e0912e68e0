"""Site search finds what readers mean: a product's former name and its words (`search_synonyms` in config.yaml, and a
topic's name and shortname), a compound typed as one word that stories write apart (`nocode`: "no code"), a name
written with a leading dot (`.NET`) matched exactly, and an offer's price as written (`$4.99`, `4,99 €`, `free`).
"""

from __future__ import annotations

import json
import marshal
import zlib

import pytest

from conftest import build_site, make_site, search_results, static_server, story_files, told
from generator.build.pipeline import BuildOptions
from generator.config.load import load_config
from generator.errors import ConfigError
from generator.plan.search import FORMAT
from generator.plan.search_compounds import joins, phrase_joins
from generator.plan.search_files import SEARCH_FOLDER
from generator.plan.search_stems import terms
from generator.plan.search_tasks import PAIR, index_task
from generator.plan.search_tokens import spelled
from generator.plan.search_optional import optional_words

CONFIG = """\
title: Synonym News
base_url: https://example.org/paper/
now: "2026-11-22T12:00:00Z"
data_dir: data
search_synonyms:
  - [Dataverse, Common Data Service]
  - [tables, entities]
  - [resume, CV]
  - [Power Pages, Power Apps Portals]
  - [Web API, Data Endpoint Service]
"""

TOPIC_RECORD = "name: Common Data Service\n_id: common-data-service\nshortname: CDS\n"

# title -> what else the item says; a month apart (past the eleventh, a day), so that no two are one story
STORIES = {
    "Dataverse tables get relations": told("Lookups between tables.", topics="[Common Data Service]"),
    "Time zone entities in Common Data Service retire": told("Plan the move."),
    "Builders without developers": told("A no code approach to forms."),
    "Pro tools for makers": told("From no-code to pro code."),
    "Nocode platforms grow": told("Funding rounds."),
    "Runtime ships for Linux": told("The .NET runtime is now packaged."),
    "Office networks get faster": told("Access points arrive."),
    "Map of the coast": dict(type="download", price="{amount: 4.99, currency: USD}", body="A map."),
    "Cycling routes": dict(type="download", price="{amount: 0, currency: USD}", body="A PDF."),
    "Harbour guide": dict(type="download", price='"4,99 €"', body="A guide."),
    "Smooth on boarding for teams": told("Purchases in app arrive."),
    "Onboarding checklist": told("Steps for the first week."),
    "Dataverse gets a search page": told("Find rows fast."),
    "Write a résumé that gets read": told("Two pages at most."),
    "A portal of its own": told("Each team gets one."),
    "Itsown ships a planner": told("A start-up's first app."),
    "Power Pages Web API goes live": told("Read rows from a page."),
}

# query -> the titles it finds (in rank order when more than one), as a reader checks them
QUERIES = {
    # config.yaml's groups: the former name finds the new one, and "entities" finds "tables" (side by side first:
    # "Dataverse tables" is "CDS entities")
    "cds entities": ["Dataverse tables get relations", "Time zone entities in Common Data Service retire"],
    "dataverse": ["Dataverse tables get relations", "Dataverse gets a search page",
                  "Time zone entities in Common Data Service retire"],
    # the topic record's name and shortname: "CDS" finds a story that writes the name without the topic; and groups
    # that share a member are one (CDS ~ Common Data Service ~ Dataverse): the story that writes "Dataverse" alone too
    # (first the one of the topic, which also writes "Dataverse"; the others as if they wrote "CDS" in their titles)
    "CDS": ["Dataverse tables get relations", "Dataverse gets a search page",
            "Time zone entities in Common Data Service retire"],
    # in quotes as well: the words of another member side by side, and beside the words around the one written
    '"common data service"': ["Dataverse tables get relations", "Dataverse gets a search page",
                              "Time zone entities in Common Data Service retire"],
    '"cds entities"': ["Dataverse tables get relations"],
    '"cds gets"': ["Dataverse gets a search page"],
    # two members in a row, each of several words, each read as another member of its group
    '"power apps portals data endpoint service goes"': ["Power Pages Web API goes live"],
    '"power apps portals web api"': ["Power Pages Web API goes live"],
    # a member written without accents matches a word written with them, as a query of it does
    "cv": ["Write a résumé that gets read"],
    # a compound typed as one word, with a hyphen or apart finds each way of writing it
    "nocode": ["Nocode platforms grow", "Pro tools for makers", "Builders without developers"],
    # and typed apart, the story that writes it only as one word too, below those that write both words
    "no code": ["Pro tools for makers", "Builders without developers", "Nocode platforms grow"],
    # a small word glued to the next, typed as one word: the stories that write them apart too, below those that
    # write it as typed (a word no story writes was read as two already: search.js apart)
    "onboarding": ["Onboarding checklist", "Smooth on boarding for teams"],
    "inapp": ["Smooth on boarding for teams"],
    # a word some story writes, that starts with a small word: each way of reading it apart ("it sown" is no pair
    # any story writes, "its own" is)
    "itsown": ["Itsown ships a planner", "A portal of its own"],
    ".NET": ["Runtime ships for Linux"],  # (not completed to "networks")
    "$4.99": ["DOWNLOAD Map of the coast"],  # (a result's title link shows its type's badge first)
    "4.99": ["DOWNLOAD Map of the coast"],
    "4,99 €": ["DOWNLOAD Harbour guide", "DOWNLOAD Map of the coast"],
    "free": ["DOWNLOAD Cycling routes"],
}


def site_files() -> dict[str, str]:
    return {"data/topics/cds.yaml": TOPIC_RECORD, **story_files(STORIES)}


@pytest.fixture(scope="module")
def synonym_site(tmp_path_factory):
    config, _ = build_site(make_site(tmp_path_factory.mktemp("synonyms") / "site", site_files(), CONFIG))
    return config.output_path


def test_two_words_side_by_side_one_short_are_also_one_word():
    optional = set(optional_words("en"))
    assert joins(spelled("no code, no-code, low code; set up the scroll bar"), optional) == [
        "nocode", "codeno", "nocode", "codelow", "lowcode", "codeset", "setup", "scrollbar"]
    # not with a function word, a number or a one-letter word (which is no word), nor two long words
    assert joins(spelled("to the point of no return in 2021 a b time zone"), optional) == ["noreturn"]
    assert joins(["q2", "2021", "ai", "builder"], optional) == ["aibuilder"]
    assert joins(["ab", "c" * 45], set()) == [("ab" + "c" * 45)[:40]]  # cut as a word is
    # within a sentence or phrase only: not across a full stop, comma or bracket; a dot inside a name is none
    assert phrase_joins("Ship the code. Set it up, no code (pro app) on ASP.NET", "", optional) == [
        "nocode", "proapp", "aspnet"]
    assert phrase_joins("no code low code set up", "", optional, limit=3) == ["nocode", "codelow"]


def indexed(groups: tuple, title: str, excerpt: str = "", body: str = "Text.") -> set[str]:
    """The terms an English site's index lists one story under, with these synonym groups."""
    story = ((title, "", excerpt, "", zlib.compress(body.encode()), ()),)
    postings, _, _ = index_task(None, (0, "english", "", (groups, (), False), marshal.dumps([story], 2)))
    assert postings.terms
    return set(postings.terms)


def phrase_pairs(query: str) -> set[str]:
    """The phrase pairs a quoted query needs, as search.js makes them (each word stemmed, side by side)."""
    found = terms(query, "english")
    return {f"{PAIR}{first} {second}" for first, second in zip(found, found[1:])}


def test_groups_that_share_a_member_are_one_group():
    groups = (("Dataverse", "Common Data Service"), ("common data services", "CDS"), ("CDS", "Cee Dee Ess"))
    for title in ("Dataverse gets a search page", "CDS gets a search page", "Cee dee ess gets a search page"):
        found = indexed(groups, title)
        assert set(terms("dataverse common data service cds cee dee ess", "english")) <= found, title
    assert "cds" not in indexed(groups[:1] + groups[2:], "Dataverse gets a search page")  # (no shared member)


def test_a_quoted_member_or_one_beside_its_neighbours_finds_the_story_that_writes_another():
    groups = (("Dataverse", "Common Data Service", "CDS"), ("tables", "entities"))
    found = indexed(groups, "Dataverse tables get relations", "New in Common Data Service: lookups.",
                    "Then Dataverse changes. " + "Word " * 60 + "CDS late.")
    for query in ("common data service", "cds entities", "common data service entities", "dataverse entities",
                  "cds tables get", "in dataverse", "in cds", "dataverse lookups", "then cds changes"):
        assert phrase_pairs(query) <= found, query
    # (pairs where phrase pairs are made: not at the 61st word of the text)
    assert not phrase_pairs("word dataverse") <= found
    assert not phrase_pairs("tables relations") <= found


def test_a_phrase_may_need_two_members_of_several_words_in_a_row():
    """Each of two members side by side read as another of its group, both of several words: the pairs inside each and
    the pair where they meet, with the words around them."""
    groups = (("Dataverse", "Common Data Service"), ("Power Pages", "Power Apps Portals"), ("tables", "entities"))
    for title, query in [("Power Pages Dataverse connector", "power apps portals common data service connector"),
                         ("New Power Apps Portals Common Data Service connector",
                          "new power pages dataverse connector"),
                         ("New Power Pages Dataverse tables", "new power apps portals common data service entities")]:
        assert phrase_pairs(query) <= indexed(groups, title), query
    assert not phrase_pairs("new power apps portals entities") <= indexed(groups, "New Power Pages Dataverse tables")


def test_a_member_matches_the_words_a_query_of_it_finds_with_or_without_accents():
    assert "cv" in indexed((("resume", "CV"),), "Write a résumé that gets read")
    assert "cv" in indexed((("résumé", "CV"),), "Resume the upload")  # ("résumé" typed finds "resume")
    assert "cv" not in indexed((("résumé", "CV"),), "Reuse the upload")


def test_items_that_share_their_labels_and_kind_are_each_indexed_as_alone():
    """A task reads an item's labels and kind once for every item that has them (most items share them): each item is
    still indexed under the terms and impacts it has alone, its labels' synonyms, compounds and camel case's parts
    once, whatever the items before it."""
    groups = (("Dataverse", "Common Data Service"),)
    labels, kind = "Dataverse T-Mobile VentureBeat C# Ann Lee ", "Video Videos"
    stories = [((title, labels, excerpt, kind, zlib.compress(body.encode()), ("t:news",)),)
               for title, excerpt, body in (("Dataverse gets a search page", "", "Text."),
                                            ("Tables in a lake", "Common Data Service for all.", "More text here."),
                                            ("Dataverse again", "No code.", ""))]

    def impacts(stories: list, hangul: bool) -> list[dict[str, int]]:
        postings, _, _ = index_task(None, (0, "english", "", (groups, (), hangul), marshal.dumps(stories, 2)))
        found: list[dict[str, int]] = [{} for _ in stories]
        at = 0
        for term, length in zip(postings.terms, postings.lengths):
            for doc, impact in zip(postings.ids[at:at + length], postings.impacts[at:at + length]):
                found[doc][term] = impact
            at += length
        return found

    for hangul in (False, True):
        together = impacts(stories * 2, hangul)
        alone = [impacts([story], hangul)[0] for story in stories]
        assert all(together) and together == alone * 2
        assert {"common", "servic", "tmobil", "ventur", "c#", "video"} <= together[2].keys()  # (its labels, kind)


def test_bad_synonym_groups_are_errors_with_their_line(tmp_path):
    for group, said in (("[Dataverse]", "fewer than two different words"),
                        ("[tables, Tables]", "fewer than two different words"),
                        ('[CDS, "#"]', "no word search can match")):
        root = make_site(tmp_path / str(len(said)) / said[:3], {}, f"title: T\nsearch_synonyms:\n  - [a1, b2]\n  - {group}\n")
        with pytest.raises(ConfigError) as raised:
            load_config(root / "config.yaml")
        text = str(raised.value)
        assert "config.yaml:4: `search_synonyms[1]`" in text and said in text, text


@pytest.mark.slow
def test_the_index_lists_synonyms_joins_and_prices(synonym_site):
    folder = synonym_site / SEARCH_FOLDER
    found = {}
    for path in (folder / "terms").iterdir():
        found.update(json.loads(path.read_bytes())["terms"])
    assert json.loads((folder / "meta.json").read_bytes())["version"] == FORMAT
    # "nocode" for the story writing it, and those writing "no code" and "no-code"; "cds" beside "common data service"
    # and (chained) "dataverse"
    assert found[terms("nocode", "english")[0]][0] == 3
    assert found["cds"][0] == 3 and found[terms("entities", "english")[0]][0] == 2
    assert {"4.99", "99"} <= found.keys()  # (the price as its card writes it, `$4.99`: the sign is no word)


@pytest.mark.slow
def test_what_a_reader_means_finds_the_story(synonym_site, page):
    with static_server(synonym_site, "/paper/") as base:
        page.goto(base + "search/")
        page.wait_for_function("typeof window.newsdeskSearch === 'object'")
        for query, titles in QUERIES.items():
            said = "1 result for" if len(titles) == 1 else f"{len(titles)} results for"
            # (a phrase typed alone is quoted once, in the status: search.js asQuoted)
            assert search_results(page, query, said, query.strip('"')) == titles, query


def test_a_change_of_the_synonyms_makes_the_index_again(tmp_path):
    import dataclasses

    from generator.build.pipeline import plan_site
    from generator.plan.search import index_source, plan_index
    from generator.plan.search_tasks import index_tasks, task_key

    root = make_site(tmp_path / "site", site_files(), CONFIG)
    config = load_config(root / "config.yaml")
    site = plan_site(config, BuildOptions(), workers=1).model.site
    other = dataclasses.replace(config, search_synonyms=(("Dataverse", "Common Data Service"),))
    assert index_source(site, config) != index_source(site, other)
    keys = [list(map(task_key, index_tasks(plan_index(site, c)))) for c in (config, other)]
    assert keys[0] and keys[0] != keys[1]
