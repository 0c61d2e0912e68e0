"""What a new user meets first: the messages of init, build, fetch, deploy and serve when something is off."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import item, make_site
from generator import cli
from generator.errors import NewsdeskError


@pytest.fixture
def site(user_site) -> Path:
    return user_site


BROKEN = '{% extends "base.html" %}\n{% block main %}\n{% if %}\n{% endblock %}\n'


@pytest.mark.parametrize("argv", [["build", "--debug"], ["--debug", "build"]])
def test_debug_shows_the_traceback_before_or_after_the_command(site, argv):
    (site / "themes/default/templates").mkdir(parents=True)
    (site / "themes/default/templates/index.html").write_text(BROKEN)
    with pytest.raises(NewsdeskError):  # --debug lets the error through, with its traceback
        cli.main(argv)
    assert cli.main(["build"]) == 1


def test_a_misspelt_theme_is_an_invalid_config_exit_2_at_its_line(site, capsys):
    (site / "themes/default/templates").mkdir(parents=True)
    config = site / "config.yaml"
    config.write_text(config.read_text() + "theme: defualt\n")
    line = config.read_text().splitlines().index("theme: defualt") + 1
    assert cli.main(["build"]) == 2  # docs/cli.md: 2 is an invalid config.yaml
    err = capsys.readouterr().err
    assert err.startswith(f"config.yaml:{line}: theme 'defualt' not found: themes/ has default (set `theme: default`)")
    assert "Build failed" not in err


@pytest.mark.parametrize("line, missing, close", [
    ('{% include "partials/crad.html" %}', "partials/crad.html", "partials/card.html"),
    ('{% import "macros/missing.html" as m %}', "macros/missing.html", None),
    ('{% from "partials/nowhere.html" import card %}', "partials/nowhere.html", None),
])
def test_a_template_naming_one_that_is_nowhere_is_reported_at_its_line(site, capsys, line, missing, close):
    templates = site / "themes/default/templates"
    templates.mkdir(parents=True)
    (templates / "404.html").write_text('{% extends "base.html" %}\n' + line + "\n")
    assert cli.main(["build"]) == 1
    err = capsys.readouterr().err
    first = err.splitlines()[0]
    assert first.startswith(f"themes/default/templates/404.html:2: template not found: {missing} ("), first
    assert f"create themes/default/templates/{missing})" in first
    assert (f"perhaps to {close}" in first) if close else "perhaps" not in first


def test_an_extends_of_a_template_that_is_nowhere_is_reported_at_its_line(site, capsys):
    partials = site / "themes/default/templates/partials"
    partials.mkdir(parents=True)
    (partials.parent / "404.html").write_text('{# lost #}\n{% extends "bases.html" %}\n')
    assert cli.main(["build"]) == 1
    assert capsys.readouterr().err.startswith(
        "themes/default/templates/404.html:2: template not found: bases.html (its include, import or extends on "
        "this line: correct the name, perhaps to base.html, or create themes/default/templates/bases.html)\n")


@pytest.mark.parametrize("output", ["..", "../..", "../../.."])
def test_an_output_folder_above_the_site_is_named_as_config_yaml_gives_it(site, capsys, output):
    config = site / "config.yaml"
    config.write_text(f"output_dir: {output}\n" + config.read_text())
    assert cli.main(["build"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"config.yaml:1: output folder {output} ({(site / output).resolve()}) contains the "
                          f"site's folder {site.resolve()} (give the output a folder of its own"), err


def test_an_absolute_output_option_is_named_as_given(site, capsys):
    assert cli.main(["build", "--output", str(site.parent)]) == 2
    assert capsys.readouterr().err.startswith(f"--output: output folder {site.parent} contains the site's folder")


@pytest.mark.parametrize("command", ["build", "check", "fetch"])
def test_a_command_run_in_a_folder_of_the_site_says_to_cd_to_the_site(site, monkeypatch, capsys, command):
    monkeypatch.chdir(site / "content/news")
    assert cli.main([command]) == 2
    assert capsys.readouterr().err.startswith(
        f"config.yaml: no config.yaml here ({site.resolve()}, a folder above, has one: run newsdesk in the site's "
        "folder after `cd ../..`, or pass --config ../../config.yaml)\n")
    monkeypatch.chdir(site.parent)  # the site below: which folder to go to
    assert cli.main([command]) == 2
    assert f"({site.name}/ has one: run newsdesk in the site's folder after `cd {site.name}`" in capsys.readouterr().err
    (site.parent / "elsewhere").mkdir()
    monkeypatch.chdir(site.parent / "elsewhere")  # nothing above or below: what to do in general
    assert cli.main([command]) == 2
    assert "`newsdesk init DIR`" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["build", "check"])
def test_an_empty_content_folder_gets_a_hint(site, capsys, command):
    (site / "content/news/one.md").unlink()
    assert cli.main([command]) == 0
    assert ("note: content/: the content folder has no items (files ending in .md): put them there"
            in capsys.readouterr().err)
    (site / "content/news/one.md").write_text(item("One"))
    assert cli.main([command]) == 0
    assert "note:" not in capsys.readouterr().err


def test_fetch_skips_entries_with_no_title_link_or_text_and_counts_them(tmp_path, capsys):
    import yaml
    from feed_server import FeedServer, Route

    with FeedServer() as server:
        server.routes["/feed.xml"] = Route(b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Desk</title>
            <link>https://desk.example/</link>
            <item><title>Kept</title><link>https://desk.example/kept</link></item>
            <item><guid isPermaLink="false">empty-1</guid><description>  </description></item>
            <item><title> </title><description><![CDATA[<p> </p>]]></description></item>
            <item><description>Only a text, kept</description></item>
            </channel></rss>""")
        root = make_site(tmp_path / "site", {}, "title: Fetched\nbase_url: https://example.org/\n"
                         f"fetch:\n  timeout: 2\n  retries: 0\nsources:\n  - {server.url('/feed.xml')}\n")
        assert cli.main(["fetch", "--config", str(root / "config.yaml")]) == 0
    out, err = capsys.readouterr()
    titles = sorted(yaml.safe_load(path.read_text().split("---\n")[1])["title"]
                    for path in (root / "content/fetched").rglob("*.md"))
    assert titles == ["Kept", "Only a text, kept"]
    assert "2 entries with no title, link or text: left out" in err, err
    assert out.startswith("1 source, 2 new,"), out


def test_init_inside_another_git_repository_says_what_that_means(tmp_path, monkeypatch, capsys):
    outer = tmp_path / "project"
    outer.mkdir()
    subprocess.run(["git", "init", "-q", str(outer)], check=True)
    monkeypatch.chdir(outer)
    assert cli.main(["init", "my-site"]) == 0
    err = capsys.readouterr().err
    assert err.startswith(f"note: my-site is inside the git repository {outer.resolve()}, so the site is part of "
                          "that repository: `newsdesk deploy` would publish from it to its remote"), err
    assert cli.main(["build", "--config", "my-site/config.yaml"]) == 0  # a note, not a refusal
    # the root of a repository of its own (`git init`, a fresh clone) is what the docs recommend: no note
    fresh = tmp_path / "fresh"
    subprocess.run(["git", "init", "-q", str(fresh)], check=True)
    monkeypatch.chdir(fresh)
    capsys.readouterr()
    assert cli.main(["init", "."]) == 0
    assert "note:" not in capsys.readouterr().err


def test_deploys_base_url_warning_names_the_config_line_or_the_option(site, tmp_path, capsys):
    remote, github = tmp_path / "remote.git", "https://github.com/alice/news.git"
    subprocess.run(["git", "init", "-q", "--bare", str(remote)], check=True)
    for args in (["init", "-q", "-b", "main"], ["config", "user.name", "Ed"], ["config", "user.email", "ed@example.org"],
                 ["add", "-A"], ["commit", "-q", "-m", "Site"], ["remote", "add", "origin", github],
                 ["config", f"url.{remote}.pushInsteadOf", github]):  # looks like GitHub, pushes to the disk
        subprocess.run(["git", *args], cwd=site, check=True, capture_output=True)
    lines = (site / "config.yaml").read_text().splitlines()
    line = next(n for n, text in enumerate(lines, 1) if text.startswith("base_url:"))
    assert cli.main(["deploy"]) == 0
    err = capsys.readouterr().err
    assert f"warning: config.yaml:{line}: base_url " in err and "set `base_url: https://alice.github.io/news/`" in err
    assert cli.main(["deploy", "--base-url", "https://alice.github.io/old/"]) == 0
    err = capsys.readouterr().err
    assert "warning: --base-url: base_url https://alice.github.io/old/ does not match" in err
    assert "(pass --base-url https://alice.github.io/news/)" in err


def test_serve_on_every_address_says_the_address_other_devices_open(site):
    import ipaddress
    import socket

    from generator.build.pipeline import BuildOptions
    from generator.config import load_config
    from generator.serve.server import DevServer, network_address

    config_file = site / "config.yaml"
    dev = DevServer(lambda: load_config(config_file), BuildOptions(workers=1), config_file, host="0.0.0.0", port=0)
    dev.start()
    try:
        assert dev.url.startswith("http://127.0.0.1:")  # what works on this computer
        address = network_address()
        if not address:
            pytest.skip("this computer has no network address")
        assert dev.network_url == f"http://{address}:{dev.port}/"
        # It is one of this computer's own addresses (only those can be bound), which the server listening on
        # every address answers on; the tests send HTTP to loopback only, so it is not fetched.
        assert not ipaddress.ip_address(address).is_loopback
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as own:
            own.bind((address, 0))
    finally:
        dev.stop()
    local = DevServer(lambda: load_config(config_file), BuildOptions(workers=1), config_file, port=0)
    assert local.network_url == ""  # 127.0.0.1: this computer only
