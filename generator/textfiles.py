"""How newsdesk reads the text files a user or a crawler writes (config.yaml, items, data records, feeds)."""

from __future__ import annotations

import codecs
import re


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


# UTF-8 read as Windows-1252 and written as UTF-8 again, as a publisher's CMS does: Latin-1's letters and signs
# ("PerchÃ©", "Â«") and the punctuation, euro and trade mark of Windows-1252's own ("lâ€™", "â‚¬"), each as the
# characters of its UTF-8 lead byte (Â, Ã, â) and continuation bytes (as Windows-1252, or for its five unused
# bytes Latin-1, reads them). No other: "CAFÉ»" is a French headline, not U+027B.
_CONTINUATION = "".join(sorted({*_CP1252.values(), *map(chr, range(0xA0, 0xC0))}))  # (0xA0 on: Latin-1's own)
_MANGLED = re.compile(f"[\u00c2\u00c3][{re.escape(_CONTINUATION)}]|\u00e2[{re.escape(_CONTINUATION)}]{{2}}")


def unmangled(text: str) -> str:
    """`text` with each UTF-8 sequence of _MANGLED that was read as Windows-1252 characters ("Ã©") as the character
    it was ("é"); other text (Portuguese's `SÃO`, `Â (`) as written."""
    return _MANGLED.sub(_character_of, text) if maybe_mangled(text) else text


def maybe_mangled(text: str) -> bool:
    """Whether `text` holds a lead character of _MANGLED (Â, Ã, â): without one, unmangled has nothing to do
    (a check much cheaper than the regular expression's search, for the many texts that hold none)."""
    return not text.isascii() and ("\u00c3" in text or "\u00c2" in text or "\u00e2" in text)


def _character_of(found: re.Match) -> str:
    written = found[0]
    meant = bytes(ord(char) if ord(char) < 0x100 else char.encode("cp1252")[0] for char in written).decode(
        "utf-8", "replace")
    latin = "\u00a0" <= meant <= "\u00ff"
    return meant if len(meant) == 1 and (latin or "\u2000" <= meant <= "\u206f" or meant in "\u20ac\u2122") else written
