"""Video players: the one rule of YouTube's and Vimeo's video ids and their players' addresses, which a video
page's address (`player_url`), a Hugo shortcode and a fetched YouTube entry share. Light on purpose: fetch's
parsing process imports it without the build's HTML libraries."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

# Each video service's player address, and the ids of its videos: YouTube's 11 characters of [A-Za-z0-9_-],
# Vimeo's numbers in ASCII digits. Anything else is no video of theirs, and could break the markup it went into.
PLAYERS = {"youtube": ("https://www.youtube.com/embed/", re.compile(r"[A-Za-z0-9_-]{11}")),
           "vimeo": ("https://player.vimeo.com/video/", re.compile(r"[0-9]{1,20}"))}


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
