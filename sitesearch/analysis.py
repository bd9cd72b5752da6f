"""Vietnamese text analysis for the Whoosh indexes (R9.2, R9.3).

Every text is indexed twice: *folded* (no diacritics, ``đ`` → ``d``) so that a query typed
without diacritics finds text with them, and *exact* (lower-cased, diacritics kept) so that a
query typed with diacritics ranks exact matches first. Both analyzers split on the same
tokenizer, keep every word (no stop list: the English one drops Vietnamese words such as
"an" in "an toàn") and expect NFC text: decomposed text tokenises wrongly ("Thông" → "tho",
"ng"), so everything is normalised to NFC before indexing and before querying.
"""

from __future__ import annotations

import functools
import re
import unicodedata

from whoosh.analysis import Filter, LowercaseFilter, RegexTokenizer

# Unicode gives đ/Đ no decomposition, so stripping combining marks leaves them alone.
_EXTRA_FOLDS = str.maketrans({"đ": "d", "Đ": "D", "ð": "d", "Ð": "D"})
_DASHES = str.maketrans({"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-"})
_SPACE_RE = re.compile(r"\s+")
WORD_PATTERN = r"\w+(?:\.?\w+)*"
_WORD_RE = re.compile(WORD_PATTERN)


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text or "")


@functools.lru_cache(maxsize=65536)
def fold(text: str) -> str:
    """``"Đông Thạnh"`` → ``"Dong Thanh"``: diacritics removed, đ/Đ handled explicitly."""
    decomposed = unicodedata.normalize("NFD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return unicodedata.normalize("NFC", stripped.translate(_EXTRA_FOLDS))


class VietnameseFoldFilter(Filter):
    """Folds each token with :func:`fold` (positions keep pointing at the original text)."""

    def __call__(self, tokens):
        for token in tokens:
            token.text = fold(token.text)
            yield token


def folded_analyzer():
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter() | VietnameseFoldFilter()


def exact_analyzer():
    return RegexTokenizer(WORD_PATTERN) | LowercaseFilter()


def words(text: str) -> list[str]:
    """The words of a query, lower-cased, diacritics kept (the tokenizer of both analyzers)."""
    return [match.group(0).lower() for match in _WORD_RE.finditer(nfc(text))]


def identifier_forms(value: str) -> list[str]:
    """Whole-token forms of a number/symbol such as ``2326/GDĐT-THCS``.

    Spaces are removed and dashes unified, so ``2326 / GDĐT – THCS`` is the same symbol; the
    folded form lets ``2326/GDDT-THCS`` match too. Commas separate keywords in the index.
    """
    cleaned = _SPACE_RE.sub("", nfc(value).translate(_DASHES)).replace(",", "").lower()
    if not cleaned:
        return []
    folded = fold(cleaned)
    return [cleaned] if folded == cleaned else [cleaned, folded]


def _fold_table() -> dict[int, str]:
    """One character for one character: every precomposed Latin letter (NFC) to its base letter
    in lower case, so a folded text keeps the positions of the original (snippets mark them)."""
    table: dict[int, str] = {}
    for code in range(0x00C0, 0x1F00):
        char = chr(code)
        if not char.isalpha():
            continue
        folded = fold(char).lower()
        if len(folded) == 1 and folded != char:
            table[code] = folded
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code).lower()
    return table


_POSITIONAL_FOLD = _fold_table()


def fold_in_place(text: str) -> str:
    """``fold(text).lower()`` for NFC text, same length as ``text`` (C-speed ``translate``)."""
    return text.translate(_POSITIONAL_FOLD)
