"""Plan the files that are not pages. Site + Rankings + the planned pages -> FileOutputs:
feeds, sitemaps and robots.txt, the JSON API, what GitHub Pages reads (.nojekyll, CNAME), and the redirect pages
at old addresses (plan/redirects.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Iterable, Sequence

from generator.plan.api import api_outputs
from generator.config.values import Config
from generator.plan.feeds import feed_outputs
from generator.site.model import Site
from generator.plan.pages import EarlierOutputs, FileOutput, Page
from generator.site.ranking import Rankings
from generator.plan.redirects import Redirects, plan_redirects
from generator.plan.sitemap import sitemap_outputs


def plan_outputs(site: Site, rankings: Rankings, pages: Sequence[Page], config: Config, now: datetime,
                 entries: dict | None = None, earlier: EarlierOutputs | None = None,
                 copies: Iterable[str] = ()) -> list[FileOutput]:
    """Every FileOutput of the site, in a stable order (plan_files')."""
    return plan_files(site, rankings, pages, config, now, entries, earlier, copies)[0]


def plan_files(site: Site, rankings: Rankings, pages: Sequence[Page], config: Config, now: datetime,
               entries: dict | None = None, earlier: EarlierOutputs | None = None,
               copies: Iterable[str] = ()) -> tuple[list[FileOutput], Redirects]:
    """Every FileOutput of the site, in a stable order, and the old addresses' redirects among them. `entries` (id
    of a Page -> its sitemap entry) are the sitemap's entries of pages planned before, and `earlier` the feeds and
    API files of lists planned as before (generator/serve/fastpath.py: the same Page and FileOutput objects);
    `copies`: the names of the files copied into the output (RenderedSite.copies), which no old address takes."""
    outputs = feed_outputs(site, rankings, config, earlier) if config.feeds else []
    outputs += sitemap_outputs(pages, site, config, now, entries=entries)
    if config.api:
        outputs += api_outputs(site, rankings, config, earlier)
    outputs.append(FileOutput.constant(".nojekyll", b""))  # GitHub Pages: serve the output as is, `_` folders too
    if config.cname:
        outputs.append(FileOutput.constant("CNAME", config.cname.encode("utf-8")))  # the custom domain
    moved = plan_redirects(site, pages, outputs, copies, config)
    return outputs + list(moved.outputs), moved
