"""A polite HTTP client for feeds: conditional GETs, one request at a time per host, timeouts that cover
the whole answer, retries with backoff, `Retry-After`, permanent redirects and 410 noted, a size cap.

Feed servers are other people's: a feed that hangs, trickles, redirects in circles, lies about its size
or answers gigabytes ends as a failed Response naming what happened, never as an exception that stops
the other feeds.
"""

from __future__ import annotations

import ipaddress
import re
import socket
import threading
import time
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import quote, urlsplit

import httpx

from generator.fetch.state import MAX_URL, header_value
from generator.hosts import private_host
from generator.urls import joined, read_url

MAX_REDIRECTS = 5
AGAIN = "tried again on the next fetch"
SLOW = f"{AGAIN}; raise fetch.timeout if the feed is just slow"
BIGGER = "raise fetch.max_bytes if the feed really is that big"
# Only what _body bounds: httpx would add br and zstd whenever their libraries happen to be installed, and one
# piece of either unpacks to far more than a gzip piece does before fetch.max_bytes is looked at
ACCEPT_ENCODING = "gzip, deflate"
# x-gzip: httpx passes it on packed, and parse_feed unpacks a gzip body itself, within max_bytes
BOUNDED = ("gzip", "deflate", "x-gzip")
ACCEPT = ("application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, "
          "application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, */*;q=0.5")


@dataclass(frozen=True)
class Settings:
    timeout: float = 20.0
    retries: int = 2
    backoff: float = 1.0
    max_wait: float = 60.0
    max_bytes: int = 10 * 1024 * 1024
    user_agent: str = "newsdesk"
    accept: str = ACCEPT
    # What is fetched, as messages name it, and the setting that caps its size: `newsdesk pictures` uses the
    # client for pictures, which have no setting of their own
    noun: str = "feed"
    size_key: str = "fetch.max_bytes"
    run: str = "fetch"  # one run of the command, as "earlier in this fetch" names it
    again: str = AGAIN  # when a failed one is asked again


@dataclass(frozen=True)
class Response:
    status: str  # "ok", "not_modified", "gone" or "failed"
    body: bytes = b""
    content_type: str = ""
    url: str = ""  # where the body came from, after redirects: relative links are resolved against it
    etag: str = ""
    last_modified: str = ""
    moved_to: str = ""  # set when a 301/308 said the feed lives elsewhere now
    message: str = ""  # why it failed


class _Failed(Exception):
    def __init__(self, message: str, retry: bool = False, wait: float | None = None, hint: str = "",
                 silent: str = ""):
        super().__init__(message)
        self.retry = retry
        self.wait = wait
        self.hint = hint  # what the user can do about it
        self.silent = silent  # the host:port that could not be reached

    def told(self, tries: int = 1) -> str:
        # (the tries said: a feed that timed out after `timeout` seconds three times, with the waits between,
        # took a minute, which "no answer within 20 s" alone left unexplained)
        said = f"{self} (tried {tries} times)" if tries > 1 else str(self)
        return f"{said}; {self.hint}" if self.hint else said


def _hint(status: int, noun: str = "feed", again: str = AGAIN) -> str:
    if status >= 500:
        return f"the server failed; {again}"
    source = "the source" if noun == "feed" else f"the {noun} from the item"
    if status in (401, 403):
        return f"the server refuses to give the {noun}; open the URL in a browser, and ask the site or remove {source}"
    return f"no {noun} at this URL; open it in a browser, and fix the URL or remove {source}"


class Client:
    """Thread-safe: fetch's workers share one, and with it the connections and the per-host locks."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self._http = httpx.Client(timeout=httpx.Timeout(settings.timeout), follow_redirects=False,
                                  headers={"User-Agent": settings.user_agent, "Accept": settings.accept,
                                           "Accept-Encoding": ACCEPT_ENCODING})
        self._hosts: dict[str, threading.Lock] = {}
        self._hosts_lock = threading.Lock()
        # Hosts that could not be reached (no connection), through every retry: their other feeds are not
        # asked in this fetch, so a site that is down costs one feed's retries, not those of each of its feeds.
        self._silent: set[str] = set()
        # The connection each origin's last request used (its next request reuses it: one at a time per host),
        # which a request past its time limit is cut off on
        self._streams: dict[tuple, object] = {}
        self.sleep = time.sleep

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Client:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def get(self, url: str, etag: str = "", last_modified: str = "") -> Response:
        """GET a feed, following redirects, retrying what may pass; never raises for what a server does."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        settings = self.settings
        attempt = 0
        while True:
            try:
                return self._follow(url, headers)
            except _Failed as failure:
                if not failure.retry or attempt >= settings.retries:
                    if failure.silent:
                        self._silent.add(failure.silent)
                    return Response("failed", url=url, message=failure.told(attempt + 1))
                wait = settings.backoff * 2 ** attempt if failure.wait is None else failure.wait
                if wait > settings.max_wait:
                    return Response("failed", url=url, message=f"{failure}; asks to wait {wait:.0f} s, more than "
                                                               f"fetch.max_wait: {settings.again}")
                attempt += 1
                with self._host(url):  # the host asked for a pause: nobody else asks it either
                    self.sleep(wait)

    def _follow(self, url: str, headers: dict) -> Response:
        moved_to = ""
        permanent = True  # only a chain of permanent redirects moves the feed for good
        # A feed server must not send fetch to a machine only this one can reach (a service on localhost, the
        # cloud's metadata address, the office network), whose answer would be published on the site. A
        # redirect within the host that config.yaml names is the owner's choice, as that URL was. (Both hosts as
        # a browser reads them, as joined reads a redirect's: `0x7f.1` listed is 127.0.0.1.)
        origin = urlsplit(read_url(url)).hostname
        redirected = 0  # the status of the redirect that led to `url`
        for _ in range(MAX_REDIRECTS + 1):
            try:
                with self._host(url):
                    status, answer, body = self._once(url, headers)
            except _Failed as failure:
                if not redirected:
                    raise
                # (the URL in config.yaml is not the one that failed: say which did)
                raise _Failed(f"redirected (HTTP {redirected}) to {url}: {failure}", retry=failure.retry,
                              wait=failure.wait, hint=failure.hint, silent=failure.silent) from None
            if status in (301, 302, 303, 307, 308):
                location = _as_sent(answer.headers.get("location", ""))
                if not location:  # (else joined to the URL itself: asked again, and said as "more than 5 redirects")
                    raise _Failed(f"HTTP {status} redirects to no address (the answer has no Location)",
                                  hint="open the URL in a browser, and give the address it ends at")
                target = joined(url, location)  # ("" for what no URL parser reads: `http://[::1/`)
                if len(target) > MAX_URL:
                    raise _Failed(f"HTTP {status} redirects to an address of {len(target):,} characters, more "
                                  f"than fetch follows ({MAX_URL:,})", hint="give the feed's own http(s) URL")
                if urlsplit(target).scheme not in ("http", "https") or not urlsplit(target).netloc:
                    raise _Failed(f"HTTP {status} redirects to {location!r}, not an http(s) URL",
                                  hint="give the feed's own http(s) URL")
                if urlsplit(target).hostname != origin and not is_public_host(urlsplit(target).hostname or ""):
                    raise _Failed(f"HTTP {status} redirects to {target!r}, a local or private-network address on "
                                  f"another host", hint="list that URL in config.yaml if it really is the feed")
                permanent = permanent and status in (301, 308)
                if permanent:
                    moved_to = target
                url, redirected = target, status
                continue
            if status == 304:
                if not headers:  # (a first fetch, or one reading the feed whole: "unchanged" would read nothing)
                    noun = self.settings.noun
                    raise _Failed(f"HTTP 304 Not Modified, though {self.settings.run} has no copy of the {noun} (it "
                                  f"sent no ETag or date to compare): the server answers wrongly",
                                  hint=f"tell the site, or remove "
                                       f"{'the source' if noun == 'feed' else f'the {noun} from the item'}")
                return Response("not_modified", url=url, moved_to=moved_to)
            if status == 410:
                return Response("gone", url=url, moved_to=moved_to, message="HTTP 410 Gone: the feed was removed")
            if status == 200:
                # (sent back on the next fetch, from the state file: only what a client can send)
                return Response("ok", body=body, content_type=answer.headers.get("content-type", ""), url=url,
                                etag=header_value(answer.headers.get("etag", "")),
                                last_modified=header_value(answer.headers.get("last-modified", "")),
                                moved_to=moved_to)
            reason = f"HTTP {status} {_cut(answer.reason_phrase)}".rstrip()
            if status in (429, 503):
                raise _Failed(reason, retry=True, wait=_retry_after(answer.headers.get("retry-after", "")),
                              hint=self.settings.again)
            raise _Failed(reason, retry=status >= 500, hint=_hint(status, self.settings.noun, self.settings.again))
        raise _Failed(f"more than {MAX_REDIRECTS} redirects",
                      hint="open the URL in a browser, and give the address it ends at")

    def _once(self, url: str, headers: dict) -> tuple[int, httpx.Response, bytes]:
        settings = self.settings
        host = _host_key(url)
        if host in self._silent:
            raise _Failed(f"not asked: {host} could not be reached for another {settings.noun} earlier in this "
                          f"{settings.run}", hint=settings.again)
        slow = SLOW.replace("feed", settings.noun).replace(AGAIN, settings.again)
        took = _Failed(f"timed out: the {settings.noun} took more than {settings.timeout:g} s", retry=True, hint=slow)
        # httpx's timeouts are per read: a server that sends a byte of its headers or body within each is waited
        # for without end. At the deadline, the connection is shut, which ends the read waiting on it.
        origin = _origin(url)
        late = threading.Event()

        def connected(event: str, info: dict) -> None:  # (httpx's "trace" extension: a new connection's stream)
            if event in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
                self._streams[origin] = info.get("return_value")
                if late.is_set():
                    _shut(self._streams[origin])

        def cut_off() -> None:
            late.set()
            _shut(self._streams.get(origin))

        watch = threading.Timer(settings.timeout, cut_off)
        watch.daemon = True
        watch.start()
        answered = False
        try:
            try:
                with self._http.stream("GET", url, headers=headers, extensions={"trace": connected}) as answer:
                    answered = True
                    self._streams[origin] = answer.extensions.get("network_stream")
                    if answer.status_code != 200:
                        return answer.status_code, answer, b""
                    body = self._body(answer)
            except httpx.TransportError as exc:
                if late.is_set() and not isinstance(exc, httpx.TimeoutException):  # (what the cut made of the read)
                    # (before the headers, as a read's own timeout says it: either may end the wait first)
                    raise took if answered else httpx.ReadTimeout("cut off") from None
                raise
            finally:
                watch.cancel()
            if late.is_set():  # (a body that ends with its connection ends at the cut too)
                raise took
            return 200, answer, body
        except httpx.ConnectTimeout:
            raise _Failed(f"timed out: no connection within {settings.timeout:g} s", retry=True,
                          hint=f"check the host name in the URL; {settings.again}", silent=host) from None
        except httpx.TimeoutException:
            raise _Failed(f"timed out: no answer within {settings.timeout:g} s", retry=True, hint=slow) from None
        except httpx.DecodingError as exc:
            raise _Failed(f"the answer could not be decompressed: {exc}",
                          hint=f"the server's compression is broken; {settings.again}") from None
        except httpx.ConnectError as exc:
            if "CERTIFICATE_VERIFY_FAILED" in str(exc):  # it speaks TLS, with a certificate no one vouches for
                why = re.search(r"certificate verify failed: (.*?)(?: \(_ssl\.c:\d+\))?$", str(exc))
                raise _Failed(f"the site's certificate is not trusted: {why.group(1) if why else exc}", retry=True,
                              hint=f"its https is set up wrongly (a certificate that has expired, is self-signed, or "
                                   f"is for another name; a browser shows which): tell the site, or give its http:// "
                                   f"address if it serves one; {settings.again}") from None
            if "SSL" in str(exc):
                # (WRONG_VERSION_NUMBER: what answered is no TLS server, as an http-only server on an https URL)
                why = "the server answered without TLS" if "WRONG_VERSION_NUMBER" in str(exc) else str(exc)
                raise _Failed(f"no TLS (https) connection: {why}", retry=True,
                              hint=f"check that the site serves https at that address; {settings.again}") from None
            # A refused connection found the host: nothing listens at that port (a server not started, a
            # port misspelt); any other failure may be a host name that leads nowhere.
            check = "the port in the URL, and that the server is running" if "refused" in str(exc).lower() \
                else "the host name in the URL"
            raise _Failed(f"cannot connect: {exc or type(exc).__name__}", retry=True,
                          hint=f"check {check}; {settings.again}", silent=host) from None
        except httpx.TransportError as exc:  # connected, but what came back is no (whole) HTTP answer
            if "location header" in str(exc):  # (httpx reads a redirect's target first: `http://\u21700.0.0.1/`)
                raise _no_location(exc) from None
            raise _Failed(f"the server broke off or garbled its answer: {str(exc).rstrip('.') or type(exc).__name__}",
                          retry=True, hint=settings.again) from None
        except httpx.InvalidURL as exc:
            if _readable(url):  # (then it is a redirect's target that httpx could not make a request of: `data:...`)
                raise _no_location(exc) from None
            raise _Failed(f"invalid URL: {exc}", hint="fix the URL") from None

    def _body(self, answer: httpx.Response) -> bytes:
        """The body of a 200 answer, decompressed, up to max_bytes and the time limit."""
        settings = self.settings
        bigger = BIGGER.replace("feed", settings.noun).replace("fetch.max_bytes", settings.size_key)
        declared = answer.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > settings.max_bytes:
            raise _Failed(f"the {settings.noun} is {int(declared):,} bytes, more than {settings.size_key} "
                          f"({settings.max_bytes:,})", hint=bigger)
        # httpx unpacks each piece of the answer through every layer at once: one gzip piece of 64 kB is at most
        # 64 MB, but the same over gzip again is gigabytes from a few kilobytes, before the cap below is looked at
        codings = [coding for coding in answer.headers.get("content-encoding", "").lower().replace(" ", "").split(",")
                   if coding not in ("", "identity")]
        if len(codings) > 1:
            raise _Failed(f"the {settings.noun} is compressed {len(codings)} times over (Content-Encoding: "
                          f"{_cut(answer.headers['content-encoding'])}), which no server does but to unpack to more "
                          f"than it can be read in", hint=f"ask the site to compress it once, or remove "
                                                          f"{'the source' if settings.noun == 'feed' else 'it'}")
        unasked = [coding for coding in codings if coding not in BOUNDED]
        if unasked:  # (sent though not asked for: httpx would unpack it unbounded, or pass it on as the feed)
            raise _Failed(f"the {settings.noun} is compressed as {_cut(unasked[0])!r} (Content-Encoding), which "
                          f"{settings.run} did not ask for: it asks for gzip or deflate, whose size it bounds",
                          hint=f"ask the site to serve gzip or no compression, or remove "
                               f"{'the source' if settings.noun == 'feed' else 'it'}")
        chunks, size = [], 0
        for chunk in answer.iter_bytes():  # decompressed: the cap holds for a gzip bomb too
            size += len(chunk)
            if size > settings.max_bytes:
                raise _Failed(f"the {settings.noun} is more than {settings.size_key} ({settings.max_bytes:,} "
                              f"bytes)", hint=bigger)
            chunks.append(chunk)
        return b"".join(chunks)

    def _host(self, url: str) -> threading.Lock:
        with self._hosts_lock:
            return self._hosts.setdefault(_host_key(url), threading.Lock())


# What a browser does to a Location header's value: C0 controls and spaces around it stripped, tabs and line
# breaks removed; then what is no printable ASCII (a server's raw UTF-8, C1 controls) percent-encoded, so that
# the target fetch follows, remembers in the state file and names in notes is a plain URL.
_TAB_OR_NEWLINE = re.compile("[\t\n\r]")
_PRINTABLE_ASCII = "".join(map(chr, range(0x21, 0x7f)))


def _as_sent(location: str) -> str:
    location = _TAB_OR_NEWLINE.sub("", location.strip("".join(map(chr, range(0x21)))))
    return location if _HEADER_TEXT.fullmatch(location) else quote(location, safe=_PRINTABLE_ASCII)


_HEADER_TEXT = re.compile(r"[\x21-\x7e]*")


def _cut(text: str, limit: int = 100) -> str:
    """A server's text (a status line's reason) as a message quotes it: printable, and short."""
    text = "".join(char if char.isprintable() else " " for char in text[:limit + 1])
    return text if len(text) <= limit else text[:limit] + "…"


def _readable(url: str) -> bool:
    """Whether httpx makes a request of `url`."""
    try:
        httpx.URL(url)
    except httpx.InvalidURL:
        return False
    return True


def _no_location(exc: Exception) -> _Failed:
    return _Failed(f"the server redirects to an address that is no http(s) URL ({str(exc).rstrip('.')})",
                   hint="give the feed's own http(s) URL")


def _origin(url: str) -> tuple:
    """scheme, host and port: what a connection is kept for (the per-host lock is host:port)."""
    parts = urlsplit(url)
    return parts.scheme, parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


def _shut(stream) -> None:
    """Shut a connection (httpcore's network stream), so that a read waiting on it ends at once."""
    try:
        stream.get_extra_info("socket").shutdown(socket.SHUT_RDWR)
    except (AttributeError, OSError):  # (none yet, or closed already)
        pass


def _host_key(url: str) -> str:
    """host:port, which the per-host lock and the silent hosts are keyed by."""
    parts = urlsplit(url)
    return f"{parts.hostname}:{parts.port or (443 if parts.scheme == 'https' else 80)}"


def is_public_host(host: str) -> bool:
    """Whether every address `host` names is on the public internet: not one that reads as private without
    asking (hosts.private_host, the build's rule), nor a name that resolves to one (a name that cannot be
    resolved is left to the connection to fail on, with its own message)."""
    if private_host(host):
        return False
    try:
        found = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    except (OSError, UnicodeError):
        return True
    return all(ipaddress.ip_address(str(address[4][0]).split("%")[0]).is_global for address in found)


def _retry_after(value: str) -> float | None:
    """Retry-After as seconds: a number, or an HTTP date; None when it is missing or unreadable."""
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        moment = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    return max(0.0, moment.timestamp() - time.time())
