"""Decoding a report's bytes: which encoding, detected by strict decoding.

``decode_report_bytes(data) -> (text, encoding)`` tries, in order:

1. a byte-order mark: ``utf-8-sig`` (EF BB BF), ``utf-16-le`` (FF FE), ``utf-16-be`` (FE FF);
   the BOM belongs to the encoding and is not part of the text;
2. strict ``utf-8`` (UTF-8 that breaks after plenty of valid multi-byte text is
   refused as damaged, with the byte offset, rather than read as GB18030 nonsense);
3. strict ``big5`` (or its superset ``cp950``) and strict ``gb18030``.

GB18030 decodes almost any byte sequence, Big5 text included (as nonsense),
and short GBK text sometimes decodes as Big5. When both succeed, the one whose
characters are more plausible wins: the share of Han characters that are in the
"frequent" tier of either national standard (GB2312 level 1, Big5's 常用字
block) is near 1 for real text in either script and far lower for the wrong
decoding. Ties go to GB18030.

The decoded text is never altered (no newline normalisation, nothing
stripped), so every offset in hedui is an index into exactly this string.
Failure raises ``DecodeFailure(reason)``; ``report.load_report`` turns it into
a one-line ``ReportError`` naming the file.
"""
from __future__ import annotations

#: refuse files larger than this (a report is text a person reads)
MAX_REPORT_BYTES = 256 * 1024 * 1024
#: how many characters of a candidate decoding the plausibility test looks at
_SAMPLE_CHARS = 20_000
#: a GB18030/Big5 decoding with fewer common characters than this is nonsense ...
_MIN_PLAUSIBLE = 0.5
#: ... when the sample holds at least this many East Asian characters
_MIN_EVIDENCE = 50
#: share of NUL characters above which a file is binary, not a text report
_MAX_NUL_SHARE = 0.001


class DecodeFailure(ValueError):
    """Why bytes could not be decoded as a report (a short reason, no file name)."""


def is_han(ch: str) -> bool:
    """A Han character (the unified ideographs, extension A, compatibility, extensions B+)."""
    o = ord(ch)
    return 0x4E00 <= o <= 0x9FFF or 0x3400 <= o <= 0x4DBF or 0xF900 <= o <= 0xFAFF or o >= 0x20000


def _frequent(ch: str) -> bool:
    """True for a Han character in GB2312 level 1 or in Big5's frequent block."""
    try:
        b = ch.encode("gb2312")
        if len(b) == 2 and 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        if len(b) == 2 and 0xA440 <= (b[0] << 8 | b[1]) <= 0xC67E:
            return True
    except UnicodeEncodeError:
        pass
    return False


def plausibility(text: str) -> float:
    """Share of frequent Han characters among the characters that count (0..1).

    0.5 when the sample holds none of them (no evidence either way).
    """
    good, total = _counts(text)
    return good / total if total else 0.5


def _counts(text: str) -> tuple[int, int]:
    """(frequent Han characters, characters that count) in a sample of ``text``.

    Han characters count, and so do kana, Greek, Cyrillic, box drawing,
    private-use and other non-Han East Asian characters (what a wrong two-byte
    decoding produces), which are never "frequent"; CJK and full-width
    punctuation and everything below U+2E80 else are neutral.
    """
    sample = text[:_SAMPLE_CHARS]
    seen: dict[str, bool] = {}
    good = total = 0
    for ch in sample:
        o = ord(ch)
        if o < 0x2E80:
            if 0x370 <= o <= 0x4FF or 0x2500 <= o <= 0x257F:  # Greek, Cyrillic, box drawing
                total += 1
            continue
        if not is_han(ch):
            if not (0x3000 <= o <= 0x303F or 0xFF00 <= o <= 0xFFEF):  # kana, PUA, ...
                total += 1
            continue
        total += 1
        ok = seen.get(ch)
        if ok is None:
            ok = seen[ch] = _frequent(ch)
        good += ok
    return good, total


def _strict(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _check_text(text: str) -> None:
    sample = text[:65536]
    if sample and sample.count("\0") / len(sample) > _MAX_NUL_SHARE:
        raise _nul_failure(text.count("\0"), text.index("\0"), "character")


def decode_report_bytes(data: bytes) -> tuple[str, str]:
    """The text and the name of the encoding it was decoded with.

    Raises ``DecodeFailure`` for empty, binary or undecodable data.
    """
    if not data:
        raise DecodeFailure("empty file")
    if len(data) > MAX_REPORT_BYTES:
        raise DecodeFailure(f"too large for a report ({len(data)} bytes)")
    if data.startswith(b"\xef\xbb\xbf"):
        return _bom(data, "utf-8-sig", data)
    if data.startswith(b"\xff\xfe\x00\x00") or data.startswith(b"\x00\x00\xfe\xff"):
        raise DecodeFailure("UTF-32 is not supported (save the report as UTF-8)")
    if data.startswith(b"\xff\xfe"):
        return _bom(data, "utf-16-le", data[2:])
    if data.startswith(b"\xfe\xff"):
        return _bom(data, "utf-16-be", data[2:])
    head = data[:65536]
    nuls = head.count(0)
    if nuls / len(head) > _MAX_NUL_SHARE:
        if _looks_like_utf16(data, head, nuls):
            raise DecodeFailure("looks like UTF-16 without a byte-order mark (save it as UTF-8)")
        raise _nul_failure(data.count(0), data.index(0), "byte")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        _refuse_damaged_utf8(data, exc)
    else:
        _check_text(text)
        return text, "utf-8"
    candidates: list[tuple[str, str]] = []
    gb = _strict(data, "gb18030")
    if gb is not None:
        candidates.append((gb, "gb18030"))
    big5 = _strict(data, "big5")
    big5_name = "big5"
    if big5 is None:
        big5, big5_name = _strict(data, "cp950"), "cp950"
    if big5 is not None:
        candidates.append((big5, big5_name))
    if not candidates:
        raise DecodeFailure("cannot decode as UTF-8, UTF-16 (with BOM), GB18030 or Big5")
    scored = [(_counts(t), t, name) for t, name in candidates]
    if len(scored) == 2 and _share(scored[1][0]) > _share(scored[0][0]):
        scored.reverse()
    (good, total), text, name = scored[0]
    if total >= _MIN_EVIDENCE and good / total < _MIN_PLAUSIBLE:
        raise DecodeFailure(
            f"cannot decode: not UTF-8, and as {name} it is not Chinese text "
            f"({good} of {total} characters common)"
        )
    _check_text(text)
    return text, name


def _looks_like_utf16(data: bytes, head: bytes, nuls: int) -> bool:
    """UTF-16 without a BOM: plenty of NULs, all on one side of the byte pairs (the high
    bytes of ASCII characters), and the bytes decode strictly to printable text."""
    odd = head[1::2].count(0)
    if nuls < 4 or nuls <= len(head) / 50 or max(odd, nuls - odd) <= 0.95 * nuls:
        return False
    codec = "utf-16-le" if odd > nuls - odd else "utf-16-be"
    text = _strict(data[: len(data) - len(data) % 2], codec)
    if text is None or "\0" in text:
        return False
    sample = text[:_SAMPLE_CHARS]
    printable = sum(ch.isprintable() or ch in "\t\r\n\f" for ch in sample)
    return printable >= 0.95 * len(sample)


def _nul_failure(n: int, first: int, unit: str) -> DecodeFailure:
    """Why text with NULs is refused: a few are named with where the first one is (a text
    file with a stray NUL), many are binary data. ``unit``: "byte" or "character"."""
    if n <= 16:
        where = f"at {unit} {first}" if n == 1 else f"first at {unit} {first}"
        return DecodeFailure(f"not a text report: {n} NUL {unit}{'s' * (n != 1)} ({where})")
    return DecodeFailure(f"not a text report (binary data: NUL {unit}s)")


def _share(counts: tuple[int, int]) -> float:
    good, total = counts
    return good / total if total else 0.5


def _refuse_damaged_utf8(data: bytes, exc: UnicodeDecodeError) -> None:
    """UTF-8 that breaks after plenty of valid multi-byte text is damaged UTF-8, not GB18030.

    (GB18030 would "decode" it into nonsense: UTF-8's bytes are valid GB18030.)
    """
    good = data[: exc.start]
    multibyte = sum(1 for b in good if b >= 0xC0)  # lead bytes of multi-byte sequences
    if multibyte >= 16:
        raise DecodeFailure(f"invalid UTF-8 at byte {exc.start} (the text before it is UTF-8; damaged file?)")


def _bom(data: bytes, encoding: str, body: bytes) -> tuple[str, str]:
    try:
        text = data.decode("utf-8-sig") if encoding == "utf-8-sig" else body.decode(encoding)
    except UnicodeDecodeError as exc:
        raise DecodeFailure(
            f"starts with a {encoding} byte-order mark but is not valid {encoding} "
            f"(byte {exc.start + len(data) - len(body)})"
        ) from None
    _check_text(text)
    return text, encoding
