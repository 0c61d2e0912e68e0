"""A provider an item gives by another of its names or addresses is the provider the site declares: its
organization record's (or config.yaml's) other names (`otherNames`, schema.org's `alternateName`) and other
addresses (schema.org's `sameAs`) make one provider with one page, not one more per name."""

from __future__ import annotations

from conftest import BASIC_CONFIG, api_news, build_site, item, make_site

RECORD = """---
_id: wsj.com
name: WSJ
domain: wsj.com
otherNames:
  - The Wall Street Journal
  - Wall Street Journal
alternateName: "WSJ.com"
sameAs:
  - https://www.youtube.com/@wsj
  - https://wsj.net/
---
"""
BAD_RECORD = """---
_id: bad.example
name: Bad Example
otherNames:
  - 2021
  - {name: no}
sameAs: [javascript:alert(1)]
---
"""


def test_a_provider_named_otherwise_is_the_declared_one_with_one_page(tmp_path):
    """An item giving `provider: Wall Street Journal` (no domain), one giving the channel on YouTube that the record
    lists, and one giving the record's domain made three providers, three pages: now they are one, named as the
    record names it, and `related` coverage by such a name links to its page. A name the record does not give stays
    a provider of its own; unreadable other names and addresses are said at their lines."""
    config_text = BASIC_CONFIG + "data_dir: data\nstories:\n  enabled: false\n"
    files = {"data/organizations/wsj.com.md": RECORD, "data/organizations/bad.example.md": BAD_RECORD,
             "content/a.md": item("Rates hold", provider="{name: WSJ, domain: www.wsj.com}"),
             "content/b.md": item("Markets rally", provider='"Wall Street Journal"',
                                  related='[{title: Rally, webUrl: "https://o.example/r", provider: "WSJ.com"}]'),
             "content/c.md": item("On video", provider="{name: WSJ Video, domain: youtube.com, "
                                                       "account: 'https://www.youtube.com/@WSJ'}"),
             "content/d.md": item("Bonds", provider="{name: The Wall Street Journal, domain: wsj.net}"),
             "content/e.md": item("Elsewhere", provider='"Wall St. Journal"')}
    site = make_site(tmp_path / "site", files, config_text)
    config, result = build_site(site)
    news = api_news(config)
    wsj = ("WSJ", "wsj.com")
    assert {name: (entry["provider"]["name"], entry["provider"]["domain"]) for name, entry in news.items()} == {
        "a": wsj, "b": wsj, "c": wsj, "d": wsj, "e": ("Wall St. Journal", "")}
    out = site / "output"
    providers = sorted(path.parent.name for path in (out / "providers").glob("*/index.html"))
    assert providers == ["wall-st-journal", "wsj-com"], providers  # (bad.example has no item: no page)
    page = (out / "providers/wsj-com/index.html").read_text(encoding="utf-8")
    assert all(title in page for title in ("Rates hold", "Markets rally", "On video", "Bonds")), page
    assert "<h1" in page and ">WSJ<" in page
    story = (out / news["b"]["path"] / "index.html").read_text(encoding="utf-8")
    coverage = story.split('href="https://o.example/r"')[1].split("</li>")[0]
    assert '<a class="provider-chip" href="/providers/wsj-com/">' in coverage, coverage
    assert "</span><bdi>WSJ</bdi></a>" in coverage, coverage
    said = sorted(str(warning) for warning in result.site.warnings if warning.path.startswith("data/"))
    assert said == [
        "data/organizations/bad.example.md:4: `otherNames` of the organization record must be a list of names: 2 "
        "entries are no text and left out (write each name as text, in quotes: `otherNames: [\"1410\"]`)",
        "data/organizations/bad.example.md:7: `sameAs` of the organization record must be a list of http or https "
        "addresses: 'javascript:alert(1)' is left out (write each of the provider's other addresses in full, e.g. "
        "https://www.youtube.com/@example)"], said


def test_config_providers_other_names_make_one_provider(tmp_path):
    """config.yaml's `providers` take `other_names` and `same_as` as a record's `otherNames` and `sameAs`."""
    config_text = (BASIC_CONFIG + "stories:\n  enabled: false\nproviders:\n  - domain: example.org\n    name: Example\n"
                   "    other_names: [Example Daily]\n    same_as: ['https://example.net/']\n")
    files = {"content/a.md": item("One", provider='"Example Daily"'),
             "content/b.md": item("Two", provider="{name: Example, domain: example.net}")}
    config, _ = build_site(make_site(tmp_path / "site", files, config_text))
    assert {(entry["provider"]["name"], entry["provider"]["domain"]) for entry in api_news(config).values()} == {
        ("Example", "example.org")}
    pages = sorted(path.parent.name for path in (config.output_path / "providers").glob("*/index.html"))
    assert pages == ["example-org"], pages


def test_serve_edits_of_an_item_named_otherwise_give_a_full_builds_pages(tmp_path):
    """serve's fast path reads an edited item as the build does, then indexes it: an item named by another name
    (resolved only when the site is indexed) must still land on the record's one page, as a full build has it."""
    from conftest import serving
    from generator.config.load import load_config

    config_text = BASIC_CONFIG + "data_dir: data\nstories:\n  enabled: false\n"
    root = make_site(tmp_path / "site", {
        "data/organizations/wsj.com.md": RECORD,
        "content/a.md": item("Rates hold", provider="{name: WSJ, domain: wsj.com}"),
        "content/b.md": item("Markets rally", date="2026-11-19T10:00:00Z", provider='"Wall Street Journal"')},
        config_text)
    save = serving(root, load_config(root / "config.yaml"), tmp_path)
    edited = root / "content/b.md"
    edited.write_text(edited.read_text(encoding="utf-8").replace("Markets rally", "Markets rally again"),
                      encoding="utf-8")
    served = save(edited, "retitled")
    assert sorted(name for name in served if name.startswith("providers/") and name.endswith("/index.html")) == [
        "providers/index.html", "providers/wsj-com/index.html"]
    assert b"Markets rally again" in served["providers/wsj-com/index.html"]
