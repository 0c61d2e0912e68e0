"""A site's own templates link its static files: a link to a file the build writes nowhere, or one written from
the host's root on a site under a path, leads to the browser's 404 on every page; the build says so at its line."""

from __future__ import annotations

import re
import shutil

import pytest

from conftest import ROOT, build_said, item, make_site

CONFIG = 'title: T\nbase_url: https://user.github.io/news/\nnow: "2026-11-22T12:00:00Z"\n'
BASE = '{% extends "!theme/base.html" %}\n{% block head %}\nHEAD{% endblock %}\n'


def _site(tmp_path, head: str, config: str = CONFIG):
    return make_site(tmp_path / "site", {
        "content/news/2026-11-20-a.md": item(),
        "themes/default/static/css/extra.css": "body { color: red; }\n",
        "themes/default/templates/base.html": BASE.replace("HEAD", head),
    }, config)


@pytest.mark.parametrize("head, said", [
    ("<link rel=\"stylesheet\" href=\"{{ url('static/css/extras.css') }}\">",
     "warning: themes/default/templates/base.html:3: static/css/extras.css is no file of the site: the link leads "
     "to the 404 page (did you mean `static/css/extra.css`? correct the name, or add the file to "
     "themes/default/static/ or static/)"),
    ('<script src="{{ "/static/js/mine.js"|url }}"></script>',
     "warning: themes/default/templates/base.html:3: static/js/mine.js is no file of the site"),
    ('<link rel="stylesheet" href="/static/css/extra.css">',
     "warning: themes/default/templates/base.html:3: /static/css/extra.css is at the root of the host, outside "
     "base_url's path /news/: the link misses the site's file (write {{ url('static/css/extra.css') }})"),
])
def test_a_link_that_misses_the_sites_file_is_warned_of_at_its_line(tmp_path, capsys, head, said):
    code, out = build_said(_site(tmp_path, head), capsys)
    assert code == 0 and said in out, out
    # The link the warning is about is what every page has: it does miss the built file.
    page = (tmp_path / "site/output/index.html").read_text(encoding="utf-8")
    [link] = re.findall(r'(?:href|src)="(/[^"]*static/(?:css/extra|js/mine)[^"]*)"', page)
    missed = not link.startswith("/news/") or not (tmp_path / "site/output" / link.removeprefix("/news/")).is_file()
    assert missed, link


@pytest.mark.parametrize("head, config", [
    ("<link rel=\"stylesheet\" href=\"{{ url('static/css/extra.css') }}\">", CONFIG),
    ("<link rel=\"stylesheet\" href=\"{{ '/static/css/extra.css'|url }}\">", CONFIG),
    # A folder of the site's files, for a script to add names to (as the bundled search.html gives one).
    ("<link rel=\"stylesheet\" href=\"{{ url('static/css/extra.css') }}\" data-more=\"{{ url('static/css/') }}\">",
     CONFIG),
    # At the root of a domain a link from the root is the site's.
    ('<link rel="stylesheet" href="/static/css/extra.css">',
     'title: T\nbase_url: https://news.example/\nnow: "2026-11-22T12:00:00Z"\n'),
])
def test_a_link_to_a_file_the_build_writes_is_quiet(tmp_path, capsys, head, config):
    code, out = build_said(_site(tmp_path, head, config), capsys)
    assert code == 0 and "warning:" not in out, out
    page = (tmp_path / "site/output/index.html").read_text(encoding="utf-8")
    assert "static/css/extra.css" in page and (tmp_path / "site/output/static/css/extra.css").is_file()


def test_a_copy_of_every_bundled_template_links_only_files_there_are(tmp_path, capsys):
    # As a site holds them when it copies the theme whole (and as a clone's example site, built by an
    # installed newsdesk, has the repository's themes/default/ for its own).
    site = make_site(tmp_path / "site", {"content/news/2026-11-20-a.md": item()}, CONFIG)
    shutil.copytree(ROOT / "themes/default/templates", site / "themes/default/templates")
    assert len(list((site / "themes/default/templates").rglob("*.html"))) > 10
    code, out = build_said(site, capsys)
    assert code == 0 and "warning:" not in out, out
