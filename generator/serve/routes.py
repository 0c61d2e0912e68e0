"""A request to serve, checked before it is answered: whether its Host header names this server as only the
user's own browser would (host_allowed, against DNS rebinding), which file of the output folder its path
names (resolve_request: never outside it), and the Content-Type that file is sent with."""

from __future__ import annotations

import ipaddress
import mimetypes
import re
import socket
from pathlib import Path
from urllib.parse import quote, unquote




TYPES = {
    ".html": "text/html; charset=utf-8", ".htm": "text/html; charset=utf-8", ".css": "text/css; charset=utf-8",
    ".js": "text/javascript; charset=utf-8", ".json": "application/json", ".xml": "application/xml",
    ".svg": "image/svg+xml", ".txt": "text/plain; charset=utf-8", ".webmanifest": "application/manifest+json",
    ".ico": "image/x-icon", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".gif": "image/gif",
    ".webp": "image/webp", ".woff2": "font/woff2", ".woff": "font/woff", "": "application/octet-stream",
}


def content_type(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix in TYPES:
        return TYPES[suffix]
    guessed, _ = mimetypes.guess_type(path.name)  # the system table varies, so only for types we don't list
    return guessed or "application/octet-stream"


_HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[A-Za-z0-9.-]+)(:[0-9]{1,5})?")


def network_address(family: int = socket.AF_INET) -> str:
    """This computer's address on its network, "" if none: the one its route to the outside leaves from (a UDP
    socket's connect sends nothing, it only picks the route), else one its host name resolves to; never a
    loopback address."""
    probe = "10.254.254.254" if family == socket.AF_INET else "2001:db8::1"  # (any address off this computer)
    try:
        with socket.socket(family, socket.SOCK_DGRAM) as udp:
            udp.connect((probe, 9))
            found = [udp.getsockname()[0]]
    except OSError:  # no route out: what the host name resolves to
        try:
            found = [info[4][0] for info in socket.getaddrinfo(socket.gethostname(), None, family, socket.SOCK_DGRAM)]
        except OSError:
            found = []
    for address in found:
        try:
            ip = ipaddress.ip_address(address.split("%", 1)[0])
        except ValueError:
            continue
        if not (ip.is_loopback or ip.is_unspecified or ip.is_link_local):
            return str(ip)
    return ""


def host_allowed(header: str | None, bind_host: str) -> bool:
    """Whether a request's Host header names this server as only the user's own browser would: a loopback
    name (localhost, *.localhost), an IP address, or the name serve was started on (--host).

    A page of another site can make a browser send requests here by pointing its own name at 127.0.0.1 (DNS
    rebinding); the Host header is then still that site's name, and such requests are refused. An IP
    address cannot be rebound, so serving on 0.0.0.0 still answers http://<this machine's address>:PORT/.
    The port is not checked: a forwarded port (ssh -L) arrives with another one.
    """
    found = _HOST.fullmatch((header or "").strip())
    if found is None:
        return False
    name = found.group(1).strip("[]").rstrip(".").lower()
    if name == "localhost" or name.endswith(".localhost"):  # RFC 6761: always this machine
        return True
    try:
        ipaddress.ip_address(name)
        return True
    except ValueError:
        return bool(name) and name == bind_host.strip("[]").rstrip(".").lower()


def resolve_request(folder: Path, base_path: str, raw: str) -> Path | str | None:
    """The file a request path names, a URL to redirect to (str), or None for "not found".

    The path is decoded once and checked part by part: `..` (also as %2e%2e), NUL and backslashes are
    refused outright, and whatever the parts lead to, symlinks included, must resolve to inside `folder`.
    """
    path = _path_of(raw)
    if path in ("", "/") or path + "/" == base_path:
        return base_path if base_path != "/" or path != "/" else _find(folder, [], path)
    parts = _parts(base_path, path)
    return None if parts is None else _find(folder, parts, path, base_path)


def requested_name(base_path: str, raw: str) -> str | None:
    """The output file a request path names whether it is there or not (`a/b/`: `a/b/index.html`), as
    resolve_request finds it when it is; None for a path it refuses or one outside the site. (serve tells a
    file deleted for good from one still to be written by its name.)"""
    path = _path_of(raw)
    parts = _parts(base_path, path)
    if parts is None:
        return None
    return "/".join(parts + ["index.html"] if path.endswith("/") or not parts else parts)


def _path_of(raw: str) -> str:
    return raw.split("?", 1)[0].split("#", 1)[0]  # not urlsplit: it would read `//host/x` as a host


def _parts(base_path: str, path: str) -> list[str] | None:
    """The decoded parts of a request path below the site's `base_path`; None if it is not below it, or
    names no file the site could hold (`..`, also as %2e%2e, NUL, backslashes)."""
    if not path.startswith(base_path):
        return None
    try:
        decoded = unquote(path[len(base_path):], errors="strict")
    except UnicodeDecodeError:
        return None
    if "\x00" in decoded or "\\" in decoded:
        return None
    parts = decoded.split("/")
    if ".." in parts:
        return None
    return [p for p in parts if p not in ("", ".")]


def _find(folder: Path, parts: list[str], path: str, base_path: str = "/") -> Path | str | None:
    try:
        root = folder.resolve(strict=True)
        target = root.joinpath(*parts).resolve()
        if not _within(target, root):
            return None
        if target.is_dir():
            if not path.endswith("/"):
                # as GitHub Pages does, so that relative links inside the page resolve; rebuilt from the parts,
                # so that `//host` can never come out of it (a redirect to another site)
                return base_path + "".join(quote(part) + "/" for part in parts)
            target = (target / "index.html").resolve()
            if not _within(target, root):
                return None
        return target if target.is_file() else None
    except (OSError, RuntimeError, ValueError):  # missing folder, symlink loop, a name too long
        return None


def _within(path: Path, root: Path) -> bool:
    return path == root or root in path.parents
