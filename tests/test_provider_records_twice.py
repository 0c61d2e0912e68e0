"""Two organization records in data_dir for one provider, its domain written otherwise in each (`EXAMPLE.com`,
`www.example.com.`): the later by its file's name is used, with a warning that names both."""

from __future__ import annotations

from conftest import BASIC_CONFIG, item, make_site
from generator.build.pipeline import BuildOptions, build
from generator.config.load import load_config

CONFIG = BASIC_CONFIG + "data_dir: data\nstories:\n  enabled: false\n"


def built(root):
    return build(load_config(root / "config.yaml"), BuildOptions(write=False), environ={}).site


def test_two_records_of_one_provider_are_said_and_the_later_by_name_is_used(tmp_path):
    files = {  # (written in this order: the later file on disk is not the one used)
        "data/organizations/b-www.yaml": "name: Example B\ndomain: www.example.com.\n",
        "data/organizations/a-upper.md": "---\nname: Example A\n_id: EXAMPLE.com\n---\n",
        "data/organizations/c-other.md": "---\n_id: other.example\nname: Other\n---\n",
        "content/one.md": item("One", provider="{name: Site, domain: example.com}"),
        "content/two.md": item("Two", provider="{name: Else, domain: other.example}"),
    }
    site = built(make_site(tmp_path / "site", files, CONFIG))
    assert sorted(provider.name for provider in site.model.site.providers.values()) == ["Example B", "Other"]
    said = [str(warning) for warning in site.warnings if warning.path.startswith("data/")]
    assert said == [
        "data/organizations/b-www.yaml:2: the organization record's domain 'www.example.com.' is the provider's of "
        "data/organizations/a-upper.md:3 too ('EXAMPLE.com'): this record, the later by its file's name, is used, "
        "and that one's name, logo and description are not (keep one record for each provider: merge the two, or "
        "remove the one you do not mean)"], said


def test_each_later_record_of_one_provider_is_said_beside_the_one_it_replaces(tmp_path):
    files = {"data/organizations/a.md": "---\n_id: example.com\nname: A\n---\n",
             "data/organizations/b.md": "---\n_id: www.example.com\nname: B\n---\n",
             "data/organizations/c.md": "---\n_id: EXAMPLE.COM\nname: C\n---\n",
             "content/one.md": item("One", provider="{name: Site, domain: example.com}")}
    site = built(make_site(tmp_path / "site", files, CONFIG))
    assert [provider.name for provider in site.model.site.providers.values()] == ["C"]
    said = [str(warning).split(": this record")[0] for warning in site.warnings if warning.path.startswith("data/")]
    assert said == [
        "data/organizations/b.md:2: the organization record's domain 'www.example.com' is the provider's of "
        "data/organizations/a.md:2 too ('example.com')",
        "data/organizations/c.md:2: the organization record's domain 'EXAMPLE.COM' is the provider's of "
        "data/organizations/b.md:2 too ('www.example.com')"], said


def test_records_of_other_providers_are_not_said(tmp_path):
    files = {"data/organizations/a.md": "---\n_id: example.com\nname: A\n---\n",
             "data/organizations/b.md": "---\n_id: example.org\nname: B\n---\n",
             "data/organizations/c.md": "---\n_id: www.example.net\nname: C\n---\n",
             "content/one.md": item("One", provider="{name: Site, domain: example.com}")}
    site = built(make_site(tmp_path / "site", files, CONFIG))
    assert [provider.name for provider in site.model.site.providers.values()] == ["A"]
    assert [w for w in site.warnings if w.path.startswith("data/")] == []
