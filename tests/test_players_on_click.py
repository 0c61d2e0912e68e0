"""A video's player is another site's page (YouTube's, Vimeo's): a story page asks that site for nothing until its
reader asks for the video. The page shows the video's picture and a link naming the host ("Watch the video on
www.youtube.com"), which plays it in place, by mouse or keyboard, in a box of the same size (docs/content.md#videos).
"""

from __future__ import annotations

import pytest

from conftest import build_site, html_elements, item, make_site, static_server

CONFIG = 'title: Players\nbase_url: https://example.org/\nnow: "2026-11-22T12:00:00Z"\nstories:\n  enabled: false\n'
PLAYERS = {  # item file -> the player's address its page embeds
    "tube": "https://www.youtube.com/embed/dQw4w9WgXcQ?start=30",
    "vimeo": "https://player.vimeo.com/video/123456789",
}
ITEMS = {
    "content/tube.md": item("Harbour bridge reopens", type="video", length=754,
                            featuredContent='"<iframe src=\\"https://www.youtube.com/embed/dQw4w9WgXcQ?start=30\\">'
                                            '</iframe>"',
                            images='[{url: "https://i1.ytimg.com/vi/dQw4w9WgXcQ/hqdefault.jpg", '
                                   'width: 480, height: 360}]'),
    "content/vimeo.md": item("Flooded valley from above", "2026-11-20T09:00:00Z", type="video",
                             originalUrl="https://vimeo.com/123456789"),
}
THIRD_PARTIES = ("www.youtube.com", "player.vimeo.com")


@pytest.fixture(scope="module")
def players_site(tmp_path_factory):
    config, _ = build_site(make_site(tmp_path_factory.mktemp("players") / "site", ITEMS, CONFIG))
    pages = {name: config.output_path / f"news/2026/11/20/{name}/index.html"
             for name in PLAYERS}
    return config.output_path, pages


def test_a_story_page_holds_its_player_only_for_when_the_reader_asks(players_site):
    """No iframe a browser would load: each is in an inert <template>, and the link in its place leads to the
    player (so a reader without JavaScript gets the video too) and names its host."""
    _, pages = players_site
    assert len(pages) == len(PLAYERS)
    for name, path in pages.items():
        elements = list(html_elements(name, path.read_bytes()))
        parents = {child: parent for _, parent in elements for child in parent}
        frames = [element for tag, element in elements if tag == "iframe"]
        assert [frame.get("src") for frame in frames] == [PLAYERS[name]], name
        assert parents[frames[0]].tag == "template", name
        starts = [element for tag, element in elements if tag == "a" and "player-start" in element.get("class", "")]
        assert [start.get("href") for start in starts] == [PLAYERS[name]], name
        host = PLAYERS[name].split("/")[2]
        assert f"Watch the video on {host}" in "".join(starts[0].itertext()), name
        scripts = [element.get("src") for tag, element in elements if tag == "script" and element.get("src")]
        assert "/static/js/players.js" in scripts, name


@pytest.mark.slow
@pytest.mark.parametrize("width", [390, 1366])
def test_a_video_plays_in_place_when_asked_and_the_page_asks_its_host_for_nothing_before(browser, players_site, width):
    output, pages = players_site
    with static_server(output, "/") as base:
        for name, path in pages.items():
            context = browser.new_context(viewport={"width": width, "height": 900})
            page = context.new_page()
            asked = []

            def answer(route):
                asked.append(route.request.url)
                # (nothing leaves this machine: the test asks only whether the page asked)
                route.continue_() if route.request.url.startswith(base) else route.abort()

            page.route("**/*", answer)
            page.add_init_script("window.shifts = 0; new PerformanceObserver(list => { "
                                 "for (const e of list.getEntries())"
                                 " window.shifts += e.value; }).observe({type: 'layout-shift', buffered: true});")
            page.goto(base + path.relative_to(output).parent.as_posix() + "/", wait_until="load")
            page.wait_for_timeout(300)
            hosts = {url.split("/")[2] for url in asked}
            assert not hosts & set(THIRD_PARTIES), (name, width, hosts)
            box = page.locator(".video").bounding_box()
            assert box and box["width"] > 300 and abs(box["height"] - box["width"] * 9 / 16) < 2, (name, width, box)
            # by keyboard: the link takes the focus, and Enter starts the player, which then has the focus
            # (a shift while the page loads is a slow browser's early paint of a part of the page, as on any page:
            # test_theme_phone.py bounds it; playing moves nothing at all)
            loading = page.evaluate("window.shifts")
            assert loading < 0.05, (name, width, loading)
            page.locator("a.player-start").focus()
            page.keyboard.press("Enter")
            frame = page.locator(".video > iframe")
            frame.wait_for(timeout=5000)
            src = frame.get_attribute("src")
            assert src.startswith(PLAYERS[name].split("?")[0]) and "autoplay=1" in src, (name, src)
            assert page.evaluate("document.activeElement.tagName") == "IFRAME", name
            assert page.locator(".video").bounding_box() == box, (name, width)
            assert page.evaluate("window.shifts") == loading, (name, width)
            page.wait_for_timeout(300)
            assert {url.split("/")[2] for url in asked} & set(THIRD_PARTIES), (name, width, asked)
            context.close()
