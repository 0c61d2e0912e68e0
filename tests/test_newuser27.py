"""A new user: a failed picture is named at the item file and line that give it, in `newsdesk pictures`' own
words; the search benchmark says what to install rather than printing a traceback; `newsdesk --version` says
where the bundled theme is; and what else session 27 found."""

from __future__ import annotations

import re
import socket

import pytest

from conftest import BASIC_CONFIG, item, make_site
from feed_server import FeedServer, Route
from generator.cli import main


# --- 1. newsdesk pictures: each failure names the item file and line, and speaks of pictures, not feeds ---------

def _closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_a_failed_picture_is_named_at_the_item_line_that_gives_it(tmp_path, capsys):
    down = f"http://127.0.0.1:{_closed_port()}"
    with FeedServer() as server:
        server.routes["/logo.png"] = Route(b"nothing here", status=404)
        site = make_site(tmp_path / "site", {
            "content/a.md": item("Cranes repainted", images=f'\n  - url: "{server.url("/missing.jpg")}"'
                                                            "\n    width: 640\n    height: 360"),
            "content/b.md": item("Harbour opens", provider=f'\n  name: Port News\n  domain: port.example'
                                                           f'\n  images:\n    - url: "{server.url("/logo.png")}"'),
            "content/c.md": item("Ferry late", image=f'"{down}/one.jpg"'),
            "content/d.md": item("Ferry early", image=f'"{down}/two.jpg"'),
        })
        code = main(["pictures", "--config", str(site / "config.yaml"), "--local-hosts"])
    err = capsys.readouterr().err
    assert code == 0, err
    failed = {url: where for where, url in re.findall(r"^failed: (\S+): (\S+): ", err, re.M)}
    assert failed == {
        server.url("/missing.jpg"): "content/a.md:4",  # its `images:` line
        server.url("/logo.png"): "content/b.md:7",  # the `images:` line under `provider:`
        f"{down}/one.jpg": "content/c.md:4",
        f"{down}/two.jpg": "content/d.md:4",
    }, err
    assert "no picture at this URL; open it in a browser, and fix the URL or remove the picture from the item" in err
    # A picture is not a feed, and it is asked again when `newsdesk pictures` runs again, not on a fetch
    assert "feed" not in err and "next fetch" not in err and "this fetch" not in err, err
    assert "tried again the next time newsdesk pictures runs" in err
    assert "could not be reached for another picture earlier in this run" in err


# --- 2. bench.search_quality without Pagefind says what to install, before it builds anything -----------------

def test_the_search_benchmark_without_pagefind_says_what_to_install(tmp_path, monkeypatch):
    from bench import search_quality

    corpus = tmp_path / "corpus"
    (corpus / "news").mkdir(parents=True)
    monkeypatch.setattr(search_quality, "has_pagefind", lambda: False)
    with pytest.raises(SystemExit) as stopped:
        search_quality.main(["--corpus", str(corpus)])
    said = str(stopped.value.code)
    assert "pip install 'pagefind[extended]'" in said and "--no-pagefind" in said


def test_the_search_benchmark_without_its_corpus_says_to_pass_one(tmp_path):
    from bench import search_quality

    with pytest.raises(SystemExit) as stopped:
        search_quality.main(["--corpus", str(tmp_path / "nowhere")])
    said = str(stopped.value.code)
    assert said.startswith(f"{tmp_path / 'nowhere'}: ") and "pass --corpus DIR" in said


@pytest.mark.parametrize("module, option", [("bench.lighthouse", "--corpus"), ("bench.picture_sizes", "--corpus"),
                                            ("bench.stories", "--labelled")])
def test_a_benchmark_without_its_data_says_which_option_names_it(tmp_path, capsys, module, option):
    import importlib

    missing = tmp_path / "nowhere"
    assert importlib.import_module(module).main([option, str(missing)]) == 2
    said = capsys.readouterr().err
    assert said.startswith(f"{missing}: ") and f"pass {option} " in said, said


# --- 3. the bundled theme to copy from: `newsdesk --version` says where it is now --------------------------------

def test_version_says_where_the_bundled_theme_to_copy_from_is(tmp_path, capsys, monkeypatch):
    from pathlib import Path

    with pytest.raises(SystemExit):
        main(["--version"])
    said = capsys.readouterr().out
    where = Path(re.search(r"bundled theme: (.+)\)$", " ".join(said.split())).group(1))
    assert (where / "templates/partials/card.html").is_file(), said
    # the README.txt that init writes points at it, for when newsdesk was installed again since
    monkeypatch.chdir(tmp_path)
    assert main(["init", "fresh"]) == 0
    readme = (tmp_path / "fresh/themes/default/README.txt").read_text(encoding="utf-8")
    assert "`newsdesk --version` says" in readme
    assert readme.strip().splitlines()[-1].strip() == str(where)


def test_a_site_made_from_a_card_copied_from_there_builds_with_the_copy(tmp_path, capsys, monkeypatch):
    from pathlib import Path

    with pytest.raises(SystemExit):
        main(["--version"])
    where = Path(re.search(r"bundled theme: (.+)\)$", " ".join(capsys.readouterr().out.split())).group(1))
    site = make_site(tmp_path / "site", {"content/a.md": item("Cranes repainted")}, BASIC_CONFIG)
    card = (where / "templates/partials/card.html").read_text(encoding="utf-8")
    assert card.count("<article") >= 1
    override = site / "themes/default/templates/partials/card.html"
    override.parent.mkdir(parents=True)
    override.write_text(card.replace("<article", '<article data-mine="yes"', 1), encoding="utf-8")
    assert main(["build", "--config", str(site / "config.yaml")]) == 0
    assert 'data-mine="yes"' in (site / "output/latest/index.html").read_text(encoding="utf-8")


# --- 4. an empty pictures_dir is named at its line, by `newsdesk pictures` and by init's --pictures ------------

def test_an_empty_pictures_dir_is_named_at_its_line(tmp_path, capsys):
    site = make_site(tmp_path / "site", {"content/a.md": item("Cranes repainted")}, BASIC_CONFIG + 'pictures_dir: ""\n')
    assert main(["pictures", "--config", str(site / "config.yaml")]) == 2
    said = capsys.readouterr().err
    assert said.startswith("config.yaml:4: `pictures_dir` is empty") and "(set it to a folder" in said, said
    assert main(["init", str(site), "--github-actions", "--pictures", "--install", "newsdesk==0.1.0"]) == 2
    said = capsys.readouterr().err
    assert f"{site / 'config.yaml'}:4: `pictures_dir` is empty" in said, said
