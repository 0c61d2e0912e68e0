"""How newsdesk reads the text files a user or a crawler writes (config.yaml, items, data records, feeds)."""

from __future__ import annotations

import codecs


def decoded(raw: bytes, errors: str = "strict", whole: bool = True) -> str:
    """A file's text: UTF-8 (a byte order mark dropped), or UTF-16 when it starts with that encoding's
    byte order mark (as Windows tools save "Unicode" text). `errors`: a codecs error handler's name.
    `whole`: False when `raw` is only the file's start, whose last character may be cut (left out then)."""
    utf16 = raw.startswith((b"\xff\xfe", b"\xfe\xff")) and not raw.startswith(b"\xff\xfe\x00\x00")
    encoding = "utf-16" if utf16 else "utf-8-sig"
    if whole:
        return raw.decode(encoding, errors)
    return codecs.getincrementaldecoder(encoding)(errors).decode(raw, final=False)


def utf8_mostly(raw: bytes) -> str:
    """Text that is UTF-8 but for some bytes (a word pasted from a Windows program), each of those read as
    its Windows-1252 character, as item files are."""
    return raw.decode("utf-8", WINDOWS_1252)


def _windows_1252(error: UnicodeDecodeError) -> tuple[str, int]:
    """A codecs error handler: the bytes UTF-8 could not read, as Windows-1252 reads them (its five unused
    bytes as the C1 controls browsers make of them, which every text field drops)."""
    bad = error.object[error.start:error.end]
    return bad.decode("latin-1").translate(_CP1252), error.end


_CP1252 = {byte: bytes([byte]).decode("cp1252", "ignore") or chr(byte) for byte in range(0x80, 0xA0)}
WINDOWS_1252 = "newsdesk-windows-1252"  # the error handler's name, for decoded()
codecs.register_error(WINDOWS_1252, _windows_1252)
