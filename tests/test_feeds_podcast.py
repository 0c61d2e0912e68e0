"""A feed whose every entry is a podcast's episode is a podcast a directory takes: its RSS channel has what Apple's
podcast requirements and Podcasting 2.0 ask (itunes:image, itunes:category, itunes:author, itunes:explicit,
itunes:type, language), and each episode its number, season, kind, chapters and transcript. Read as podcast apps
read it: an XML document with namespaces, not strings."""

from __future__ import annotations

import struct
import xml.etree.ElementTree as ET
import zlib

from conftest import build_items, front

ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
PODCAST = "{https://podcastindex.org/namespace/1.0}"
HEAD = ("publishedDateTime: 2026-11-20T10:00:00Z", "type: podcast", "provider: {name: 'Tom & Jerry <Pod>', "
        "domain: pod.example}")
CONFIG = ('title: Harbour <Radio> & Co\nbase_url: https://example.org/\nnow: "2026-12-04T12:00:00Z"\n'
          'language: en-GB\nstories:\n  enabled: false\npodcast_image: https://example.org/cover.png\n'
          'podcast_category: "Society & Culture/Documentary"\n')

FILES = {
    "seven.md": front("title: Episode 7", *HEAD, "length: 3723", "explicit: true", "episode: 7", "season: 2",
                      "featuredContent: https://pod.example/7.mp3",
                      "chapters: https://pod.example/7.json",
                      "transcript: {url: 'https://pod.example/7.vtt?a=1&b=2', type: text/vtt}"),
    "trailer.md": front("title: Trailer", *HEAD, "length: 60", "episodeType: Trailer", "season: 2",
                        "featuredContent: https://pod.example/t.mp3"),
    "odd.md": front("title: Odd", *HEAD, "episode: -3", "season: two", "episodeType: <b>", "explicit: no",
                    "featuredContent: https://pod.example/o.mp3", "chapters: javascript:alert(1)",
                    "transcript: {url: 'ftp://pod.example/o.srt'}"),
    "article.md": front("title: An article", "publishedDateTime: 2026-11-19T10:00:00Z",
                        "provider: {name: Paper, domain: paper.example}"),
}


def _channel(out, path: str) -> ET.Element:
    root = ET.fromstring((out / path).read_bytes())  # (expat: any bad character or undeclared prefix fails it)
    assert root.tag == "rss" and root.get("version") == "2.0"
    return root.find("channel")


def _items(channel: ET.Element) -> dict[str, ET.Element]:
    found = {item.findtext("title"): item for item in channel.findall("item")}
    assert found
    return found


def test_a_feed_of_episodes_has_what_a_podcast_directory_asks_of_its_channel(tmp_path, capsys):
    out, _, _ = build_items(tmp_path, FILES, capsys, CONFIG)
    for path in ("providers/pod-example/feed.rss", "podcasts/feed.rss"):
        raw = (out / path).read_text(encoding="utf-8")
        assert raw.count("xmlns:itunes=") == 1 and raw.count("xmlns:podcast=") == 1, path
        channel = _channel(out, path)
        assert channel.find(f"{ITUNES}image").get("href") == "https://example.org/cover.png"
        category = channel.find(f"{ITUNES}category")
        assert category.get("text") == "Society & Culture"
        assert category.find(f"{ITUNES}category").get("text") == "Documentary"
        assert channel.findtext(f"{ITUNES}author") == "Harbour <Radio> & Co"  # (escaped once: the reader gives it)
        assert "Harbour &lt;Radio&gt; &amp; Co" in raw
        assert channel.findtext(f"{ITUNES}explicit") == "true"  # (one of its episodes is)
        assert channel.findtext(f"{ITUNES}type") == "episodic"
        assert channel.findtext("language") == "en-GB"
        assert channel.find("description").text and channel.find("link").text.startswith("https://")
        for item in channel.findall("item"):  # (what Apple asks of each episode)
            assert item.find("enclosure").get("url").startswith("https://"), path
            assert item.findtext("guid") and item.findtext("title"), path


def test_each_episode_has_its_number_season_kind_chapters_and_transcript(tmp_path, capsys):
    out, _, _ = build_items(tmp_path, FILES, capsys, CONFIG)
    for path in ("podcasts/feed.rss", "feeds/latest.rss"):
        items = _items(_channel(out, path))
        seven = items["Episode 7"]
        assert (seven.findtext(f"{ITUNES}episode"), seven.findtext(f"{ITUNES}season"),
                seven.findtext(f"{ITUNES}episodeType")) == ("7", "2", "full")
        assert seven.findtext(f"{ITUNES}duration") == "3723" and seven.findtext(f"{ITUNES}explicit") == "true"
        chapters = seven.find(f"{PODCAST}chapters")
        assert (chapters.get("url"), chapters.get("type")) == ("https://pod.example/7.json",
                                                               "application/json+chapters")
        transcript = seven.find(f"{PODCAST}transcript")
        assert (transcript.get("url"), transcript.get("type")) == ("https://pod.example/7.vtt?a=1&b=2", "text/vtt")
        trailer = items["Trailer"]
        assert trailer.findtext(f"{ITUNES}episodeType") == "trailer" and trailer.find(f"{ITUNES}episode") is None
        odd = items["Odd"]  # (values that say nothing a podcast app can use are left out, not passed on)
        assert odd.findtext(f"{ITUNES}episodeType") == "full" and odd.findtext(f"{ITUNES}explicit") == "false"
        for tag in (f"{ITUNES}episode", f"{ITUNES}season", f"{PODCAST}chapters", f"{PODCAST}transcript"):
            assert odd.find(tag) is None, tag
    assert "episode" not in _items(_channel(out, "feeds/latest.rss"))["An article"].find("title").text.lower()
    # Atom carries the episode's tags as well (feedparser reads them there)
    atom = ET.fromstring((out / "podcasts/feed.xml").read_bytes())
    entry = next(e for e in atom.iter("{http://www.w3.org/2005/Atom}entry")
                 if e.findtext("{http://www.w3.org/2005/Atom}title") == "Episode 7")
    assert entry.findtext(f"{ITUNES}episode") == "7" and entry.find(f"{PODCAST}chapters") is not None


def test_a_feed_with_other_items_is_no_podcast_and_says_nothing_of_one(tmp_path, capsys):
    out, _, _ = build_items(tmp_path, FILES, capsys, CONFIG)
    channel = _channel(out, "feeds/latest.rss")  # (an article among the episodes: an article feed)
    assert [child.tag for child in channel if child.tag.startswith((ITUNES, PODCAST))] == []
    assert _channel(out, "providers/paper-example/feed.rss").find(f"{ITUNES}image") is None
    raw = (out / "providers/paper-example/feed.rss").read_text(encoding="utf-8")
    assert "itunes" not in raw and "podcastindex" not in raw


def test_a_podcast_feed_without_a_picture_has_a_note_of_what_to_set(tmp_path, capsys):
    config = CONFIG.replace("podcast_image: https://example.org/cover.png\n", "")
    out, _, said = build_items(tmp_path, FILES, capsys, config)
    channel = _channel(out, "podcasts/feed.rss")
    assert channel.find(f"{ITUNES}image") is None and channel.findtext(f"{ITUNES}type") == "episodic"
    # (a note, not a warning: a site that carries others' episodes need not be a podcast in a directory itself)
    assert "note: config.yaml: the site's podcast feeds have no cover (`podcast_image`)" in said, said
    assert "0 warnings" in said
    # The key's help (check --help, docs/configuration.md) and docs/feeds-and-api.md said the build warns.
    import dataclasses
    from pathlib import Path

    from generator.config.values import Config
    help_text = next(f.metadata["doc"] for f in dataclasses.fields(Config) if f.name == "podcast_image")
    feeds_doc = (Path(__file__).parent.parent / "docs" / "feeds-and-api.md").read_text(encoding="utf-8")
    row = next(line for line in feeds_doc.splitlines() if line.startswith("| `<itunes:image href>`"))
    for text in (help_text, row):
        said_of_none = text[text.index("Empty:" if text is help_text else "Without one"):]
        assert "note" in said_of_none and "warn" not in said_of_none.split(";")[0], said_of_none


def _png(width: int, height: int) -> bytes:
    """A real PNG of one grey colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def test_the_sites_own_cover_is_measured_and_one_apple_refuses_is_said(tmp_path, capsys):
    from conftest import make_site
    from generator.cli import main

    for (width, height), warned in (((1400, 1400), False), ((600, 600), True), ((1600, 1400), True)):
        site = make_site(tmp_path / f"{width}x{height}", {}, CONFIG.replace("https://example.org/cover.png",
                                                                             "static/cover.png"))
        (site / "static").mkdir()
        (site / "static" / "cover.png").write_bytes(_png(width, height))
        for name, text in FILES.items():
            (site / "content" / name).write_text(text, encoding="utf-8")
        assert main(["build", "--config", str(site / "config.yaml")]) == 0
        said = "".join(capsys.readouterr())
        assert (f"{width}x{height} pixels" in said) is warned, said
        channel = ET.fromstring((site / "output" / "podcasts" / "feed.rss").read_bytes()).find("channel")
        assert channel.find(f"{ITUNES}image").get("href") == "https://example.org/static/cover.png"
        assert (site / "output" / "static" / "cover.png").read_bytes() == _png(width, height)


def test_a_cover_apple_refuses_or_an_empty_one_is_said_at_podcast_image_s_line(tmp_path, capsys):
    """The cover's warnings and its note named config.yaml alone, where every other config problem names the
    key's line: the user had to find `podcast_image` themselves."""
    from conftest import make_site
    from generator.cli import main

    covers = {"static/cover.png": _png(600, 600), "static/none.png": None, "static/cover.jpg": b"not a picture"}
    for number, (value, written) in enumerate((*covers.items(), ('""', None))):
        config = CONFIG.replace("https://example.org/cover.png", value)
        line = config.splitlines().index(f"podcast_image: {value}") + 1
        site = make_site(tmp_path / str(number), {}, config)
        if written is not None:
            (site / "static").mkdir()
            (site / value).write_bytes(written)
        for name, text in FILES.items():
            (site / "content" / name).write_text(text, encoding="utf-8")
        assert main(["build", "--config", str(site / "config.yaml")]) == 0
        said = [said_line for said_line in "".join(capsys.readouterr()).splitlines() if "podcast_image" in said_line]
        assert said, value
        assert all(f"config.yaml:{line}: " in said_line for said_line in said), (value, said)


def test_a_podcast_picture_or_category_apple_would_refuse_is_an_error_at_its_line(tmp_path, capsys):
    from conftest import make_site
    from generator.cli import main

    for line, words in (("podcast_image: javascript:alert(1)", "podcast_image"),
                        ("podcast_image: https://example.org/cover.webp", "JPEG or PNG"),
                        ("podcast_category: Gardening", "podcast_category")):
        site = make_site(tmp_path / str(len(line)), {}, CONFIG.replace("stories:", f"{line}\nstories:")
                         .replace("podcast_image: https://example.org/cover.png\n", "")
                         .replace('podcast_category: "Society & Culture/Documentary"\n', ""))
        assert main(["build", "--config", str(site / "config.yaml")]) != 0
        err = capsys.readouterr()
        said = err.out + err.err
        assert "config.yaml:" in said and words in said, said


def test_a_build_reads_config_yaml_once_when_the_cover_has_nothing_to_say(tmp_path, capsys, monkeypatch):
    """The cover's line was looked up in config.yaml's text on every build and serve rebuild, warning or not: the
    file was read twice. It is read again only for a message that names the line (the test above)."""
    import builtins
    import io

    reads = []

    def counted(function):
        def read(path, *args, **kwargs):
            mode = args[0] if args else kwargs.get("mode", "r")
            if str(path).endswith("config.yaml") and not set(mode) & set("wax"):
                reads.append(str(path))
            return function(path, *args, **kwargs)
        return read

    monkeypatch.setattr(io, "open", counted(io.open))  # (what pathlib's reads call)
    monkeypatch.setattr(builtins, "open", counted(builtins.open))
    for files in (FILES, {"article.md": FILES["article.md"]}):  # a podcast with a good cover, and no podcast
        reads.clear()
        out, _, said = build_items(tmp_path / str(len(files)), files, capsys, CONFIG)
        assert (out / "index.html").is_file() and "podcast_image" not in said, said
        assert len(reads) == 1, reads
