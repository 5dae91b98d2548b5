"""PURE. Seed bytes to text: UTF-8 (with or without a BOM), UTF-16/32 with a BOM or plainly
interleaved with NULs, else cp1252/Latin-1 or what charset-normalizer finds. Binary files are refused."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\x7fELF", "a program"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"RIFF", "audio or video"),
    (b"\x00\x00\x01\x00", "an icon"),
    (b"SQLite format 3", "an SQLite database"),
    (b"\xfd7zXZ", "xz-compressed data"),
)
_WESTERN = frozenset(
    {"cp1252", "latin_1", "iso8859_15", "cp1250", "iso8859_2", "cp1257", "cp1254", "iso8859_9", "mac_roman"}
)
_TEXT_CONTROLS = frozenset({0, 9, 10, 11, 12, 13, 27})  # a stray NUL is damage to clean up, not a sign of binary
_BINARY_CONTROLS = bytes(b for b in [*range(32), 127] if b not in _TEXT_CONTROLS)
MAX_CONTROL_SHARE = 0.05
MAX_NUL_SHARE = 0.1
MIN_GUESS_BYTES = 64  # below this, charset detection is a coin toss: read cp1252


@dataclass(frozen=True)
class Decoded:
    """The text, or None and the reason the bytes are not text; the encoding that was used."""

    text: str | None
    encoding: str = ""
    reason: str = ""


def decode_bytes(data: bytes) -> Decoded:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(encoding, errors="replace"), encoding)
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return Decoded(None, reason=f"the file is binary ({kind}), not text")
    wide = _utf16_without_bom(data)
    if wide:
        return Decoded(data.decode(wide, errors="replace").rstrip("\x00"), wide)
    data = data.rstrip(b"\x00")  # NUL padding at the end of a file is not content
    if _control_share(data) > MAX_CONTROL_SHARE or data[:65536].count(0) > MAX_NUL_SHARE * min(len(data), 65536):
        return Decoded(None, reason="the file is binary (it is full of control bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError:
        return _guess(data)


def _utf16_without_bom(data: bytes) -> str:
    """UTF-16 text in the Latin range has a NUL in every other byte."""
    if len(data) < 4:
        return ""
    sample = data[:4096]
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.9 * len(odd) and even.count(0) < 0.1 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.9 * len(even) and odd.count(0) < 0.1 * len(odd):
        return "utf-16-be"
    return ""


def _control_share(data: bytes) -> float:
    sample = data[:65536]
    if not sample:
        return 0.0
    return (len(sample) - len(sample.translate(None, _BINARY_CONTROLS))) / len(sample)


def _guess(data: bytes) -> Decoded:
    """Not UTF-8: cp1252 unless charset-normalizer is sure of something else (cp1251 Russian, say)."""
    from charset_normalizer import from_bytes

    results = list(from_bytes(data))
    best = results[0] if results else None
    western = _cp1252(data)
    if best is None or len(data) < MIN_GUESS_BYTES or best.encoding in _WESTERN:
        return Decoded(western, "cp1252")
    if any(r.encoding == "cp1252" and r.chaos <= best.chaos for r in results):
        return Decoded(western, "cp1252")
    return Decoded(str(best), best.encoding)


def _cp1252(data: bytes) -> str:
    """cp1252, with its five unassigned bytes read as Latin-1."""
    return data.decode("cp1252", errors="broadsheet-latin1")


def _as_latin1(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeDecodeError):
        raise error
    return error.object[error.start : error.end].decode("latin-1"), error.end


codecs.register_error("broadsheet-latin1", _as_latin1)
