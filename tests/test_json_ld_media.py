"""A video's or a sound's page says what it is in its JSON-LD: schema.org's VideoObject (with what Google's video
results require, name, thumbnailUrl and uploadDate, and its duration, player and file) or AudioObject, not a
NewsArticle without a length; a video without a picture stays a NewsArticle, which needs none."""

from __future__ import annotations

import json
import re

from conftest import build_site, item, make_site

PLAYER = "https://www.youtube.com/embed/dQw4w9WgXcQ"
FILES = {
    "content/clip.md": item("Harbour cranes at work", "2026-11-20T10:00:00+01:00", type="video", length="PT4M13S",
                            excerpt="'Cranes unload the night ship.'", images="[https://pics.example/cranes.jpg]",
                            featuredContent=f"'<iframe src=\"{PLAYER}\"></iframe>'", provider="Port TV"),
    "content/bare.md": item("A clip without a picture", "2026-11-20T09:00:00Z", type="video", length=75),
    "content/episode.md": item("Tides, episode 7", "2026-11-19T08:00:00Z", type="podcast", length="'1:02:03'",
                               featuredContent="https://pod.example/7.mp3", excerpt="'Why tides turn.'"),
    "content/reel.md": item("A video podcast", "2026-11-19T07:00:00Z", type="podcast",
                            featuredContent="https://pod.example/reel.mp4", images="[https://pod.example/reel.jpg]"),
    "content/evil.md": item("placeholder", "2026-11-18T07:00:00Z", type="video", excerpt="'a </script <!-- b'",
                            images="[https://pics.example/e.jpg]"),
    "content/news.md": item("Plain news", "2026-11-18T06:00:00Z"),
}


def _ld(out, name: str) -> tuple[str, dict]:
    path = next((out / "news").rglob(f"{name}/index.html"))
    [text] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', path.read_text(encoding="utf-8"), re.S)
    return text, json.loads(text)


def test_a_video_or_a_sound_is_described_as_one(tmp_path):
    files = dict(FILES)
    files["content/evil.md"] = files["content/evil.md"].replace("title: 'placeholder'", 'title: "Evil </script clip"')
    config, result = build_site(make_site(tmp_path / "site", files, "title: Media\nbase_url: https://example.org/\n"
                                          "language: en\nnow: '2026-11-21T10:00:00Z'\n"))
    out = config.output_path
    _, clip = _ld(out, "clip")
    assert clip["@context"] == "https://schema.org" and clip["@type"] == "VideoObject"
    assert clip["name"] == "Harbour cranes at work" and clip["description"] == "Cranes unload the night ship."
    assert clip["thumbnailUrl"] == ["https://pics.example/cranes.jpg"]
    assert clip["uploadDate"] == clip["datePublished"] == "2026-11-20T09:00:00+00:00"  # (in the site's zone: UTC)
    assert clip["duration"] == "PT4M13S" and clip["embedUrl"] == PLAYER and "contentUrl" not in clip
    assert clip["url"] == "https://example.org/news/2026/11/20/clip/"
    assert clip["publisher"]["name"] == "Port TV" and "headline" not in clip
    # (no picture: no thumbnail, which a VideoObject needs; a NewsArticle needs none)
    _, bare = _ld(out, "bare")
    assert bare["@type"] == "NewsArticle" and bare["headline"] == "A clip without a picture"
    _, episode = _ld(out, "episode")
    assert episode["@type"] == "AudioObject" and episode["name"] == "Tides, episode 7"
    assert episode["contentUrl"] == "https://pod.example/7.mp3" and episode["duration"] == "PT1H2M3S"
    assert episode["uploadDate"] == "2026-11-19T08:00:00+00:00" and "thumbnailUrl" not in episode
    _, reel = _ld(out, "reel")  # (a podcast of videos: its file is a video)
    assert reel["@type"] == "VideoObject" and reel["contentUrl"] == "https://pod.example/reel.mp4"
    assert "duration" not in reel  # (none given: none made up)
    text, evil = _ld(out, "evil")
    assert evil["name"] == "Evil </script clip" and evil["description"] == "a </script <!-- b"
    assert "</" not in text and "<!--" not in text
    _, news = _ld(out, "news")
    assert news["@type"] == "NewsArticle"
