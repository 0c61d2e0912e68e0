"""Video players: the one rule of YouTube's and Vimeo's video ids and their players' addresses, which a video
page's address (`player_url`), a Hugo shortcode, a fetched YouTube entry and an item's own player
(`refused_player`, when the build reads it) share. Light on purpose: fetch's
parsing process imports it without the build's HTML libraries."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

# Each video service's player address, and the ids of its videos: YouTube's 11 characters of [A-Za-z0-9_-],
# Vimeo's numbers in ASCII digits. Anything else is no video of theirs, and could break the markup it went into.
PLAYERS = {"youtube": ("https://www.youtube.com/embed/", re.compile(r"[A-Za-z0-9_-]{11}")),
           "vimeo": ("https://player.vimeo.com/video/", re.compile(r"[0-9]{1,20}"))}
SERVICE_NAMES = {"youtube": "YouTube", "vimeo": "Vimeo"}


def embed_url(service: str, video: str) -> str:
    """The player's address of the video `video` on `service` (a key of PLAYERS), or "" for an id none of the
    service's videos has."""
    address, ids = PLAYERS[service]
    return address + video if ids.fullmatch(video) else ""


def player_url(url: str) -> str:
    """The embed address of a YouTube or Vimeo video page's address (`youtube.com/watch?v=ID`, `youtu.be/ID`,
    `youtube.com/shorts/ID`, `vimeo.com/123`); any other address as it is."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.").removeprefix("m.")
    video = ""
    if host == "youtube.com" and parts.path == "/watch":
        video = embed_url("youtube", parse_qs(parts.query).get("v", [""])[0])
    elif host == "youtu.be" or host == "youtube.com" and parts.path.startswith(("/shorts/", "/live/")):
        video = embed_url("youtube", parts.path.rstrip("/").rsplit("/", 1)[-1])
    elif host == "vimeo.com":
        video = embed_url("vimeo", parts.path.strip("/"))
    return video or url


# Where each service's player takes the id: YouTube's (and its no-cookie host's) /embed/ID, Vimeo's /video/ID
_PLAYER_PATHS = {"youtube.com": ("youtube", "/embed/"), "youtube-nocookie.com": ("youtube", "/embed/"),
                 "player.vimeo.com": ("vimeo", "/video/")}


def refused_player(url: str) -> tuple[str, str] | None:
    """(service, id) when `url` is a YouTube or Vimeo player's address of an id none of the service's videos
    has (embed_url's rule), else None. An empty id is left: a playlist's player names its list in the query."""
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    service, path = _PLAYER_PATHS.get(host, ("", ""))
    if not service or not parts.path.startswith(path):
        return None
    video = parts.path[len(path):].rstrip("/")
    return (service, video) if video and not embed_url(service, video) else None
