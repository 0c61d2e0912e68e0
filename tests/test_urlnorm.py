"""generator.urlnorm.canonical_url: the spellings of one page's URL share one key; different pages do not."""

from __future__ import annotations

import pytest

from generator.urlnorm import canonical_url

STORY = "https://example.com/news/2026/rate-cut"


@pytest.mark.parametrize("spelling", [
    "https://example.com/news/2026/rate-cut",
    "http://example.com/news/2026/rate-cut",
    "https://www.example.com/news/2026/rate-cut",
    "https://m.example.com/news/2026/rate-cut",
    "https://amp.example.com/news/2026/rate-cut",
    "https://EXAMPLE.com./news/2026/rate-cut",
    "https://example.com:443/news/2026/rate-cut",
    "http://example.com:80/news/2026/rate-cut",
    "https://user:secret@example.com/news/2026/rate-cut",
    "  https://example.com/news/2026/rate-cut\n",
    "https://example.com/news/2026/rate-cut/",
    "https://example.com//news//2026/rate-cut",
    "https://example.com/news/2026/rate-cut#comments",
    "https://example.com/news/2026/rate-cut?utm_source=rss&utm_medium=feed&utm_campaign=x",
    "https://example.com/news/2026/rate-cut?fbclid=IwAR0abc",
    "https://example.com/news/2026/rate-cut?gclid=1&mc_cid=2&mc_eid=3",
    "https://example.com/news/2026/rate-cut?amp=1",
    "https://example.com/news/2026/rate-cut?outputType=amp",
    "https://example.com/news/2026/rate-cut/amp/",
    "https://example.com/news/2026/rate-cut/amp",
    "https://example.com/amp/news/2026/rate-cut",
    "https://example.com/news/2026/rate-cut.amp",
    "https://example-com.cdn.ampproject.org/c/s/example.com/news/2026/rate-cut/amp/",
    "https://example-com.cdn.ampproject.org/c/s/www.example.com/news/2026/rate-cut?utm_source=x",
    "https://example-com.cdn.ampproject.org/v/s/example.com/news/2026/rate-cut",
    "https://example-com.cdn.ampproject.org/c/example.com/news/2026/rate-cut",
    "https://www.google.com/amp/s/example.com/news/2026/rate-cut/amp/",
    # as Google's AMP cache and viewer link a page: the runtime's version and the cache's own parameters
    "https://www-example-com.cdn.ampproject.org/c/s/www.example.com/news/2026/rate-cut/amp/?amp_js_v=0.1&usqp=mq331AQIKAFQArABIA%3D%3D",
    "https://example.com/news/2026/rate-cut?amp_js_v=a6&amp_gsa=1&aoh=17&ampshare=x",
    "https://example.com/news/2026/rate-cut?utm_source=x&amp;utm_medium=y",  # an `&` left HTML-escaped
    "https://example.com/news/2026/rate%2Dcut",
    # publishers' and ad networks' campaign parameters, in the case their links carry them
    "https://example.com/news/2026/rate-cut?CMP=share_btn_tw",  # the Guardian's
    "https://www.example.com/news/2026/rate-cut?ncid=rss",  # Yahoo's and its sites'
    "https://example.com/news/2026/rate-cut?icid=hp_top_story&sr_share=twitter",
    "https://example.com/news/2026/rate-cut?xtor=RSS-3208&at_medium=RSS&at_campaign=KTO",
    "https://example.com/news/2026/rate-cut?s_cid=social&WT.mc_id=tw",
    "https://example.com/news/2026/rate-cut?guccounter=1&guce_referrer=aHR0cHM6Ly9&guce_referrer_sig=AQAAA",
    "https://example.com/news/2026/rate-cut?gbraid=0AAAAA&wbraid=CjkK&ttclid=E.C.P&li_fat_id=1a2b&srsltid=AfmB",
    "https://example.com/news/2026/rate-cut?s_kwcid=AL!1234&msclkid=abc&dclid=CK&igshid=MzRl&mkt_tok=NzEx",
    "https://example.com/news/2026/rate-cut?_hsenc=p2ANqtz&_hsmi=2&ref_src=twsrc%5Etfw&cmpid=org=ngp",
])
def test_spellings_of_one_page_share_its_key(spelling):
    assert canonical_url(spelling) == STORY


def test_amp_html_files_lose_only_the_amp_part():
    assert canonical_url("https://example.com/a/story.amp.html") == "https://example.com/a/story.html"


@pytest.mark.parametrize("url", [
    "https://example.com/article?id=7",
    "https://example.com/?p=1234",  # WordPress's post number
    "https://example.com/news/2026/rate-cut?page=2",
    "https://github.com/owner/repo/blob/main/README.md?ref=v2",  # `ref` chooses a branch on code hosts
    "https://example.com/watch?v=dQw4w9WgXcQ",
    "https://example.com/story?cid=8841",  # a content id on some sites
])
def test_parameters_that_may_choose_the_page_stay(url):
    assert canonical_url(url) == url


def test_parameters_that_choose_the_page_stay_in_a_stable_order():
    assert canonical_url("https://example.com/article?id=7&page=2&utm_term=x") == "https://example.com/article?id=7&page=2"
    assert canonical_url("https://example.com/article?id=7&amp;page=2") == "https://example.com/article?id=7&page=2"
    assert canonical_url("https://example.com/article?page=2&id=7") == canonical_url("https://example.com/article?id=7&page=2")


@pytest.mark.parametrize("one, other", [
    ("https://example.com/news/a", "https://example.com/news/b"),
    ("https://example.com/article?id=7", "https://example.com/article?id=8"),
    ("https://example.com/news/a", "https://example.org/news/a"),
    ("https://example.com:8080/news/a", "https://example.com/news/a"),
    ("https://example.com/News/A", "https://example.com/news/a"),  # paths are case-sensitive
    ("https://news.example.com/a", "https://example.com/a"),  # only www., m., mobile. and amp. go
    ("https://example.com/amplifier", "https://example.com/"),
    ("https://example.com/a%2Fb", "https://example.com/a/b"),  # an escaped slash is not a slash
])
def test_different_pages_keep_different_keys(one, other):
    assert canonical_url(one) != canonical_url(other)


def test_a_bare_registered_domain_keeps_its_name():
    assert canonical_url("https://m.com/x") == "https://m.com/x"  # "m." is the name here, not a mobile host
    assert canonical_url("https://www.co/") == "https://www.co/"


def test_the_root_keeps_its_slash_and_ipv6_and_ports_survive():
    assert canonical_url("https://example.com") == "https://example.com/"
    assert canonical_url("http://[::1]:8080/a/") == "https://[::1]:8080/a"
    assert canonical_url("http://127.0.0.1:8000/feed.xml?utm_source=a") == "https://127.0.0.1:8000/feed.xml"


@pytest.mark.parametrize("text", ["", "not a url", "mailto:someone@example.com", "javascript:alert(1)",
                                  "ftp://example.com/file", "https://", "http://[::1/broken"])
def test_anything_but_an_http_url_comes_back_as_it_was(text):
    assert canonical_url(f" {text} ") == text


def test_the_key_is_a_fixed_point():
    for url in ("https://www.example.com/a/amp/?utm_source=x&b=2&a=1#top",
                "https://example-com.cdn.ampproject.org/c/s/example.com/x.amp.html"):
        key = canonical_url(url)
        assert canonical_url(key) == key


@pytest.mark.parametrize("url", ["https://ΣΑΣ-x.example/a", "https://ΣΑΣ/a", "https://ΣΑΣ.ΣΑΣ/a",
                                 "https://BÜCHER.Example/b"])
def test_a_host_is_lowered_as_links_are_read(url):
    # A key made from the URL as a crawler wrote it and one from the URL a page links (read_url's, which
    # lowers letter by letter: no final sigma) are one key, as they name one host.
    from generator.urls import host_of, read_url
    assert canonical_url(url) == canonical_url(read_url(url))
    assert host_of(url) == host_of(read_url(url)) == read_url(url).split("/")[2]
