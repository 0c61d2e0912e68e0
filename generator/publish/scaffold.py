"""`newsdesk init DIR`: a new site that builds at once."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

from generator.build.cache import CACHE_DIR
from generator.errors import ConfigError, Problem

CONFIG = """\
# newsdesk site configuration; `newsdesk check --help` describes every key.
title: "My news site"
description: "News worth reading, collected from around the web."
base_url: "https://example.github.io/my-news/"   # where the site will be published
language: en
timezone: UTC
items_per_page: 20
ranking:
  half_life_hours: 36
# Items link full-size pictures from other sites; an image resizing service sends phones small copies
# (`picture_resizer` in `newsdesk check --help`; choose one whose terms and privacy suit your site):
# picture_resizer: "https://wsrv.nl/?url={url}&w={width}"
topics:
  - name: Technology
  - name: AI
    parent: Technology
  - name: Science
"""

ITEMS = {
    "content/news/2026-01-05-welcome-to-your-news-site.md": """\
---
title: "Welcome to your news site"
excerpt: "Each item is one Markdown file in content/ with front matter; this one shows the fields newsdesk reads."
publishedDateTime: 2026-01-05T09:00:00Z
originalUrl: "https://example.com/welcome"
webUrl: "https://example.com/welcome"
type: article
quality: 80
heat: 60
published: true
provider:
  name: Example News
  domain: example.com
topics:
  - Technology
---
Replace these items with your own. Run `newsdesk build` to build the site into `output/`.
""",
    "content/news/2026-01-06-models-that-explain-themselves.md": """\
---
title: "Models that explain themselves"
excerpt: "A made-up story to show a topic with a parent: AI belongs to Technology."
publishedDateTime: 2026-01-06T14:30:00Z
originalUrl: "https://example.org/ai/explain"
type: article
quality: 55
heat: 90
provider:
  name: Example Science Desk
  domain: example.org
topics:
  - AI
related:
  - title: "Another take on models that explain themselves"
    webUrl: "https://example.net/explainable"
    publishedDateTime: 2026-01-06T16:00:00Z
    provider:
      name: Example Net
      domain: example.net
---
Body text is **Markdown**. Links such as [this one](https://example.org/) are kept; scripts are not.
""",
    "content/news/2026-01-07-a-quiet-week-for-comets.md": """\
---
title: "A quiet week for comets"
excerpt: "Science items work the same way; this one is a draft until published is true."
publishedDateTime: 2026-01-07T08:00:00Z
originalUrl: "https://example.org/science/comets"
type: article
quality: 40
heat: 20
published: false
provider:
  name: Example Science Desk
  domain: example.org
topics:
  - Science
---
Drafts are left out of the site unless you build with `--drafts`. So is the Science topic's page: a topic
gets one with its first published item.
""",
}

# The built site and the build cache are made from the sources; committing them only causes conflicts.
# The output, the build cache, and the writer's folders beside the output (writer.Staging's staging and spare
# folders, update_in_place's update folder): all made by builds, none to commit.
GITIGNORE = f"/output/\n/{CACHE_DIR}/\n/.output.newsdesk-*/\n"

THEME_README = """\
Files here override the bundled theme file by file: copy a template from the bundled theme's
templates/ folder to templates/ here and edit the copy, or put CSS and images in static/
(a stylesheet of your own is linked from a templates/base.html: docs/themes.md says how).
The bundled theme is themes/default/ in newsdesk's repository; `newsdesk --version` says
where it is in the copy of newsdesk you run. In the copy that made this site, it was at:
  {bundled}
"""


def _may_stay(name: str) -> bool:
    """What a new repository holds before a site is made in it (`git init`, or a clone of one just created
    on GitHub, which offers a README, a license and a .gitignore template): init writes none of these names
    but .gitignore, whose lines it adds to one that is there (_add_ignored)."""
    return name in (".git", ".gitignore", ".gitattributes") or name.upper().startswith(
        ("README", "LICENSE", "LICENCE", "COPYING"))


def _add_ignored(path: Path) -> None:
    """A .gitignore that is there (GitHub's template, made with the repository) with GITIGNORE's lines it lacks
    added at its end, its own lines kept: the output and the cache are never to be committed."""
    old = path.read_bytes()
    have = {line.strip() for line in old.decode("utf-8", "replace").splitlines()}
    missing = [line for line in GITIGNORE.splitlines() if line not in have]
    if missing:
        start = b"" if not old or old.endswith(b"\n") else b"\n"
        path.write_bytes(old + start + ("# newsdesk's builds\n" + "\n".join(missing) + "\n").encode("utf-8"))


def create_site(target: Path) -> list[Path]:
    """Write a new site into `target` (missing, empty, or a new repository); return the files made."""
    if target.exists() and not target.is_dir():
        raise ConfigError(Problem(str(target), None, "is a file, not a folder",
                                  "choose a new folder for the site: newsdesk init DIR"))
    in_the_way = sorted(path.name for path in target.iterdir() if not _may_stay(path.name)) if target.exists() else []
    if "config.yaml" in in_the_way:  # (`newsdesk init my-site` run twice)
        word = shlex.quote(str(target))
        build = "newsdesk build" if target.absolute() == Path.cwd() else f"cd {word} && newsdesk build"
        raise ConfigError(Problem(str(target / "config.yaml"), None, "there is a site here already",
                                  f"build it: `{build}`; `newsdesk init {word} --github-actions` adds only the "
                                  f"GitHub Pages workflow; or choose a new folder: newsdesk init never overwrites "
                                  f"files"))
    if in_the_way:
        shown = ", ".join(in_the_way[:5]) + (f" and {len(in_the_way) - 5} more" if len(in_the_way) > 5 else "")
        raise ConfigError(Problem(str(target), None, f"folder is not empty: it holds {shown}",
                                  "choose a new folder; newsdesk init never overwrites files, and writes into a "
                                  "folder only when it is empty or holds nothing but .git, README, LICENSE and "
                                  ".gitignore files"))
    from generator.config.values import bundled_theme_dir

    # (where this copy's theme is: inside site-packages for a copy installed with pip, which has no themes/ folder
    # of newsdesk's repository to copy from)
    readme = THEME_README.format(bundled=bundled_theme_dir("default"))
    files = {"config.yaml": CONFIG, "themes/default/README.txt": readme, ".gitignore": GITIGNORE, **ITEMS}
    made = []
    for name, text in files.items():
        path = target / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if name == ".gitignore" and path.is_file():
            _add_ignored(path)
        else:
            path.write_text(text, encoding="utf-8")
        made.append(path)
    for folder in ("themes/default/templates", "themes/default/static"):
        (target / folder).mkdir(parents=True, exist_ok=True)
    return made


def enclosing_repository(target: Path) -> Path | None:
    """The git repository that `target` is inside of without being its root (a site made in a clone of
    something else, newsdesk's own say), or None: a site there is part of that repository, and deploy would
    publish from it, to its remote."""
    try:
        found = subprocess.run(["git", "rev-parse", "--show-toplevel"], cwd=target, capture_output=True, text=True,
                               encoding="utf-8", errors="replace", stdin=subprocess.DEVNULL)
    except OSError:  # no git: nothing to say (deploy says git is needed)
        return None
    top = Path(found.stdout.strip()).resolve() if found.returncode == 0 and found.stdout.strip() else None
    return top if top and top != target.resolve() else None
