"""Links a page makes to the site's own pages and files: root-relative under base_url's path (`url`), absolute
(`absolute`, for feeds, link previews and JSON-LD), and the site's page of an outside story's link (`internal`).
make_env binds each to the site's values once per build.
"""

from __future__ import annotations

from generator.site.model import Site
from generator.urls import origin_url


def url(base_path: str, path: str) -> str:
    """Link to a page or file of this site (root-relative, so it works under a base_url path)."""
    if path.startswith(("http://", "https://")):
        return path
    return base_path + path.lstrip("/")


def absolute(base_url: str, base_path: str, path: str) -> str:
    """The whole URL of a page or file of this site, as a feed or a link preview needs it."""
    return origin_url(base_url, url(base_path, path))


def internal(site: Site, context, link: str) -> str:
    """The path of the site's own page for an outside URL, if the site has that story and the page
    shows it (Page.items: an article page shows the related coverage the site has). So what it
    returns follows from the page's items, which its fingerprint covers: a story moved or added
    changes the pages that show it, not every page that could call this (every story page)."""
    index = site.url_index.get(link)
    page = context.get("page")
    if index is None or page is None or index not in page.items:
        return ""
    return site.items[index].path
