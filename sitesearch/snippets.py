"""Result snippets: a window of the stored text around the first query word, words marked.

Built from the text stored with the hit, by both engines, only for the hits shown. Matching
runs on a folded copy of the same length (``analysis.fold_in_place``), so the marks land on
the original words with their diacritics, and costs a regular expression, not a re-analysis.
"""

from __future__ import annotations

import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.text import Truncator

from sitesearch.analysis import fold_in_place

SNIPPET_CHARS = 240
CONTEXT_BEFORE = 70


def _pattern(folded_words) -> re.Pattern | None:
    words = sorted({word for word in folded_words if word}, key=len, reverse=True)
    if not words:
        return None
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(word) for word in words) + r")(?!\w)")


def _fragment(text: str, pattern: re.Pattern) -> str | None:
    folded = fold_in_place(text)
    first = pattern.search(folded)
    if first is None:
        return None
    start = max(0, first.start() - CONTEXT_BEFORE)
    if start:  # begin at a word
        space = text.rfind(" ", 0, start)
        start = space + 1 if space >= 0 and start - space < 20 else start
    end = min(len(text), start + SNIPPET_CHARS)
    if end < len(text):
        space = text.rfind(" ", first.end(), end)
        end = space if space > first.end() else end
    pieces = ["… " if start else ""]
    position = start
    for match in pattern.finditer(folded, start, end):
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(text[match.start() : match.end()])}</mark>")
        position = match.end()
    pieces.append(escape(text[position:end]))
    pieces.append(" …" if end < len(text) else "")
    return "".join(pieces)


def snippet(texts: list[str], folded_words) -> SafeString:
    """The first of ``texts`` (summary, body, attachment text) holding a query word, marked;
    else the start of the first non-empty text."""
    pattern = _pattern(folded_words)
    if pattern is not None:
        for text in texts:
            if text and (fragment := _fragment(text, pattern)):
                return mark_safe(fragment)  # noqa: S308 - every piece of text is escaped
    fallback = next((text for text in texts if text), "")
    return escape(Truncator(fallback).chars(SNIPPET_CHARS))
