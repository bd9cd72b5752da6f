"""Layout presets of the public site and the colour checks behind them (R9.6, R9.1).

A school picks a preset in Cài đặt → Giao diện (``ThemeSettings.layout``) and may change the
two brand colours; every colour a page uses is derived here from those two, written into the
page as CSS custom properties (``{% theme_style %}``), and checked against WCAG 2.1 AA
(4.5:1 for text) both by the tests for every preset and when a school saves its colours.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from django.utils.translation import gettext_lazy as _

DEFAULT_PRIMARY = "#0b5394"
DEFAULT_ACCENT = "#c0392b"
# WCAG 2.1 AA for normal-size text (success criterion 1.4.3).
MIN_TEXT_CONTRAST = 4.5


def _rgb(colour: str) -> tuple[int, int, int]:
    value = colour.lstrip("#")
    return int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16)


def _hex(rgb: tuple[float, float, float]) -> str:
    return "#" + "".join(f"{max(0, min(255, round(c))):02x}" for c in rgb)


def shade(colour: str, amount: float) -> str:
    """``colour`` mixed with black (``amount`` 0…1): the darker menu bar of a preset."""
    return _hex(tuple(c * (1 - amount) for c in _rgb(colour)))


def relative_luminance(colour: str) -> float:
    """WCAG 2.1 relative luminance of an ``#rrggbb`` colour."""

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in _rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio (1…21) of two ``#rrggbb`` colours."""
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


@dataclass(frozen=True)
class Preset:
    key: str
    label: str
    # Colours as literals or as "primary" / "accent" / "primary-dark" (derived per school).
    banner_bg: str
    banner_fg: str
    menu_bg: str
    menu_fg: str
    page_bg: str
    surface: str


# The colours of a preset, by CSS variable name (``banner_bg`` is ``--banner-bg``).
PRESET_COLOURS = tuple(field.name for field in fields(Preset) if field.name not in {"key", "label"})

# What the presets share; each preset below lists only what it changes.
_PRESET_BASE = {
    "banner_bg": "primary",
    "banner_fg": "#ffffff",
    "menu_bg": "primary-dark",
    "menu_fg": "#ffffff",
    "page_bg": "#ffffff",
    "surface": "#f4f6f9",
}
_PRESET_CHANGES = (
    # The usual portal of a Vietnamese school: the banner in the school's colour, the menu
    # in a darker band below, two columns on wide screens.
    (
        "chuan",
        _("Chuẩn: băng tiêu đề màu chủ đạo, trình đơn sẫm màu"),
        {"page_bg": "#f3f5f8", "surface": "#ffffff"},
    ),
    # A light banner with the names in the school's colour, the menu in that colour.
    (
        "trang-nha",
        _("Trang nhã: băng tiêu đề nền sáng, trình đơn màu chủ đạo"),
        {"banner_bg": "#ffffff", "banner_fg": "primary", "menu_bg": "primary"},
    ),
    # Compact: one deep band for the banner and the menu, one column of content.
    (
        "gon",
        _("Gọn: một băng tiêu đề sẫm màu, nội dung một cột"),
        {"banner_bg": "primary-dark"},
    ),
)
PRESETS: dict[str, Preset] = {
    key: Preset(key=key, label=label, **(_PRESET_BASE | changes))
    for key, label, changes in _PRESET_CHANGES
}
DEFAULT_PRESET = "chuan"
PRESET_CHOICES = [(preset.key, preset.label) for preset in PRESETS.values()]

TEXT = "#1d1d1f"
MUTED = "#4a4f57"
FOOTER_BG = "#22313f"
FOOTER_FG = "#eef0ff"


def palette(
    layout: str = DEFAULT_PRESET, primary: str = DEFAULT_PRIMARY, accent: str = DEFAULT_ACCENT
) -> dict[str, str]:
    """Every colour of a page for a preset and a school's two colours, by CSS variable name."""
    preset = PRESETS.get(layout) or PRESETS[DEFAULT_PRESET]
    primary = primary or DEFAULT_PRIMARY
    accent = accent or DEFAULT_ACCENT
    named = {"primary": primary, "accent": accent, "primary-dark": shade(primary, 0.3)}

    def resolve(value: str) -> str:
        return named.get(value, value)

    return {
        "primary": primary,
        "primary-dark": named["primary-dark"],
        "accent": accent,
        **{name.replace("_", "-"): resolve(getattr(preset, name)) for name in PRESET_COLOURS},
        "text": TEXT,
        "muted": MUTED,
        "footer-bg": FOOTER_BG,
        "footer-fg": FOOTER_FG,
    }


# (foreground, background, what it is) pairs of text actually drawn by portal.css.
TEXT_PAIRS = [
    ("banner-fg", "banner-bg", _("chữ trên băng tiêu đề")),
    ("menu-fg", "menu-bg", _("chữ trên trình đơn")),
    ("text", "page-bg", _("chữ trên nền trang")),
    ("text", "surface", _("chữ trên khung nội dung")),
    ("muted", "surface", _("chữ phụ trên khung nội dung")),
    ("muted", "page-bg", _("chữ phụ trên nền trang")),
    ("primary", "page-bg", _("liên kết trên nền trang")),
    ("primary", "surface", _("liên kết trên khung nội dung")),
    ("#ffffff", "primary", _("chữ trắng trên nút màu chủ đạo")),
    ("accent", "surface", _("chữ màu nhấn trên khung nội dung")),
    ("accent", "page-bg", _("chữ màu nhấn trên nền trang")),
    ("footer-fg", "footer-bg", _("chữ ở chân trang")),
]


def contrast_problems(colours: dict[str, str]) -> list[tuple[str, float]]:
    """``(what, ratio)`` of every text pair below 4.5:1 in ``colours`` (a ``palette``)."""
    problems = []
    for fg, bg, label in TEXT_PAIRS:
        ratio = contrast_ratio(colours.get(fg, fg), colours.get(bg, bg))
        if ratio < MIN_TEXT_CONTRAST:
            problems.append((str(label), ratio))
    return problems


def css_variables(colours: dict[str, str]) -> str:
    """``--primary:#0b5394;…`` for the page's inline ``:root`` style."""
    return ";".join(f"--{name}:{value}" for name, value in colours.items())


# Quick links of the home page: what parents come for, in this order (sections found by type,
# so an editor's renamed section keeps its tile), each with a one-line explanation.
QUICK_LINKS = [
    ("disclosureindexpage", _("Cam kết chất lượng, điều kiện, thu chi")),
    ("procedureindexpage", _("Hồ sơ, giấy tờ, mẫu đơn")),
    ("admissionpage", _("Kế hoạch, chỉ tiêu, lịch tuyển sinh")),
    ("eventindexpage", _("Lịch làm việc của nhà trường")),
    ("documentindexpage", _("Văn bản chỉ đạo, quy định")),
    ("feedbackpage", _("Gửi ý kiến, phản ánh, câu hỏi")),
]


def quick_links(sections) -> list[dict]:
    """Tiles for the home page: the sections of ``QUICK_LINKS`` that the school has."""
    from django.contrib.contenttypes.models import ContentType

    sections = list(sections)
    models = dict(  # one query, whatever the number of sections
        ContentType.objects.filter(pk__in={s.content_type_id for s in sections}).values_list(
            "pk", "model"
        )
    )
    by_model = {}
    for section in sections:
        by_model.setdefault(models.get(section.content_type_id), section)
    return [
        {"page": by_model[model], "hint": hint} for model, hint in QUICK_LINKS if model in by_model
    ]
