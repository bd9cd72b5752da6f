"""Page addresses from Vietnamese titles (R9.2).

"Bé tham gia Ngày hội Đọc sách – Thư viện Xanh tháng 12" →
``be-tham-gia-ngay-hoi-doc-sach-thu-vien-xanh-thang-12``. Django's ``slugify`` drops ``đ``/``Đ``
(they have no decomposition) and Wagtail's own auto-slug goes through it, so code that
creates pages (imports, dispatches, demo content) passes ``slug=slug_from_title(title)``. The
admin's live slug field folds the same way in the browser (static/core/js/admin-vi.js).
"""

from __future__ import annotations

import unicodedata

from django.utils.text import slugify

# Letters without a Unicode decomposition to a base letter.
_UNDECOMPOSABLE = str.maketrans({"đ": "d", "Đ": "D"})


def fold_vietnamese(text: str) -> str:
    """The text without tone and vowel marks, ``đ`` as ``d``; NFC, NFD or mixed input alike."""
    decomposed = unicodedata.normalize("NFD", unicodedata.normalize("NFC", text))
    bare = "".join(char for char in decomposed if not unicodedata.combining(char))
    return bare.translate(_UNDECOMPOSABLE)


def slug_from_title(title: str, *, max_length: int | None = None, fallback: str = "") -> str:
    """An ASCII slug (WAGTAIL_ALLOW_UNICODE_SLUGS is off): lowercase words joined by hyphens.

    ``max_length`` cuts at a word boundary where it can; ``fallback`` is returned for a title
    with no letter or digit.
    """
    slug = slugify(fold_vietnamese(title).replace("/", "-"))
    if max_length is not None and len(slug) > max_length:
        cut = slug[:max_length]
        if slug[max_length] != "-" and "-" in cut:
            cut = cut.rsplit("-", 1)[0]
        slug = cut.strip("-")
    return slug or fallback
