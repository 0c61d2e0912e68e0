"""Search quality and cost: newsdesk's own search against Pagefind, as a reader would use them.

    python -m bench.search_quality [--corpus ../shared/corpus/powerapps] [--json FILE]
    python -m bench.search_quality --bytes SITE/config.yaml [SITE/config.yaml ...]

The first form builds the real corpus (its published stories) into a temporary folder, runs Pagefind
(`pip install 'pagefind[extended]'`) on the same built site (story pages only, their <article>), and types
every judged query below into both in Debian's chromium: newsdesk through its search page, Pagefind
through its JavaScript API. Each query lists, by the corpus's file names, the stories that should come
first; the score is recall@10 (of min(10, relevant) stories) and the reciprocal rank of the first relevant
story, averaged (MRR). It also reports the bytes each engine fetched per query, each query in a new
browser context (nothing cached), and the time each takes to index.

The second form measures bytes fetched per query on big synthetic sites (`python -m bench.corpus`): it
makes only the search index and the search page of each site (not the whole build) and runs queries of
its vocabulary through the page, cold. Figures are in docs/dev/search.md.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import quote

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))  # the tests' static server and browser launch

# Queries a reader of a Power Apps news site would type, each with the stories that should come first
# (file names in ../shared/corpus/powerapps/news/; the text of the corpus is not copied here). Plain words,
# plurals, names of topics and providers, misspellings and phrases in quotes.
JUDGED = [
    ("portal", [
        "2021-06-02-table-permissions-in-portals-studio.md",
        "2021-05-28-power-apps-portals-edit-portal-with-power-platform-vs-code-extension-public-preview.md",
        "2021-05-25-power-apps-portals-introducing-power-virtual-agents-integration-using-chatbot-component-public-preview.md",
        "2021-05-05-portals-support-for-power-apps-cli-public-preview.md",
        "2021-04-06-power-apps-portals-start-using-code-components-with-portals-preview.md",
        "2021-03-30-announcing-general-availability-ga-of-power-apps-portals-web-api-support.md",
        "2021-01-22-power-apps-portals-improvements.md",
        "2020-12-14-power-apps-portals-capacity-consumption-reporting-is-now-available.md",
        "2020-12-10-power-apps-portals-configure-azure-ad-b2c-provider-for-portals-in-a-new-way-preview.md",
        "2020-11-27-power-apps-portals-manage-page-permissions-from-portals-studio.md",
        "2020-10-22-power-apps-portals-simplified-identity-provider-configuration-generally-available.md",
        "2020-08-21-power-apps-portals-web-api-support-public-preview.md",
        "2020-05-12-microsoft-power-apps-portals-2020-release-wave-1-overview.md",
        "2019-08-26-microsoft-power-apps-portals-2019-release-wave-2-overview.md",
        "2020-11-20-upcoming-changes-in-power-apps-portal-trial-subscriptions-for-dynamics-365.md",
        "2021-01-14-on-boarding-user-external-user-to-tenant-through-powerapps-portal.md",
        "2021-02-28-user-on-boarding-walkthrough-powerapps-portal-way.md",
    ]),
    ("portals", [
        "2021-06-02-table-permissions-in-portals-studio.md",
        "2021-05-28-power-apps-portals-edit-portal-with-power-platform-vs-code-extension-public-preview.md",
        "2021-05-25-power-apps-portals-introducing-power-virtual-agents-integration-using-chatbot-component-public-preview.md",
        "2021-05-05-portals-support-for-power-apps-cli-public-preview.md",
        "2021-04-06-power-apps-portals-start-using-code-components-with-portals-preview.md",
        "2021-03-30-announcing-general-availability-ga-of-power-apps-portals-web-api-support.md",
        "2021-01-22-power-apps-portals-improvements.md",
        "2020-12-14-power-apps-portals-capacity-consumption-reporting-is-now-available.md",
        "2020-12-10-power-apps-portals-configure-azure-ad-b2c-provider-for-portals-in-a-new-way-preview.md",
        "2020-11-27-power-apps-portals-manage-page-permissions-from-portals-studio.md",
        "2020-10-22-power-apps-portals-simplified-identity-provider-configuration-generally-available.md",
        "2020-08-21-power-apps-portals-web-api-support-public-preview.md",
        "2020-05-12-microsoft-power-apps-portals-2020-release-wave-1-overview.md",
        "2019-08-26-microsoft-power-apps-portals-2019-release-wave-2-overview.md",
        "2020-11-20-upcoming-changes-in-power-apps-portal-trial-subscriptions-for-dynamics-365.md",
        "2021-01-14-on-boarding-user-external-user-to-tenant-through-powerapps-portal.md",
        "2021-02-28-user-on-boarding-walkthrough-powerapps-portal-way.md",
    ]),
    ("dataverse", [
        "2021-05-25-power-fx-coming-to-model-driven-power-apps-dataverse-and-more.md",
        "2021-04-08-now-available-coe-starter-kit-in-dataverse-for-teams-and-other-improvements.md",
        "2021-03-21-microsoft-dataverse-custom-api-general-availability.md",
        "2020-11-16-reshape-the-future-of-work-with-microsoft-dataverse-for-teamsnow-generally-available.md",
        "2020-11-19-manage-microsoft-dataverse-for-teams-environments.md",
        "2021-02-22-use-edit-in-excel-in-dataverse-for-teams.md",
        "2021-01-06-you-can-now-share-dataverse-for-teams-apps-beyond-a-team.md",
    ]),
    ("dataverse for teams", [
        "2020-11-16-reshape-the-future-of-work-with-microsoft-dataverse-for-teamsnow-generally-available.md",
        "2020-11-19-manage-microsoft-dataverse-for-teams-environments.md",
        "2021-02-22-use-edit-in-excel-in-dataverse-for-teams.md",
        "2021-01-06-you-can-now-share-dataverse-for-teams-apps-beyond-a-team.md",
        "2021-04-08-now-available-coe-starter-kit-in-dataverse-for-teams-and-other-improvements.md",
    ]),
    ("power automate", [
        "2020-12-16-announcing-dataflows-power-automate-connector-public-preview.md",
        "2021-05-25-power-automate-and-power-apps-get-new-tools-and-insights.md",
        "2020-09-29-power-apps-and-automate-architecture-series.md",
    ]),
    ("\"power automate\"", [
        "2020-12-16-announcing-dataflows-power-automate-connector-public-preview.md",
        "2021-05-25-power-automate-and-power-apps-get-new-tools-and-insights.md",
    ]),
    ("ai builder", [
        "2019-10-29-ai-builder-2019-release-wave-2-overview.md",
        "2020-05-18-microsoft-power-apps-ai-builder-ready-to-use-models-2020-release-wave-1-overview.md",
        "2020-11-12-ai-builder-receipt-scanning.md",
        "2020-12-16-new-ai-builder-capabilities-are-now-generally-available.md",
    ]),
    ("receipt scanning", [
        "2020-11-12-ai-builder-receipt-scanning.md",
    ]),
    ("receipts", [
        "2020-11-12-ai-builder-receipt-scanning.md",
    ]),
    ("gpt-3", [
        "2021-05-25-microsoft-uses-gpt-3-to-add-ai-features-to-power-apps.md",
        "2021-05-25-introducing-power-apps-ideas-ai-powered-assistance-now-helps-anyone-create-apps-using-natural-language.md",
    ]),
    ("power fx", [
        "2021-03-02-what-is-microsoft-power-fx.md",
        "2021-05-25-power-fx-coming-to-model-driven-power-apps-dataverse-and-more.md",
    ]),
    ("formula bar", [
        "2021-03-26-formula-bar-changes.md",
    ]),
    ("canvas apps", [
        "2021-05-21-add-your-canvas-apps-to-microsoft-teams.md",
        "2021-03-31-print-screens-in-your-canvas-app.md",
        "2021-01-14-source-code-files-for-canvas-apps.md",
        "2020-11-17-new-layout-containers-in-canvas-apps-make-responsive-apps-easier.md",
        "2020-09-14-september-16th-power-apps-community-call-canvas-app-design-components-themes-and-connecting-power-virtual-agents-to-ms-graph.md",
    ]),
    ("responsive layout", [
        "2020-11-17-new-layout-containers-in-canvas-apps-make-responsive-apps-easier.md",
    ]),
    ("model-driven apps", [
        "2021-04-27-improve-data-density-with-high-density-headers-in-model-driven-apps.md",
        "2021-02-23-the-new-search-experience-for-model-driven-apps-is-now-also-available-on-mobile.md",
        "2021-01-05-simple-image-control-for-model-driven-apps.md",
        "2021-01-05-editing-related-records-on-a-main-form-in-a-model-driven-app.md",
        "2021-01-04-new-model-driven-apps-controls-deprecation-of-old-controls.md",
        "2020-12-15-general-availability-of-power-bi-reports-as-system-dashboards-in-model-driven-apps.md",
        "2020-12-03-considerations-for-optimized-performance-in-power-apps.md",
        "2020-09-24-power-bi-embedded-as-system-dashboard-in-model-driven-apps-preview.md",
        "2020-08-19-troubleshoot-forms-in-a-model-driven-app.md",
        "2021-01-12-now-available-model-driven-app-push-notifications.md",
        "2021-04-01-search-quick-actions-are-now-customizable-in-model-driven-power-apps.md",
        "2020-11-03-introducing-the-new-search-experience-in-model-driven-power-apps.md",
    ]),
    ("model driven app", [
        "2021-04-27-improve-data-density-with-high-density-headers-in-model-driven-apps.md",
        "2021-02-23-the-new-search-experience-for-model-driven-apps-is-now-also-available-on-mobile.md",
        "2021-01-05-simple-image-control-for-model-driven-apps.md",
        "2021-01-05-editing-related-records-on-a-main-form-in-a-model-driven-app.md",
        "2021-01-04-new-model-driven-apps-controls-deprecation-of-old-controls.md",
        "2020-12-15-general-availability-of-power-bi-reports-as-system-dashboards-in-model-driven-apps.md",
        "2020-12-03-considerations-for-optimized-performance-in-power-apps.md",
        "2020-09-24-power-bi-embedded-as-system-dashboard-in-model-driven-apps-preview.md",
        "2020-08-19-troubleshoot-forms-in-a-model-driven-app.md",
        "2021-01-12-now-available-model-driven-app-push-notifications.md",
        "2021-04-01-search-quick-actions-are-now-customizable-in-model-driven-power-apps.md",
        "2020-11-03-introducing-the-new-search-experience-in-model-driven-power-apps.md",
    ]),
    ("search experience", [
        "2020-11-03-introducing-the-new-search-experience-in-model-driven-power-apps.md",
        "2021-02-09-new-search-experience-and-quick-actions-in-power-apps.md",
        "2021-02-23-the-new-search-experience-for-model-driven-apps-is-now-also-available-on-mobile.md",
    ]),
    ("relevance search", [
        "2020-10-13-introducing-the-relevance-search-api.md",
        "2021-01-21-introducing-intelligence-in-relevance-search.md",
    ]),
    ("push notifications", [
        "2021-01-12-now-available-model-driven-app-push-notifications.md",
    ]),
    ("notification", [
        "2021-01-12-now-available-model-driven-app-push-notifications.md",
    ]),
    ("isv studio", [
        "2020-10-13-announcing-app-usage-analytics-in-isv-studio.md",
        "2020-11-03-release-view-app-install-failures-in-isv-studio.md",
        "2021-03-08-new-in-isv-studio-read-only-access.md",
        "2021-04-14-product-update-fo-apps-now-available-in-isv-studio.md",
    ]),
    ("community call", [
        "2020-09-14-september-16th-power-apps-community-call-canvas-app-design-components-themes-and-connecting-power-virtual-agents-to-ms-graph.md",
        "2020-10-19-power-apps-community-call-oct-21st-charting-components-custom-apps-in-teams-and-an-enhanced-sharepoint-web-part.md",
        "2020-11-09-power-apps-community-call-nov-18th-top-issues-and-best-practices-from-the-power-apps-forum-super-users.md",
        "2020-12-11-power-apps-community-call-closing-out-2020-with-amazing-holiday-themed-apps-december-16th.md",
        "2021-01-11-january-power-apps-community-call-portals-monitoring-and-azure-integration.md",
        "2021-04-18-april-2021-power-apps-community-call-persistent-apps-in-teams-tabs-custom-functions-libraries-and-gestalt-design-principles.md",
    ]),
    ("community calls", [
        "2020-09-14-september-16th-power-apps-community-call-canvas-app-design-components-themes-and-connecting-power-virtual-agents-to-ms-graph.md",
        "2020-10-19-power-apps-community-call-oct-21st-charting-components-custom-apps-in-teams-and-an-enhanced-sharepoint-web-part.md",
        "2020-11-09-power-apps-community-call-nov-18th-top-issues-and-best-practices-from-the-power-apps-forum-super-users.md",
        "2020-12-11-power-apps-community-call-closing-out-2020-with-amazing-holiday-themed-apps-december-16th.md",
        "2021-01-11-january-power-apps-community-call-portals-monitoring-and-azure-integration.md",
        "2021-04-18-april-2021-power-apps-community-call-persistent-apps-in-teams-tabs-custom-functions-libraries-and-gestalt-design-principles.md",
    ]),
    ("user group vancouver", [
        "2020-11-23-november-26th-vancouver-power-apps-user-group-exception-handling-and-integrating-the-power-platform-with-microsoft-teams.md",
        "2021-02-22-february-25th-vancouver-power-apps-user-group-integrating-apps-and-flows-into-power-bi-reports.md",
    ]),
    ("coe starter kit", [
        "2021-03-01-new-in-the-coe-starter-kit-review-the-impact-of-dlp-policy-changes.md",
        "2021-04-08-now-available-coe-starter-kit-in-dataverse-for-teams-and-other-improvements.md",
    ]),
    ("dlp policies", [
        "2021-03-01-new-in-the-coe-starter-kit-review-the-impact-of-dlp-policy-changes.md",
    ]),
    ("github", [
        "2020-09-22-github-actions-for-the-power-platform-now-available-in-preview.md",
        "2020-12-17-github-connector-features-for-power-platform.md",
        "2020-09-23-as-low-code-competition-grows-microsoft-integrates-power-apps-with-github-and-teams.md",
    ]),
    ("github actions", [
        "2020-09-22-github-actions-for-the-power-platform-now-available-in-preview.md",
    ]),
    ("low code", [
        "2020-12-01-hour-of-low-code.md",
        "2021-01-14-3-low-code-trends-why-low-code-will-be-big-in-your-2021-tech-strategy.md",
        "2020-09-23-as-low-code-competition-grows-microsoft-integrates-power-apps-with-github-and-teams.md",
        "2020-10-05-gartner-magic-quadrant-names-microsoft-power-apps-a-leader-for-low-code-application-platforms.md",
    ]),
    ("gartner", [
        "2020-10-05-gartner-magic-quadrant-names-microsoft-power-apps-a-leader-for-low-code-application-platforms.md",
    ]),
    ("release wave", [
        "2019-08-19-microsoft-power-apps-2019-release-wave-2-overview.md",
        "2019-08-26-microsoft-power-apps-portals-2019-release-wave-2-overview.md",
        "2019-10-29-ai-builder-2019-release-wave-2-overview.md",
        "2020-05-12-microsoft-power-apps-portals-2020-release-wave-1-overview.md",
        "2020-08-04-microsoft-power-apps-2020-release-wave-1-overview.md",
        "2021-02-10-power-apps-2021-wave-1-preview-release-is-now-available.md",
    ]),
    ("mixed reality", [
        "2021-04-05-power-apps-mixed-reality-components-general-availability.md",
    ]),
    ("geospatial", [
        "2021-01-20-announcing-the-general-availability-of-geospatial-features-in-power-apps.md",
    ]),
    ("monitor", [
        "2021-01-07-announcing-the-general-availability-ga-of-monitor-in-power-apps.md",
    ]),
    ("rich text editor", [
        "2020-11-12-announcing-the-rich-text-editor-rte-control.md",
    ]),
    ("offline mobile", [
        "2020-10-30-mobile-offline-for-power-apps.md",
    ]),
    ("excel", [
        "2021-02-22-use-edit-in-excel-in-dataverse-for-teams.md",
        "2021-04-19-updates-to-the-azure-file-storage-and-excel-online-business-connectors.md",
    ]),
    ("sap", [
        "2021-05-18-general-availability-of-the-sap-erp-connector.md",
    ]),
    ("custom api", [
        "2020-10-26-introducing-custom-api-preview.md",
        "2021-03-21-microsoft-dataverse-custom-api-general-availability.md",
    ]),
    ("environment variables", [
        "2021-04-14-announcing-data-source-environment-variables.md",
    ]),
    ("azure ad b2c", [
        "2020-12-10-power-apps-portals-configure-azure-ad-b2c-provider-for-portals-in-a-new-way-preview.md",
    ]),
    ("power virtual agents chatbot", [
        "2021-05-25-power-apps-portals-introducing-power-virtual-agents-integration-using-chatbot-component-public-preview.md",
    ]),
    ("vs code extension", [
        "2021-05-28-power-apps-portals-edit-portal-with-power-platform-vs-code-extension-public-preview.md",
    ]),
    ("code review", [
        "2021-03-30-power-apps-code-review-tool.md",
    ]),
    ("web api", [
        "2020-08-21-power-apps-portals-web-api-support-public-preview.md",
        "2021-03-30-announcing-general-availability-ga-of-power-apps-portals-web-api-support.md",
    ]),
    ("teams", [
        "2021-05-21-add-your-canvas-apps-to-microsoft-teams.md",
        "2020-09-22-now-in-preview-customize-teams-with-built-in-power-platform-capabilities.md",
        "2020-11-16-reshape-the-future-of-work-with-microsoft-dataverse-for-teamsnow-generally-available.md",
        "2021-04-18-april-2021-power-apps-community-call-persistent-apps-in-teams-tabs-custom-functions-libraries-and-gestalt-design-principles.md",
    ]),
    ("neowin", [
        "2020-11-17-microsoft-announces-general-availability-of-new-power-apps-and-dataverse-for-teams.md",
        "2021-05-25-power-automate-and-power-apps-get-new-tools-and-insights.md",
    ]),
    ("geekwire", [
        "2020-09-23-as-low-code-competition-grows-microsoft-integrates-power-apps-with-github-and-teams.md",
    ]),
    ("powr apps ideas", [
        "2021-05-25-introducing-power-apps-ideas-ai-powered-assistance-now-helps-anyone-create-apps-using-natural-language.md",
    ]),
    ("dataflws", [
        "2020-12-16-announcing-dataflows-power-automate-connector-public-preview.md",
        "2020-11-13-whats-new-in-power-query-and-dataflows-in-power-apps-november-2020.md",
    ]),
    ("geospacial", [
        "2021-01-20-announcing-the-general-availability-of-geospatial-features-in-power-apps.md",
    ]),
    ("permisions", [
        "2021-06-02-table-permissions-in-portals-studio.md",
        "2020-11-27-power-apps-portals-manage-page-permissions-from-portals-studio.md",
        "2021-02-16-check-users-access-to-a-record-using-the-check-access-feature.md",
    ]),
    ("inventory management", [
        "2020-12-04-electrolock-simplifies-inventory-management-with-microsoft-power-platform.md",
    ]),
    ("stroke survivors", [
        "2021-01-10-stroke-sufferer-uses-power-apps-to-help-other-survivors.md",
    ]),
    ("manufacturing", [
        "2021-04-29-how-to-run-a-manufacturing-facility-using-the-one-microsoft-cloud.md",
    ]),
    ("\"unified interface\"", [
        "2020-11-04-unified-interface-transition-starts-december-4th-2020.md",
        "2021-02-18-next-on-premise-update-brings-the-latest-version-of-unified-interface.md",
    ]),
    ("alternate keys", [
        "2021-05-04-increased-alternate-key-limits.md",
    ]),
    ("custom pages", [
        "2021-05-04-better-together-introducing-custom-pages-and-the-modern-app-designer.md",
    ]),
    ("business applications summit", [
        "2021-04-28-join-us-for-microsoft-business-applications-summit-may-4th-2021.md",
        "2021-05-23-spanish-business-apps-summit-june-4th-and-5th.md",
    ]),
]


def build_corpus(corpus: Path, work: Path):
    """Build the corpus under /powerapps/: (config, output folder, file name -> the path of its result,
    an item's path -> the same for Pagefind's results, which are pages, build seconds)."""
    from generator.build.pipeline import BuildOptions, build
    from generator.config import load_config

    (work / "config.yaml").write_text(f"title: Power Apps news\nbase_url: https://example.github.io/powerapps/\n"
                                      f"content_dir: {corpus / 'news'}\ndata_dir: {corpus / 'data'}\n"
                                      f"now: \"2021-07-01T00:00:00Z\"\n")
    config = load_config(work / "config.yaml")
    start = time.perf_counter()
    result = build(config, BuildOptions(), environ={})
    seconds = time.perf_counter() - start
    site = result.site.model.site
    # A story of several items is one result, its lead's card: finding it finds each of its items.
    shown = {index: site.stories[number].lead for index, number in site.story_of.items()}
    paths = {Path(item.source).name: site.items[shown.get(index, index)].path
             for index, item in enumerate(site.items) if item.is_published}
    as_story = {item.path: site.items[shown.get(index, index)].path for index, item in enumerate(site.items)}
    return config, config.output_path, paths, as_story, seconds


def run_pagefind(out: Path) -> float:
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "pagefind", "--site", str(out), "--glob", "news/**/*.html",
                    "--root-selector", "article.story"], check=True, capture_output=True)
    return time.perf_counter() - start


SEARCH_FILES = ("/search/index/", "/static/search/", "/pagefind/")  # pictures are not the search's


def counting(context):
    """Bytes of the search's answers (index files, scripts) the context gets, added up as they finish."""
    fetched = {"bytes": 0, "requests": 0}

    def finished(request):
        if not any(part in request.url for part in SEARCH_FILES):
            return
        try:
            size = request.sizes()["responseBodySize"]
        except Exception:  # an aborted request (a picture on another host)
            return
        fetched["bytes"] += max(size, 0)
        fetched["requests"] += 1

    context.on("requestfinished", finished)
    return fetched


def newsdesk_query(browser, base: str, query: str) -> tuple[list[str], dict]:
    """The first ten result paths (relative to the site) of the search page, and what the query fetched
    beyond the page itself (index files and the stemmer)."""
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    page.goto(base + "search/")
    fetched = counting(context)
    page.evaluate("() => 0")
    fetched["bytes"] = fetched["requests"] = 0  # the page, its CSS and script: not the query's
    page.goto(base + "search/?q=" + quote(query))
    page.wait_for_function("""q => { const s = document.getElementById('search-status').textContent;
        return s.startsWith('No results') || s.includes('\\u201c' + q.trim() + '\\u201d'); }""", arg=query,
                           timeout=20_000)
    page.wait_for_load_state("networkidle")
    links = page.locator("#search-results .card-title a").evaluate_all("as => as.map(a => a.getAttribute('href'))")
    context.close()
    prefix = "/" + base.split("/", 3)[3]
    return [link[len(prefix):] for link in links[:10]], dict(fetched)


def pagefind_query(browser, base: str, query: str) -> tuple[list[str], dict]:
    context = browser.new_context()
    page = context.new_page()
    page.route("**/*", lambda r: r.continue_() if r.request.url.startswith(base) else r.abort())
    page.goto(base + "search/")
    fetched = counting(context)
    page.evaluate("() => 0")
    fetched["bytes"] = fetched["requests"] = 0
    urls = page.evaluate("""async ([base, q]) => {
        const pagefind = await import(base + "pagefind/pagefind.js");
        const found = await pagefind.search(q);
        const data = await Promise.all(found.results.slice(0, 10).map(r => r.data()));
        return data.map(d => d.url);
    }""", [base, query])
    page.wait_for_load_state("networkidle")
    context.close()
    return [url[url.index("news/"):] if "news/" in url else url for url in urls], dict(fetched)


def score(found: list[str], relevant: set[str]) -> tuple[float, float]:
    hits = [path in relevant for path in found[:10]]
    recall = sum(hits) / min(10, len(relevant))
    rank = next((i + 1 for i, hit in enumerate(hits) if hit), None)
    return recall, (1 / rank if rank else 0.0)


def quality(corpus: Path, use_pagefind: bool) -> dict:
    from conftest import CHROMIUM, CHROMIUM_ARGS, static_server
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="search-quality-"))
    try:
        config, out, paths, as_story, build_seconds = build_corpus(corpus, work)
        missing = sorted({name for _, names in JUDGED for name in names} - set(paths))
        if missing:
            raise SystemExit(f"judged stories not in the corpus: {missing}")
        engines = {"newsdesk": newsdesk_query}
        report = {"queries": len(JUDGED), "items": len(paths), "stories": len(set(paths.values())),
                  "build_seconds": round(build_seconds, 2)}
        if use_pagefind:
            report["pagefind_index_seconds"] = round(run_pagefind(out), 2)
            engines["pagefind"] = pagefind_query
        with static_server(out, "/powerapps/") as base, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            for name, run in engines.items():
                rows = []
                for query, names in JUDGED:
                    found, fetched = run(browser, base, query)
                    found = list(dict.fromkeys(as_story.get(path, path) for path in found))  # a story once
                    recall, reciprocal = score(found, {paths[n] for n in names})
                    rows.append({"query": query, "recall@10": recall, "rr": reciprocal, "bytes": fetched["bytes"],
                                 "requests": fetched["requests"]})
                report[name] = {
                    "recall@10": round(statistics.mean(r["recall@10"] for r in rows), 3),
                    "MRR": round(statistics.mean(r["rr"] for r in rows), 3),
                    "bytes_median": int(statistics.median(r["bytes"] for r in rows)),
                    "bytes_max": max(r["bytes"] for r in rows),
                    "requests_median": statistics.median(r["requests"] for r in rows),
                    "per_query": rows,
                }
            browser.close()
        return report
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- bytes per query on big synthetic sites -------------------------------------------------------------

# Words of bench.corpus's vocabulary: common and rare words, two words, a prefix, a misspelling, a phrase
SYNTHETIC_QUERIES = ["market", "markets report", "zürich", "council", "counc", "councl vote", '"city council"',
                     "energy prices rise", "quantum", "festival music"]


def page_bytes(configs: list[Path]) -> list[dict]:
    """Per site: index time, its files, and the bytes each synthetic query fetched (cold)."""
    from conftest import CHROMIUM, CHROMIUM_ARGS, static_server
    from playwright.sync_api import sync_playwright

    from generator.build.parallel import default_workers
    from generator.build.pipeline import BuildOptions, build, plan_site
    from generator.config import load_config
    from generator.build.search_index import make_index
    from generator.plan.search import plan_index

    results = []
    for config_path in configs:
        work = Path(tempfile.mkdtemp(prefix="search-bytes-"))
        try:
            # The search page and the theme's files, from a one-story site with the same base path
            small = work / "small"
            (small / "content").mkdir(parents=True)
            (small / "content/a.md").write_text("---\ntitle: A\npublishedDateTime: 2026-01-01T00:00:00Z\n---\nA.\n")
            (small / "config.yaml").write_text("title: S\nbase_url: https://example.org/site/\n")
            build(load_config(small / "config.yaml"), BuildOptions(), environ={})
            site_dir = work / "site"
            shutil.copytree(small / "output/static", site_dir / "static")
            (site_dir / "search").mkdir()
            shutil.copy(small / "output/search/index.html", site_dir / "search/index.html")
            config = load_config(config_path)
            workers = default_workers()
            model = plan_site(config, BuildOptions(), workers=workers).model.site
            start = time.perf_counter()
            files = make_index(plan_index(model, config), workers)
            seconds = time.perf_counter() - start
            for name, data in files.items():
                (site_dir / name).parent.mkdir(parents=True, exist_ok=True)
                (site_dir / name).write_bytes(data)
            del model
            sizes = sorted(len(data) for data in files.values())
            rows = []
            with static_server(site_dir, "/site/") as base, sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
                for query in SYNTHETIC_QUERIES:
                    found, fetched = newsdesk_query(browser, base, query)
                    rows.append({"query": query, "results": len(found), **fetched})
                browser.close()
            results.append({"site": str(config_path), "stories": json.loads(files["search/index/meta.json"])["docs"],
                            "index_seconds": round(seconds, 2), "workers": workers, "files": len(files),
                            "mib": round(sum(sizes) / 2**20, 1), "largest_kib": round(sizes[-1] / 1024),
                            "bytes_median": int(statistics.median(r["bytes"] for r in rows)),
                            "bytes_max": max(r["bytes"] for r in rows), "per_query": rows})
        finally:
            shutil.rmtree(work, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> dict | list:
    parser = argparse.ArgumentParser(prog="python -m bench.search_quality", description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpus/powerapps")
    parser.add_argument("--no-pagefind", action="store_true", help="score newsdesk only")
    parser.add_argument("--bytes", type=Path, nargs="+", metavar="CONFIG",
                        help="measure bytes per query on these synthetic sites instead")
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    args = parser.parse_args(argv)
    if args.bytes:
        report = page_bytes(args.bytes)
        for site in report:
            print(f"{site['stories']:,} stories: index {site['index_seconds']} s ({site['workers']} workers), "
                  f"{site['files']} files, {site['mib']} MiB, largest {site['largest_kib']} KiB; a query fetched "
                  f"{site['bytes_median'] / 1024:.0f} KiB (median), {site['bytes_max'] / 1024:.0f} KiB at most")
    else:
        if not args.corpus.is_dir():
            raise SystemExit(f"{args.corpus}: no corpus here (it is ../shared/corpus/powerapps beside a checkout)")
        report = quality(args.corpus, not args.no_pagefind)
        print(f"{report['queries']} judged queries over {report['stories']} stories of {report['items']} items "
              f"(build {report['build_seconds']} s"
              + (f", Pagefind's index {report['pagefind_index_seconds']} s)" if "pagefind" in report else ")"))
        print("| engine | recall@10 | MRR | bytes per query (median / max) | requests (median) |")
        print("|---|---|---|---|---|")
        for name in ("newsdesk", "pagefind"):
            if name in report:
                r = report[name]
                print(f"| {name} | {r['recall@10']} | {r['MRR']} | {r['bytes_median'] / 1024:.0f} KiB / "
                      f"{r['bytes_max'] / 1024:.0f} KiB | {r['requests_median']} |")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1, ensure_ascii=False))
    return report


if __name__ == "__main__":
    main()
