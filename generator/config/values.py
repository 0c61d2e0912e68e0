"""The site's configuration as typed, frozen values: Config and its sections (RankingConfig, StoriesConfig,
TopicConfig, ProviderConfig, SourceConfig, FetchConfig), each key with its default and its `doc` metadata, its
one-line reference (docs/configuration.md's table mirrors them; tests/test_docs.py keeps the two in step);
and where the bundled themes are (bundled_theme_dir, in_bundled_themes). load.py makes a Config from config.yaml."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

from generator.urls import private_address


_PACKAGE_THEMES = Path(__file__).parent.parent / "themes"  # where a wheel install puts them
_SOURCE_THEMES = Path(__file__).parent.parent.parent / "themes"  # a source checkout


def bundled_theme_dir(name: str) -> Path | None:
    for base in (_PACKAGE_THEMES, _SOURCE_THEMES):
        if (base / name / "templates").is_dir():
            return base / name
    return None


def in_bundled_themes(path: Path) -> bool:
    """Whether a file is newsdesk's own, in its bundled themes (a source checkout's `themes/` too, which is
    also its own site's)."""
    return any(path.is_relative_to(base) for base in (_PACKAGE_THEMES, _SOURCE_THEMES))


def own_folders(root: Path, theme: str) -> tuple[str, ...]:
    """The real paths of the folders whose files a build reads as the site's own: the site's, its theme's (one
    kept elsewhere and linked in is still the theme's) and newsdesk's bundled themes'."""
    folders = (root, root / "themes" / theme, _PACKAGE_THEMES, _SOURCE_THEMES)
    return tuple(os.path.realpath(folder) for folder in folders)


def linked_out(path: Path, own: tuple[str, ...]) -> str:
    """Where `path` truly is (through any link, its own or a folder's above it) when that is in none of the `own`
    folders, else "": git keeps links, and a theme cloned from anywhere could read any file of the computer
    that builds it through one (a key, `/dev/zero`, which has no end)."""
    target = os.path.realpath(path)
    return "" if any(target.startswith(folder + os.sep) for folder in own) else target


def _opt(default, doc: str):
    if isinstance(default, (list, tuple)):
        return field(default_factory=lambda: tuple(default), metadata={"doc": doc})
    return field(default=default, metadata={"doc": doc})


@dataclass(frozen=True)
class RankingConfig:
    """How the Top list and the front page order items (see docs/configuration.md, "ranking")."""

    heat_weight: float = _opt(1.0, "Weight of an item's heat (normalised to 0..1 across the site).")
    quality_weight: float = _opt(1.0, "Weight of an item's quality (normalised to 0..1 across the site).")
    recency_weight: float = _opt(2.0, "Weight of freshness, 2^(-age/half_life), 1.0 for an item published at build "
                                      "time.")
    half_life_hours: float = _opt(36.0, "Hours after which an item's freshness in Top has halved.")
    hot_gravity: float = _opt(1.5, "How fast stories fall in Hot: hotness is pct(heat) / (age_hours + 2)^hot_gravity; "
                                   "from 0 (Hot by heat alone) to 10.")
    min_heat: float = _opt(0.0, "Items with less heat are left out of the front page, Top and Hot lists (still on "
                                "Latest and their own pages).")
    coverage_boost: float = _opt(0.5, "How much a story's heat grows with the providers covering it: heat × (1 + "
                                      "coverage_boost × ln providers); 0: not at all.")


@dataclass(frozen=True)
class StoriesConfig:
    """How items that report the same news become one story (see docs/configuration.md, "stories")."""

    enabled: bool = _opt(True, "Group the items that report the same news, across providers, into stories: one card "
                               "each, with \"+N sources\".")
    window_hours: float = _opt(72.0, "Items joined by similar text lie within this many hours of their story's first "
                                     "item.")
    threshold: float = _opt(0.35, "How alike (cosine, more than 0 up to 1) an item's words must be to a story's to "
                                  "join it: higher, fewer and surer merges.")
    same_provider: str = _opt("join", "A provider's own items of one story: `join` (by text when other providers' "
                                      "reports of it agree, or when they are copies of one report within 12 hours) or "
                                      "`apart` (joined only by URL or `related`).")


@dataclass(frozen=True)
class TopicConfig:
    """A topic of the site; items name topics in their `topics:` list."""

    name: str = _opt("", "The topic's display name, as items write it; characters that show nothing (zero-width "
                         "spaces, direction marks) are dropped, as from items' topics.")
    slug: str = _opt("", "URL part (`/topics/<slug>/`); made from the name when empty.")
    parent: str = _opt("", "Name or slug of the parent topic; a parent's page also lists its children's items. One "
                           "that names no declared topic, or the topic itself, is warned of.")
    description: str = _opt("", "One sentence shown on the topic page.")
    keywords: tuple[str, ...] = _opt([], "Words, phrases and #hashtags that give an entry `newsdesk fetch` reads this "
                                         "topic, when its title, summary or text has one (whole words, any case, "
                                         "with or without Arabic's and Hebrew's vowel marks and tatweel).")
    shortname: str = _opt("", "A short name readers know the topic by (`CDS` for Common Data Service): the site search "
                              "finds the topic's stories by it too, as by its name.")


@dataclass(frozen=True)
class ProviderConfig:
    """Extra facts about a provider; items carry the provider's name and domain themselves."""

    domain: str = _opt("", "The provider's domain, e.g. `techcrunch.com` (its key).")
    name: str = _opt("", "Display name; taken from the items when empty (the name most of them give; of those as many "
                         "give, the newest item's). Read as an item's provider name is: characters that show nothing "
                         "(zero-width spaces, direction marks) are dropped.")
    logo: str = _opt("", "Logo: an https URL, or a file in the site's `static/` folder (`logos/x.png` or "
                         "`static/logos/x.png`).")
    description: str = _opt("", "One sentence shown on the provider page.")
    account: str = _opt("", "On a host many providers share (youtube.com, github.com...): the address of the account's "
                            "own page (`https://www.youtube.com/@acme`), as its items' `account`; the record is then "
                            "that account's alone, not the host's nor another account's, and `domain` may be left out. "
                            "Spellings of one page (`/%40acme`, `/@acme`, `m.`, `www.`) are one account.")
    other_names: tuple[str, ...] = _opt([], "Other names items give the provider by (`The Wall Street Journal`, "
                                            "`WSJ`): an item that names it so (or by `name`) without a `domain` or "
                                            "`account` is this provider's, on its one page. In a data_dir record, "
                                            "`otherNames` or schema.org's `alternateName`.")
    same_as: tuple[str, ...] = _opt([], "Other addresses of the provider (schema.org's `sameAs`): another site's home "
                                        "page (`https://wsj.net/`), or an account's page on a host many share "
                                        "(`https://www.youtube.com/@wsj`); an item whose provider's `domain` or "
                                        "`account` is one of them is this provider's.")
    # A data_dir record's logo in every size it gives: (url, width, height) each, `logo` first.
    logos: tuple = field(default=(), metadata={"internal": True})


@dataclass(frozen=True)
class SourceConfig:
    """A feed `newsdesk fetch` reads; `- URL` is short for `- url: URL`."""

    url: str = _opt("", "The feed's URL (RSS, Atom, RDF or JSON Feed), http or https.")
    name: str = _opt("", "Provider name for its items; the feed's title when empty.")
    domain: str = _opt("", "Provider domain for its items; the host of the feed's site link when empty (on a host "
                           "many share, such as youtube.com, its items are then the account's: see "
                           "\"Channels, repositories and subreddits\" in the fetch guide; set `domain` "
                           "to make them one provider).")
    logo: str = _opt("", "Provider logo for its items: an https URL.")
    topics: tuple[str, ...] = _opt([], "Topics every item of this feed gets, besides its categories that name a "
                                       "declared topic.")
    quality: float = _opt(50.0, "Quality prior: the `quality` of this feed's new items.")
    max_items: int = _opt(100, "Read at most this many entries of the feed, the newest ones (0: all).")
    only_topics: bool = _opt(False, "Keep only the entries that get a declared topic from their categories or "
                                    "`keywords` (the source's own `topics` do not count): a general feed for a site "
                                    "about one subject.")
    language: str = _opt("", "The language the feed is written in, a code such as fr or en-GB, by which its dates of "
                             "numbers are read (`03/12/2026` is 3 December in fr and en-GB, 12 March in en-US, which "
                             "writes the month first, and no date in `en` alone); empty: the language the feed says it "
                             "is in, else the site's `language`.")


@dataclass(frozen=True)
class FetchConfig:
    """How `newsdesk fetch` reads the `sources` (see docs/fetch.md)."""

    opml: str = _opt("", "An OPML file of more sources (relative to the site root), e.g. exported from a feed reader.")
    folder: str = _opt("fetched", "Folder under `content_dir` that fetched items are written to, one subfolder per "
                                  "site (a source's `domain`, else its host).")
    state_file: str = _opt("fetch-state.json", "What fetch remembers (validators, moved and gone feeds, the items it "
                                               "wrote); commit it.")
    keep_days: int = _opt(0, "Delete fetched items published more than this many days ago, unless edited by hand (0: "
                             "keep all; at most 36,500).")
    timeout: float = _opt(20.0, "Seconds a feed may take to answer, and to arrive in full (at most 86,400).")
    retries: int = _opt(2, "Tries after a failed connection, a timeout or a 5xx answer, waiting `backoff` seconds, "
                           "then twice that (at most 10).")
    backoff: float = _opt(1.0, "Seconds before the first retry (at most 86,400).")
    max_wait: float = _opt(60.0, "Longest `Retry-After` that fetch waits for; a feed asking for longer is tried on the "
                                 "next fetch (at most 86,400 seconds).")
    concurrency: int = _opt(8, "Feeds fetched at once (one at a time from any one host; at most 64).")
    max_bytes: int = _opt(10485760, "Largest feed read, in bytes after decompression; a bigger one fails.")
    parse_timeout: float = _opt(60.0, "Seconds a downloaded feed may take to be read (parsed); a slower one fails (at "
                                      "most 86,400).")
    user_agent: str = _opt("", "User-Agent header, printable ASCII on one line; empty: `newsdesk/VERSION (+base_url)`.")


@dataclass(frozen=True)
class Config:
    """The whole site configuration; `root` is the folder holding config.yaml."""

    title: str = _opt("newsdesk", "Site title, shown in the header and in `<title>`; an empty one is an error.")
    description: str = _opt("", "Site description for the front page's meta description and feeds.")
    base_url: str = _opt("http://localhost:8000/", "Public URL of the site; may have a path, e.g. "
                         "`https://user.github.io/repo/` (percent-encoded where it needs to be, a `%` that starts "
                         "no escape as `%25`, `/a/../b/` as `/b/`, its host in lower case, and a host such as "
                         "`bücher.example` written in its ASCII form, "
                         "`xn--bcher-kva.example`); a query, a fragment or a password in it is an error, and so is a "
                         "line break, a tab or another control character in it, or a space at its start or end "
                         "(which browsers drop from an address: a value on two lines became the site's path, "
                         "`/Disallow:%20/`), at its line. One on "
                         "this computer or a private network (the default, an intranet's host) keeps content's "
                         "pictures on such hosts, which a public site's pages leave out ([Addresses of a reader's "
                         "own network](content.md#addresses-of-a-readers-own-network)).")
    language: str = _opt("en", "Language code (`en`, `pt-BR`) for `<html lang>`, feeds and the search's stemmer; a "
                               "locale's `pt_BR` is read as `pt-BR`; `''` declares none (for a site in many languages: "
                               "no "
                               "stemming); a language's name (`English`, `Deutsch`: the error says its code) or a "
                               "locale with "
                               "its charset (`en_US.UTF-8`) is an error, and so is a two-letter code that "
                               "names no language (ISO 639-1) or country (ISO 3166-1): `xx`, `jp` (Japanese is `ja`), "
                               "`en-UK` (`en-GB`). It also chooses the language of the bundled theme's own words and "
                               "of its dates' month and weekday names and calendar (Solar Hijri in Persian: "
                               "[Calendar](themes.md#a-site-in-another-language)), how its numbers are written "
                               "(`1.234` and `98,3` "
                               "in German), how German pages' addresses write `ä`, `ö`, `ü` and `&` "
                               "(`glaette-unfaelle/`, `topics/klima-und-umwelt/`) and other languages' in Latin "
                               "letters "
                               "`&` (French `topics/recherche-et-innovation/`, Swedish "
                               "`topics/forskning-och-innovation/`: [The item's page](content.md#the-items-page)) and "
                               "which language its \"3 hours ago\" is in (the words' language, so "
                               "English on a site whose language has no words): newsdesk ships English, German (`de`), "
                               "French (`fr`), Spanish (`es`), Italian (`it`), Portuguese (`pt`, Brazil's), Dutch "
                               "(`nl`), Russian (`ru`), Ukrainian (`uk`), Polish (`pl`), Turkish (`tr`), "
                               "Japanese (`ja`), Korean (`ko`), Hindi (`hi`), Arabic (`ar`), "
                               "Hebrew (`he`), "
                               "Persian (`fa`), Urdu (`ur`), Pashto (`ps`), Sindhi (`sd`) and Yiddish (`yi`); `de-AT` "
                               "uses `de`'s; another language shows English words, with a warning, "
                               "until you add its file ([A site in another "
                               "language](themes.md#a-site-in-another-language)).")
    timezone: str = _opt("UTC", "IANA time zone for dates written without one, and for displayed dates: a place's "
                         "name (`Europe/Berlin`), which follows its summer time; an offset (`+01:00`) is none, and "
                         "the error says what to write (a fixed offset is `Etc/GMT-1`, its sign reversed).")
    content_dir: str = _opt("content", "Folder of item files (`*.md`, any depth), relative to the site root.")
    output_dir: str = _opt("output", "Folder the site is written to, relative to the site root.")
    theme: str = _opt("default", "Theme name: `themes/<theme>/` in the site overrides the bundled theme of that name, "
                                 "or the bundled `default`, file by file; a name that is neither is an error.")
    data_dir: str = _opt("", "Optional folder with `topics/*.yaml` and `organizations/*.md` records (Smartable "
                             "layout); named but not there, it stops the command, as a missing content folder does.")
    items_per_page: int = _opt(20, "Items on each page of Latest, Top, Hot, topic and provider lists.")
    front_page_items: int = _opt(13, "Items on the front page: one lead story and the rest as cards.")
    feed_items: int = _opt(50, "Items in each feed.")
    podcast_image: str = _opt("", "The cover of the site's podcast feeds (a feed whose every item is a podcast's "
                                  "episode: [Podcasts](feeds-and-api.md#podcasts)): an http(s) address of a square "
                                  "JPEG or PNG of 1400 to 3000 pixels, or a file of the site's `static/` folder ("
                                  "`static/cover.jpg`, whose size the build checks), as Apple's podcast directory "
                                  "asks. Empty: the feeds have no `itunes:image`, and a build with episodes says so in "
                                  "a note, as Apple refuses such a feed.")
    podcast_category: str = _opt("News", "The Apple Podcasts category of the site's podcast feeds, one of Apple's "
                                         "(`News`, `Technology`, `Society & Culture` ...), and a subcategory after "
                                         "a `/` (`News/Daily News`).")
    feeds: bool = _opt(True, "Write the Atom, RSS and JSON feeds (site, topics, providers) and link them from every "
                             "page.")
    api: bool = _opt(True, "Write the read-only JSON API (`api/`).")
    search: bool = _opt(True, "Build the full-text search index (search/index/) and show the search box and page.")
    search_synonyms: tuple[tuple[str, ...], ...] = _opt([], "Groups of words or names that mean the same to the site's "
                                                            "readers, each a list (`[Dataverse, Common Data Service, "
                                                            "CDS]`, `[tables, entities]`): a story that writes one of "
                                                            "a group is found by the others too (stemmed, so `entity` "
                                                            "matches `entities`). A topic's name and its `shortname` "
                                                            "are such a group already.")
    type_lists: bool = _opt(True, "A list page, feeds and a header link for each item type besides article (`videos/`, "
                                  "`downloads/` ...).")
    markdown_engine: str = _opt("cmark", "Markdown renderer: `cmark` (CommonMark + GitHub extensions, fast) or "
                                         "`python-markdown` (its `extra` extensions: footnotes, definition lists, "
                                         "abbreviations). Python-Markdown's time grows with the square of the "
                                         "brackets, tags and other marks in one paragraph: a body with thousands "
                                         "(which would take it minutes), or of more than 20,000 lines outside "
                                         "its fenced code blocks, or with thousands of code fences that nothing "
                                         "closes, is rendered as CommonMark, with a warning.")
    now: str = _opt("", "Fixed build time (ISO 8601); else `SOURCE_DATE_EPOCH`; else the clock.")
    cname: str = _opt("", "Custom domain for GitHub Pages; written to `CNAME` when set (a domain such as "
                          "`bücher.example` in its ASCII form, as GitHub Pages reads it).")
    embed_hosts: tuple[str, ...] = _opt(
        ["www.youtube.com", "youtube.com", "www.youtube-nocookie.com", "player.vimeo.com"],
        "Hosts whose video players may be embedded (https only), each a host name alone (`www.youtube.com`, not an "
        "address); other videos get a link. A player loads only when the reader starts it.",
    )
    picture_resizer: str = _opt("", "URL of an image resizing service for pictures from other sites, with `{url}` (the "
                                    "picture's URL, percent-encoded) and `{width}` (pixels), e.g. "
                                    "`https://wsrv.nl/?url={url}&w={width}`: pages then offer each picture in the "
                                    "widths they show it at. Empty: pictures are linked as items give them.")
    pictures_dir: str = _opt("pictures", "Folder of the small copies of items' pictures that `newsdesk pictures` "
                                         "makes, relative to the site root: when it holds their manifest, pages offer "
                                         "the copies as smaller sizes of those pictures. Empty: copies are never made "
                                         "or used.")
    redirects: tuple[tuple[str, str], ...] = field(default=(), metadata={
        "mapping": True,
        "doc": "Old addresses of the site's pages, each a path (`/anbieter/spiegel/`) mapped to the page it moved "
               "to: its path (`/providers/der-spiegel/`), or the page named by what it shows (`{provider: Der "
               "Spiegel}`, `{topic: Wirtschaft und Politik}`, `{type: video}`). Each becomes a small page at the old "
               "path that sends readers on (GitHub Pages has no redirects of its own); not in the sitemap. An item's "
               "own old addresses are its `aliases`."})
    undeclared_topics: str = _opt("warn", "An item naming a topic that `topics` (or data_dir) does not declare, when "
                                          "some are declared: `warn` (kept, with a warning), `error` (left out) or "
                                          "`allow`.")
    ranking: RankingConfig = field(default_factory=RankingConfig, metadata={"doc": "Ranking weights, see below."})
    stories: StoriesConfig = field(default_factory=StoriesConfig,
                                   metadata={"doc": "Grouping items into stories, see below."})
    topics: tuple[TopicConfig, ...] = field(default_factory=tuple,
                                            metadata={"doc": "List of topics (name, slug, parent, description, "
                                                             "keywords, shortname)."})
    providers: tuple[ProviderConfig, ...] = field(default_factory=tuple,
                                                  metadata={"doc": "List of providers (domain, name, logo, "
                                                                   "description)."})
    sources: tuple[SourceConfig, ...] = field(default_factory=tuple,
                                              metadata={"doc": "Feeds that `newsdesk fetch` reads into the content "
                                                               "folder, see below."})
    fetch: FetchConfig = field(default_factory=FetchConfig,
                               metadata={"doc": "How `newsdesk fetch` reads them, see below."})
    root: Path = field(default=Path("."), metadata={"internal": True})
    path: str = field(default="config.yaml", metadata={"internal": True})
    # Keys the command line gave (--content, --output, --base-url): their messages name the option, not a line.
    from_options: frozenset[str] = field(default=frozenset(), metadata={"internal": True})

    @property
    def base_path(self) -> str:
        """The URL path the site lives under, always with slashes at both ends."""
        return urlsplit(self.base_url).path or "/"

    @property
    def local_site(self) -> bool:
        """Whether the site itself is on this machine or a private network (`http://localhost:8000/`, an intranet's
        host): its pages keep the pictures content gives on such hosts, which a public site's leave out."""
        return private_address(self.base_url)

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)

    @property
    def content_path(self) -> Path:
        return self.root / self.content_dir

    @property
    def output_path(self) -> Path:
        return self.root / self.output_dir

    @property
    def input_paths(self) -> list[Path]:
        """Folders the build reads; the output folder must not overlap any of them."""
        return [self.content_path, self.root / "themes", self.root / "static"] + (
            [self.root / self.data_dir] if self.data_dir else []) + (
            [self.root / self.pictures_dir] if self.pictures_dir else [])
