"""Hosts as a browser reads them: the one reading of a URL's host for the whole build (and fetch's).

Whether a browser reads a host at all (`readable_host`, with `IGNORED_IN_HOSTS`, the one list of what IDNA drops
from one), how it writes one (`read_host`: lower case, escapes read, an IPv4 address in its one form), its IDNA
spellings both ways (`ascii_host`, `unicode_host`), and whether it is on a reader's own machine or network
(`private_host`). urls.py reads addresses with these; a host that comes alone (a provider's domain) is read here too.
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from functools import lru_cache
from urllib.parse import unquote

_IDNA_DEVIATIONS = re.compile("[\u00df\u03c2\u200c\u200d]")


def ascii_host(host: str) -> str:
    """A host name as a browser sends it, and as a page names it: an international one in IDNA's ASCII form
    (`аpple.com`, with a Cyrillic "а", is `xn--pple-43d.com`), so that no look-alike letter names another site;
    one that IDNA cannot write as written."""
    if host.isascii() or _IDNA_DEVIATIONS.search(host):  # (Python's IDNA 2003 maps ß, ς and joiners away,
        return host                                         # where browsers keep them: another host)
    try:
        written = host.encode("idna").decode("ascii")
    except UnicodeError:
        return host
    # (and it encodes what is no host name, a space or a slash in it, as one label of nonsense)
    return written if _ASCII_HOST.fullmatch(written) else host


_ASCII_HOST = re.compile(r"[a-z0-9_-]+(?:\.[a-z0-9_-]+)*\.?", re.IGNORECASE)


def unicode_host(host: str) -> str:
    """A host name with each label written in IDNA's ASCII form (`xn--bcher-kva`) in its letters (`bücher`), as
    a crawler that writes what it reads on a page spells it, and without the dot that may end a name (`example.com.`
    is `example.com`): one spelling of one host (providers' domains, site.identities.site_domain)."""
    host = host[:-1] if host.endswith(".") and not host.endswith("..") else host
    if "xn--" not in host:
        return host
    return ".".join(_letters(label) for label in host.split("."))


def _letters(label: str) -> str:
    if not label.startswith("xn--"):
        return label
    try:
        return label.encode("ascii").decode("idna")
    except UnicodeError:  # (not IDNA's: kept as written)
        return label


@lru_cache(maxsize=4096)  # (a site's links and pictures are on few hosts: each is read once)
def read_host(host: str) -> str:
    """A host (and its port) as a browser reads it and its address bar shows it, so that what a reader is shown
    of an address is where it goes: in lower case (lower_host), its percent escapes read (`ex%41mple.com` is
    example.com; kept as written when what they make is no host, which readable_host refuses), an IPv4 address in
    its one form (`0x7f.1`, `017.0.0.1`, `2130706433`, `1.2.3.4.` are 127.0.0.1, 15.0.0.1, 127.0.0.1, 1.2.3.4)."""
    if host.startswith("["):  # (an IPv6 address: urlsplit checks it)
        return host.lower()
    name, colon, port = host.partition(":")
    if "%" in name:
        try:
            decoded = unquote(name, errors="strict")
        except UnicodeDecodeError:
            decoded = ""
        if decoded and readable_host(decoded):
            name = decoded
    name = lower_host(name)
    seen = name if name.isascii() else unicodedata.normalize("NFKC", name).translate(_IDEOGRAPHIC_DOTS)
    number = _ipv4_number(seen[:-1] if seen.endswith(".") else seen)
    if number is not None:
        name = str(ipaddress.IPv4Address(number))
    return f"{name}{colon}{port}"


def lower_host(host: str) -> str:
    """A host in lower case, as a browser's IDNA mapping writes it (`MÜNCHEN.example` is `münchen.example`, the
    same host): letter by letter, so that no letter's neighbours change it (str.lower writes a Greek capital
    sigma at a word's end as the final sigma, which IDNA does not)."""
    return host.lower() if host.isascii() else "".join(char.lower() for char in host)


# Names a reader's own machine or network answers to, never a public site's (RFC 6761's localhost, RFC 6762's
# mDNS `.local`, RFC 8375's `.home.arpa`, ICANN's private-use `.internal`, and the suffixes home and office
# routers hand out, which ICANN will never delegate: `.lan`, `.home`, `.corp`, `.intranet`)
_PRIVATE_NAMES = ("localhost", "local", "internal", "home.arpa", "lan", "home", "corp", "intranet")
_IDEOGRAPHIC_DOTS = str.maketrans("\u3002\uff0e\uff61", "...")  # (UTS 46 maps them to "." in a host)


@lru_cache(maxsize=4096)  # (a site's pictures come from few hosts: each is read once)
def private_host(host: str) -> bool:
    """Whether a URL's host (urlsplit's `hostname`: an IPv6 address without its brackets) is, as a browser reads
    it, on the reader's own machine or private network: an address that is not global in any spelling a browser
    takes (`127.1`, `0x7f.0.0.1`, `2130706433`, `0177.0.0.1`, `[::1]`, `[::ffff:192.168.0.1]`, `%31%30.0.0.1`,
    full-width digits), or a name of _PRIVATE_NAMES or of one label (`http://router/`, which the reader's network
    completes). A name is not looked up: one a public DNS server resolves to a private address reads as public
    (fetch's is_public_host also resolves it)."""
    host = unquote(host) if "%" in host else host
    if not host.isascii():  # (a browser reads `１２７．０．０．１` as 127.0.0.1)
        host = unicodedata.normalize("NFKC", host).translate(_IDEOGRAPHIC_DOTS)
    host = host.lower()
    if ":" in host:
        try:
            address = ipaddress.IPv6Address(host.partition("%")[0])
        except ValueError:
            return False
        mapped = address.ipv4_mapped
        return not (mapped or address).is_global
    name = host[:-1] if host.endswith(".") else host
    number = _ipv4_number(name)
    if number is not None:
        return not ipaddress.IPv4Address(number).is_global
    if not name:
        return False
    return "." not in name or name.endswith(tuple("." + suffix for suffix in _PRIVATE_NAMES)) or \
        name in _PRIVATE_NAMES


# What no host may hold once its escapes are read (the URL standard's forbidden domain code points, and U+FFFD, which
# IDNA disallows: a `%ff` read as UTF-8)
_NOT_IN_HOST = re.compile(r"[\x00-\x20#%/:<>?@\[\\\]^|\x7f\ufffd]")
_NUMBER_LABEL = re.compile(r"[0-9]+|0[xX][0-9a-fA-F]*")
# What IDNA maps to nothing in a host (UTS 46's "ignored"): a soft hyphen, zero-width spaces, variation selectors, a
# byte order mark; the one list, for readable_host and for a provider's domain as its readers' browsers go there
IGNORED_IN_HOSTS = re.compile("[\u00ad\u034f\u180b-\u180f\u200b\u2060\u2064\ufe00-\ufe0f\ufeff"
                              "\U0001bca0-\U0001bca3\U000e0100-\U000e01ef]")


@lru_cache(maxsize=4096)  # (a site's links and pictures are on few hosts: each is read once)
def readable_host(host: str) -> bool:
    """Whether a browser reads `host` (an http(s) URL's, as urls.url_host gives it) as a host at all. The URL standard
    fails on one that holds a space, `%`, `|`, `^` or the like once its escapes are read (`a%20b.example`), whose
    last label is a number but which is no IPv4 address (`256.256.256.256`, `1.2.3.4.5`, `news.123`), with an
    `xn--` label that is no IDNA (`xn--e-vil-x`), or that is empty once what IDNA ignores is gone (`https://:80/`,
    a soft hyphen alone): such an address was published as a link that leads nowhere, and a picture that never
    loads. An IPv6 address (urlsplit checked it) and any host it can read are readable; so is one only IDNA's
    finer rules refuse (its bidi rule: Arabic digits beside Latin letters in a label), which are the browser's."""
    if ":" in host:
        return True
    name = unquote(host) if "%" in host else host
    if not name.isascii():  # (IDNA maps full-width letters and dots as this does: `ａ／b` holds a slash)
        name = IGNORED_IN_HOSTS.sub("", unicodedata.normalize("NFKC", name).translate(_IDEOGRAPHIC_DOTS))
    if not name or _NOT_IN_HOST.search(name):  # (`https://:80/`, or a soft hyphen alone: no host at all)
        return False
    labels = name.lower().split(".")
    if len(labels) > 1 and not labels[-1]:  # (`example.com.`: the last label is the one before the dot)
        labels.pop()
    if _NUMBER_LABEL.fullmatch(labels[-1]) and _ipv4_number(".".join(labels)) is None:
        return False
    return all(_idna_label(label) for label in labels if label.startswith("xn--"))


def _idna_label(label: str) -> bool:
    """Whether an `xn--` label is IDNA's writing of some letters (Punycode that decodes, to no control)."""
    try:
        letters = label[4:].encode("ascii").decode("punycode")
    except (UnicodeError, ValueError):
        return False
    return bool(letters) and not any(unicodedata.category(char) in ("Cc", "Cs") for char in letters)


_IPV4_PART = re.compile(r"0[xX][0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*")


def _ipv4_number(name: str) -> int | None:
    """A host as the URL standard's IPv4 parser reads it (up to four numbers, each decimal, octal with a leading
    0 or hex with 0x; the last fills the bytes left), or None when it is no IPv4 address."""
    parts = name.split(".")
    if len(parts) > 4 or not all(_IPV4_PART.fullmatch(part) for part in parts):
        return None
    numbers = [int(part[2:] or "0", 16) if part[:2].lower() == "0x" else int(part, 8) if part.startswith("0")
               else int(part) for part in parts]
    if any(number > 255 for number in numbers[:-1]) or numbers[-1] >= 256 ** (5 - len(numbers)):
        return None
    return numbers[-1] + sum(number << (8 * (3 - index)) for index, number in enumerate(numbers[:-1]))
