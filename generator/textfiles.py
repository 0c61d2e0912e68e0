"""How newsdesk reads the text files a user or a crawler writes (config.yaml, items, data records)."""

from __future__ import annotations


def decoded(raw: bytes, errors: str = "strict") -> str:
    """A file's text: UTF-8 (a byte order mark dropped), or UTF-16 when it starts with that encoding's
    byte order mark (as Windows tools save "Unicode" text)."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")) and not raw.startswith(b"\xff\xfe\x00\x00"):
        return raw.decode("utf-16", errors)
    return raw.decode("utf-8-sig", errors)
