"""serve's API files after an edit (generator/serve/fastpath.py, with_outputs; generator/plan/api.py).

What a user checks: after any edit, api/news/ and api/stories/ are exactly what a full build of the same files
makes; and serve plans again only the API files that show an edited item or a member of its story (the others
are the last plan's: serve neither plans nor compares them again).
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from conftest import edit_file, clean_build, copy_example_site, files_under, item
from generator.build.pipeline import BuildOptions
from generator.config.load import load_config
from generator.serve.rebuild import Session, rebuild, update_search

OPTIONS = BuildOptions(workers=1)
VAULTLY = "2026-10-22-vaultly-build-server-breach.md"  # the example site's story of several items: its lead
MEMBER = "2026-10-22-what-vaultly-breach-means.md"  # and one of its other items


@pytest.fixture
def example(tmp_path):
    """The example site (stories on) with three items a page, so that Latest's and the stories' API files are
    many, built once in a serve Session."""
    root = copy_example_site(tmp_path / "site")
    config_file = root / "config.yaml"
    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(re.sub(r"^items_per_page: .*$", "items_per_page: 3", text, count=1, flags=re.M),
                           encoding="utf-8")
    config, session = load_config(config_file), Session()
    assert rebuild(session, config, OPTIONS, None, environ={}).site.model.site.stories
    return root, config, session


def _save(session: Session, config, path: Path):
    result = rebuild(session, config, OPTIONS, [path], environ={})
    update_search(config, result.site)  # (serve does it in the background after the fast path)
    return result


def _api(outputs) -> dict:
    return {output.name: output for output in outputs if output.name.startswith(("api/news/", "api/stories/"))}


EDITS = {  # file, pattern, replacement: each takes the fast path (no story changes)
    "a member's headline": (MEMBER, r"^title: .*$", 'title: "Vaultly, explained"'),
    "an item alone's headline": ("2026-10-26-drone-footage-kessel-glacier.md", r"^title: .*$", 'title: "Glacier, filmed"'),
    "the lead's heat": (VAULTLY, r"^heat: .*$", "heat: 1"),
    "an item alone redated": ("2026-10-26-drone-footage-kessel-glacier.md", r"^publishedDateTime: .*$",
                              "publishedDateTime: 2026-11-21T09:00:00Z"),
    # past the Vaultly story's two items: their indices move, so the stories are numbered otherwise and the
    # list pages planned again keep only the cards of the items of stories none of whose items moved
    "an item alone redated across a story": ("2026-10-21-tallyfin-record-quarter.md",
                                             r"^publishedDateTime: .*$", "publishedDateTime: 2026-10-23T09:00:00Z"),
}


# One edit runs in the quick test run (`-m "not slow"`), a story's member (a redate that numbers the stories
# otherwise runs quick in tests/test_stories_site.py); CI runs every one.
QUICK_EDITS = ("a member's headline",)


@pytest.mark.parametrize("edit", [pytest.param(name, marks=() if name in QUICK_EDITS else pytest.mark.slow)
                                  for name in EDITS])
def test_an_edit_plans_again_only_the_api_files_showing_its_story_and_equals_a_full_build(example, tmp_path, edit):
    root, config, session = example
    name, pattern, replacement = EDITS[edit]
    path = root / "content/news" / name
    before = _api(session.last.plan.outputs)
    stories = session.last.plan.model.site.stories
    edit_file(path, pattern, replacement)
    result = _save(session, config, path)
    assert result.mode == "patch"
    site = result.site.model.site
    index = next(n for n, one in enumerate(site.items) if one.source.endswith(name))
    number = site.story_of.get(index)
    assert (site.stories != stories) == ("redated" in edit)  # (the same stories, or numbered otherwise)
    story = set(site.stories[number].members) if number is not None else {index}
    now = _api(result.site.outputs)
    assert sorted(now) == sorted(before)
    showing = [n for n, output in now.items() if story & set(output.items)]
    others = [n for n, output in now.items() if n not in showing]
    assert showing and len(others) > 5
    if "redated" not in edit:  # (a redate moves the items between its old and new places: their files change)
        assert [n for n in others if now[n] is not before[n]] == []
    assert [n for n in showing if now[n] is before[n]] == []
    assert files_under(config.output_path) == clean_build(root, tmp_path / "fresh")


@pytest.mark.slow  # (over a second; an item joining a story runs quick in tests/test_stories_site.py)
def test_a_story_gaining_and_losing_an_item_gives_the_api_of_a_full_build(example, tmp_path):
    # A new item declaring the Vaultly story's article as its coverage joins that story (api/stories/ lists it
    # among the story's items, api/news/ gives its members one more source), then is deleted again.
    root, config, session = example
    joining = root / "content/news/2026-10-23-vaultly-follow-up.md"
    breach = "https://patchnote.example/2026/10/22/vaultly-build-server-breach/"
    joining.write_text(item("Vaultly follow-up", "2026-10-23T09:00:00Z", provider="{name: Wire, domain: wire.example}",
                            related=f"[{{title: 'Breach', webUrl: '{breach}'}}]"), encoding="utf-8")
    for step in ("joins", "leaves"):
        if step == "leaves":
            joining.unlink()
        result = _save(session, config, joining)
        site = result.site.model.site
        sizes = sorted(len(story.members) for story in site.stories)
        joined = any(one.source.endswith(joining.name) for one in site.items)
        assert joined == (step == "joins"), sizes
        assert files_under(config.output_path) == clean_build(root, tmp_path / f"fresh-{step}"), step
