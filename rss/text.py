"""Vietnamese text from outside: byte decoding, legacy encodings, NFC (R9.2).

Feeds arrive as UTF-8 (NFC or NFD), windows-1258 (declared or not; it stores tone marks as
combining characters) or, from old sites, TCVN3 ("ABC", the .VnTime fonts), whose byte
codes read as Latin-1 letters ("Tr\xadêng" for "Trường"). Everything leaves as NFC.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

# TCVN3 (TCVN 5712:1993, "ABC") byte code -> Unicode. Lower-case letters and the seven
# upper-case base letters; upper-case toned letters used separate fonts with the same codes.
_TCVN3_PAIRS = (
    "\xb5à \xb8á \xb6ả \xb7ã \xb9ạ "
    "\xa8ă \xbbằ \xbeắ \xbcẳ \xbdẵ \xc6ặ "
    "\xa9â \xc7ầ \xcaấ \xc8ẩ \xc9ẫ \xcbậ "
    "\xaeđ "
    "\xccè \xd0é \xceẻ \xcfẽ \xd1ẹ "
    "\xaaê \xd2ề \xd5ế \xd3ể \xd4ễ \xd6ệ "
    "\xd7ì \xddí \xd8ỉ \xdcĩ \xdeị "
    "\xdfò \xe3ó \xe1ỏ \xe2õ \xe4ọ "
    "\xabô \xe5ồ \xe8ố \xe6ổ \xe7ỗ \xe9ộ "
    "\xacơ \xeaờ \xedớ \xebở \xecỡ \xeeợ "
    "\xefù \xf3ú \xf1ủ \xf2ũ \xf4ụ "
    "\xadư \xf5ừ \xf8ứ \xf6ử \xf7ữ \xf9ự "
    "\xfaỳ \xfdý \xfbỷ \xfcỹ \xfeỵ "
    "\xa1Ă \xa2Â \xa7Đ \xa3Ê \xa4Ô \xa5Ơ \xa6Ư"
)
TCVN3_TO_UNICODE = {pair[0]: pair[1] for pair in _TCVN3_PAIRS.split()}
_TCVN3_TABLE = str.maketrans(TCVN3_TO_UNICODE)
_XML_DECL = re.compile(rb"^\s*<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9._:-]+)[\"']")
_XML_DECL_TEXT = re.compile(r"^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*[\"'][A-Za-z0-9._:-]+[\"']")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9._:-]+)", re.IGNORECASE)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Codes rare in real text of any Latin language (µ ¸ ¶ · ¹ ¨ ¾ ¼ ½ « ¬ soft hyphen; not ©, ®
# or », which ordinary text uses).
_TCVN3_MARKERS = frozenset("\xb5\xb8\xb6\xb7\xb9\xa8\xbe\xbc\xbd\xab\xac\xad")


def _tcvn3_evidence(text: str, index: int) -> bool:
    """Whether the character at ``index`` only makes sense as a TCVN3 letter.

    A marker touching a letter ("b¸o", "Hµ"), « inside a word ("Th«ng", unlike French
    «quotes»), or an upper-case Latin-1 letter right after a lower-case one ("TiÓu", "viÖc":
    TCVN3 puts ể, ệ … on those codes; no Latin language writes them mid-word).
    """
    char = text[index]
    before = text[index - 1] if index > 0 else " "
    after = text[index + 1] if index + 1 < len(text) else " "
    if char == "\xab":
        return before.isalpha() and after.isalpha()
    if char in _TCVN3_MARKERS:
        return before.isalpha() or after.isalpha()
    return "\xc0" <= char <= "\xde" and char.isupper() and before.isascii() and before.islower()


def looks_like_tcvn3(text: str) -> bool:
    """True when ``text`` is TCVN3 read as Latin-1: two pieces of evidence, nothing beyond it."""
    if not any(ord(ch) > 127 for ch in text) or any(ord(ch) > 255 for ch in text):
        return False
    evidence = 0
    for index, char in enumerate(text):
        if ord(char) > 127 and _tcvn3_evidence(text, index):
            evidence += 1
            if evidence >= 2:
                return True
    return False


def tcvn3_to_unicode(text: str) -> str:
    return text.translate(_TCVN3_TABLE)


def normalise_text(text: str) -> str:
    """NFC, with TCVN3 text (read as Latin-1) converted first."""
    if looks_like_tcvn3(text):
        text = tcvn3_to_unicode(text)
    return unicodedata.normalize("NFC", text)


def _codec(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return codecs.lookup(name.strip().lower()).name
    except LookupError:
        return None


def declared_encoding(data: bytes, content_type: str = "") -> str | None:
    """The encoding the HTTP header or the XML declaration names (HTTP wins), if known."""
    match = _CHARSET.search(content_type or "")
    if match and _codec(match.group(1)):
        return _codec(match.group(1))
    match = _XML_DECL.match(data[:512])
    if match:
        return _codec(match.group(1).decode("ascii"))
    return None


def decode_feed(data: bytes, content_type: str = "") -> tuple[str, str]:
    """Decode a downloaded document to NFC text; returns ``(text, how)``.

    Order: a byte-order mark; the declared encoding (a wrong "utf-8" declaration on
    windows-1258 bytes is common); undeclared UTF-8; TCVN3; windows-1258, the Vietnamese
    code page, as the last resort (it decodes every byte).
    """
    for bom, name in _BOMS:
        if data.startswith(bom):
            return unicodedata.normalize("NFC", data.decode(name, errors="replace")), name
    declared = declared_encoding(data, content_type)
    # UTF-16/32 declared without a BOM still decodes; ASCII is a subset of UTF-8.
    if declared in ("ascii", "us-ascii"):
        declared = "utf-8"
    if declared:
        try:
            return _finish(data.decode(declared), declared)
        except (UnicodeDecodeError, LookupError):
            pass
    try:
        return _finish(data.decode("utf-8"), "utf-8" if not declared else f"utf-8 (not {declared})")
    except UnicodeDecodeError:
        pass
    latin = data.decode("latin-1")
    if looks_like_tcvn3(latin):
        return unicodedata.normalize("NFC", tcvn3_to_unicode(latin)), "tcvn3"
    how = "cp1258" if not declared else f"cp1258 (not {declared})"
    return _finish(data.decode("cp1258", errors="replace"), how)


def _finish(text: str, how: str) -> tuple[str, str]:
    return unicodedata.normalize("NFC", text), how


def xml_as_utf8(text: str) -> bytes:
    """UTF-8 bytes of ``text`` with any ``encoding=`` of the XML declaration removed.

    XML without an encoding declaration is UTF-8, so the parser agrees with the bytes.
    """
    return _XML_DECL_TEXT.sub(r"\1", text.lstrip("\ufeff"), count=1).encode("utf-8")


def ascii_fold(text: str) -> str:
    """ "Phòng GD&ĐT" -> "Phong GD&DT": for HTTP headers, which must be Latin-1."""
    text = text.replace("Đ", "D").replace("đ", "d")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(ch for ch in decomposed if ord(ch) < 128)
