"""What a build leaves in memory for the next build in the same process (serve): its plan and what
rendering it made that can carry over. Never saved to disk (BuildCache pickles without it)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.build.fingerprints import TemplateKey
from generator.plan.pages import RenderedSite
from generator.render.fragments import Fragments


@dataclass(frozen=True)
class RenderState:
    """Rendering's state across builds, as one value rather than attributes on a Jinja environment.

    `fragments` (cards and other imported macros' outputs: render/fragments.py) and `output_memo` (stories as feeds
    and API files describe them) carry over to the next build only while `site_wide_key` is the same: the config, the
    build time, the site-wide values (topic names, provider badges) and the templates."""

    keys: dict[str, TemplateKey]  # each page template's key
    site_keys: dict[str, str]  # fingerprints.site_keys of the site
    site_wide_key: tuple
    fragments: Fragments
    output_memo: dict


@dataclass(frozen=True)
class LastBuild:
    plan: RenderedSite
    plan_key: tuple  # (build time, drafts, future) it was planned under
    render: RenderState
