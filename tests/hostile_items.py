"""A generator of hostile item files (a test helper): each front-matter field, nested ones too, varied over the
classes of what a crawler can write (markup and script, what ends a JSON-LD script, a CDATA section or a comment,
URL scheme tricks, direction and invisible characters, controls, broken encodings and line ends, YAML's own
features, enormous and deeply nested values). Each file is named by its field and class, and holds a marker
word (`mark`) in its title and its webUrl (one of them unless that field is what is attacked), so a test finds
where each item is shown.
Nothing here comes from ../shared.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

# Text that a page, a feed or a JSON-LD script would run, or that ends the element or section it lands in
MARKUP = {
    "script": "<script>window.pwned=1</script>",
    "event": '"><img src=x onerror="window.pwned=2">',
    "svg": "<svg onload=window.pwned=3><a xlink:href=javascript:window.pwned=4>s</a></svg>",
    "ends_script": "</script><script>window.pwned=5</script>",
    "ends_script_caps": "</SCRIPT ><script>window.pwned=6</script>",
    "cdata": "]]><x>window.pwned</x><![CDATA[",
    "comment": "--><script>window.pwned=7</script><!--",
    "opens_comment": "<!--<script>",
    "entities": "&lt;script&gt;window.pwned=8&lt;/script&gt; &amp;amp; &#60;b&#62;",
    "template": "{{ 7*7 }} {% raw %} ${7*7} <%= 7 %>",
    "style": "<style>*{background:url(javascript:window.pwned=9)}</style>",
    "line_separators": "a\u2028b\u2029c\x85d",
}

# What a browser reads as a script address, or as a link to another host than the one written
URLS = {
    "javascript": "javascript:window.pwned=1",
    "mixed_case": "JaVaScRiPt:window.pwned=2",
    "entity": "&#106;avascript:window.pwned=3",
    "entity_padded": "&#0000106&#0000097vascript:window.pwned=4",
    "hex_entity_newline": "jav&#x0A;ascript:window.pwned=5",
    "colon_entity": "javascript&colon;window.pwned=6",
    "tab": "java\tscript:window.pwned=7",
    "newline": "java\nscript:window.pwned=8",
    "leading_controls": "\x01\x02 javascript:window.pwned=9",
    "nul": "java\x00script:window.pwned=10",
    "percent": "%6Aavascript:window.pwned=11",
    "data": "data:text/html;base64,PHNjcmlwdD53aW5kb3cucHduZWQ9MTI8L3NjcmlwdD4=",
    "vbscript": "vbscript:msgbox(13)",
    "file": "file:///etc/passwd",
    "protocol_relative": "//evil.example/a",
    "backslashes": "\\\\evil.example\\a",
    "slash_backslash": "/\\evil.example/a",
    "https_backslashes": "https:\\\\evil.example\\a",
    "userinfo": "https://good.example@evil.example/a",
    "userinfo_password": "https://good.example:secret@evil.example/a",
    "idn": "https://\u0430\u0440\u0440\u04cf\u0435.example/a",
    "punycode": "https://xn--80ak6aa92e.example/a",
    "long": "https://long.example/" + "a" * 100_000,
    "quote": 'https://q.example/"onmouseover="window.pwned=14',
    "angle": "https://q.example/<script>window.pwned=15</script>",
    "spaces": "   https://spaces.example/a   ",
}

# Characters that reorder, hide or break the text around them
CHARACTERS = {
    "override": "\u202eevil",
    "isolate_open": "\u2067evil",
    "marks": "\u200f\u200e\u061c mark",
    "zero_width": "z\u200bw\u200c\u200dj\u2060\ufeff",
    "controls": "n\x00u\x01l\x1b[31m\x7f\x80\x9b",
    "surrogate": "lone \ud800 \udfff",
    "noncharacter": "non \ufdd0 \uffff",
}

# Names that would leave the output folder, or take another output's place, were they a path
PATHS = {
    "parent": "../../../outside",
    "absolute": "/etc/passwd",
    "backslashes": "..\\..\\outside",
    "encoded": "%2e%2e/%2e%2e/outside",
    "nul": "a\x00b",
    "device": "CON",
    "dots": "...",
    "home": "~/outside",
    "own_output": "index.html",
    "search": "search/index/meta.json",
    "feeds": "feeds/latest.xml",
    "long": "p" * 5000,
}

TEXT_FIELDS = ["title", "excerpt", "type", "category", "author", "price", "length", "size", "slug", "featuredContent"]
NESTED_TEXT = {"provider": ("{name: %s, domain: d.example}", "{name: P, domain: d.example, account: %s}"),
               "topics": ("[%s]", "[[%s]]"),
               "images": ("[{url: 'https://img.example/p.jpg', alt: %s}]",
                          "[{url: 'https://img.example/p.jpg', caption: %s}]"),
               "related": ("[{title: %s, webUrl: 'https://rel.example/r'}]",
                           "[{title: R, webUrl: 'https://rel.example/r', provider: {name: %s}}]"),
               "authors": ("[%s]", "[{name: %s}]")}
URL_FIELDS = ["originalUrl", "webUrl", "ampWebUrl", "cdnAmpWebUrl", "image"]
NESTED_URLS = {"provider": ("{name: P, domain: d.example, url: %s}", "{name: P, domain: d.example, logo: %s}",
                            "{name: P, domain: d.example, images: [%s]}"),
               "images": ("[%s]", "[{url: %s}]", "[{src: %s}]"),
               "related": ("[{title: R, webUrl: %s}]", "[{title: R, url: %s, provider: {name: RP, images: [%s]}}]"),
               "authors": ("[{name: A, url: %s}]",)}


@dataclass(frozen=True)
class Hostile:
    """One item file: `name` (content/NAME.md), its bytes, its marker word, and what it attacks (field and
    class)."""

    name: str
    data: bytes
    mark: str
    field: str
    kind: str


def _quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar (JSON's escapes are YAML's: controls and lone surrogates too)."""
    return json.dumps(text)


def _file(name: str, lines: list[str], body: str = "Body text.\n", *, mark: str, field: str, kind: str,
          newline: str = "\n", prefix: bytes = b"") -> Hostile:
    text = newline.join(["---", *lines, "---", body.rstrip("\n")]) + newline
    return Hostile(name, prefix + text.encode("utf-8", "surrogatepass"), mark, field, kind)


def _head(n: int, mark: str) -> list[str]:
    return [f"title: Story {mark}", f"publishedDateTime: 2026-11-{1 + n % 28:02}T10:{n % 60:02}:00Z",
            f"webUrl: https://ok.example/{mark}"]


def _with(head: list[str], field: str, line: str) -> list[str]:
    """The head with `field`'s line replaced (or added)."""
    kept = [entry for entry in head if not entry.startswith(field + ":")]
    return kept + [line] if len(kept) == len(head) else [line if entry.startswith(field + ":") else entry
                                                         for entry in head]


def hostile_items() -> list[Hostile]:
    """Every hostile file, in a stable order, each named by its field and class."""
    made: list[Hostile] = []

    def add(field: str, kind: str, line: str | None = None, **extra):
        n = len(made)
        mark = f"mark{n:04}"
        head = _head(n, mark)
        if line is not None:
            head = _with(head, field, line)
        made.append(_file(f"h{n:04}-{field}-{kind}".replace("_", "-").lower(), extra.pop("lines", head),
                          mark=mark, field=field, kind=kind, **extra))

    texts = {**MARKUP, **CHARACTERS}
    for field in TEXT_FIELDS:
        for kind, text in texts.items():
            add(field, kind, f"{field}: {_quoted(f'{kind} {text} end')}")
    for field, shapes in NESTED_TEXT.items():
        for shape in shapes:
            for kind, text in texts.items():
                add(field, kind, f"{field}: {shape % _quoted(f'{kind} {text} end')}")
    for field in URL_FIELDS:
        for kind, url in URLS.items():
            add(field, kind, f"{field}: {_quoted(url)}")
    for field, shapes in NESTED_URLS.items():
        for shape in shapes:
            for kind, url in URLS.items():
                add(field, kind, f"{field}: {shape.replace('%s', _quoted(url))}")
    for kind, url in URLS.items():  # (a body's links and pictures, and featuredContent's)
        add("body", kind, body=f"[link]({url}) <a href={_quoted(url)}>a</a> <img src={_quoted(url)} alt=x>\n")
        add("featuredContent", f"url-{kind}", f"featuredContent: {_quoted(f'<a href={_quoted(url)}>f</a>')}")
    for field, shape in (("slug", "%s"), ("aliases", "[%s]"), ("topics", "[%s]"), ("type", "%s"),
                         ("category", "%s"), ("language", "%s"), ("provider", "{name: %s, domain: d.example}"),
                         ("provider", "{name: P, domain: %s}"), ("authors", "[{name: %s}]")):
        for kind, path in PATHS.items():
            add(field, f"path-{kind}", f"{field}: {shape % _quoted(path)}")
    for kind, text in {**MARKUP, **CHARACTERS}.items():
        add("language", kind, f"language: {_quoted(text)}")
    # The file as a whole: byte order marks, line ends, bytes that are not UTF-8
    add("file", "bom", prefix="\ufeff".encode())
    add("file", "two_boms", prefix="\ufeff\ufeff".encode())
    add("file", "crlf", newline="\r\n")
    add("file", "cr", newline="\r")
    n = len(made)
    bad = _file(f"h{n:04}-file-invalid-utf8", _head(n, f"mark{n:04}"), "Body \xff.\n", mark=f"mark{n:04}",
                field="file", kind="invalid_utf8")
    made.append(Hostile(bad.name, bad.data.replace("\xff".encode(), b"\xff\xfe\xc3("), bad.mark, "file",
                        "invalid_utf8"))
    # YAML's own features
    add("excerpt", "alias_bomb", lines=_head(len(made), f"mark{len(made):04}") + [
        "a: &a [x, x, x, x, x, x, x, x, x]", *(f"{b}: &{b} [*{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}, *{a}]"
                                               for a, b in zip("abcdefgh", "bcdefghi")), "excerpt: *i"])
    add("provider", "merge_key", lines=_head(len(made), f"mark{len(made):04}") + [
        "base: &base {name: Merged <script>x</script>, domain: m.example}",
        "provider: {<<: *base, url: 'javascript:x'}"])
    add("title", "python_tag", "title: !!python/object/apply:os.system ['touch /tmp/pwned']")
    add("excerpt", "python_name", "excerpt: !!python/name:os.system")
    add("excerpt", "unknown_tag", "excerpt: !custom {a: 1}")
    add("quality", "huge_number", "quality: 1" + "0" * 5000)
    add("heat", "huge_float", "heat: 1e99999")
    add("price", "huge_number", "price: 9" * 1 + "9" * 4000)
    for kind, when in {"date_only": "2026-11-20", "spaces": "2026-11-20 10:00:00.5 -5", "odd": "20 Nov 2026 10h00",
                       "far_future": "9999-12-31T23:59:59Z", "year_zero": "0000-01-01T00:00:00Z",
                       "huge_epoch": "1" + "0" * 30, "negative": "-2026-11-20T10:00:00Z"}.items():
        add("publishedDateTime", kind, f"publishedDateTime: {when}")
    add("title", "duplicate_key", lines=_head(len(made), f"mark{len(made):04}") + ["title: Second <b>title</b>"])
    add("excerpt", "enormous", f"excerpt: {_quoted('word ' * 200_000)}")
    add("title", "enormous", f"title: {_quoted('T' * 100_000)}")
    add("topics", "deeply_nested", "topics: " + "[" * 200 + "x" + "]" * 200)
    add("topics", "many", "topics: [" + ", ".join(f"t{i}" for i in range(20_000)) + "]")
    add("related", "many", "related: [" + ", ".join(f"{{title: r{i}, webUrl: 'https://r.example/{i}'}}"
                                                    for i in range(5_000)) + "]")
    add("body", "script", body="<script>window.pwned=1</script>\n</script><!-- ]]> \u202e\n")
    return made
