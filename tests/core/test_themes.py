"""Layout presets, their colours (WCAG contrast) and the public page shell (R9.6, R9.1)."""

from __future__ import annotations

import re

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Site

from core.models import ThemeSettings
from core.themes import (
    MIN_TEXT_CONTRAST,
    PRESETS,
    TEXT_PAIRS,
    contrast_ratio,
    palette,
)


class ContrastTests:
    def test_contrast_ratio_matches_wcag_reference_values(self):
        assert contrast_ratio("#000000", "#ffffff") == pytest.approx(21.0)
        assert contrast_ratio("#ffffff", "#ffffff") == pytest.approx(1.0)
        # WebAIM's checker: #767676 on white is 4.54:1, the lightest grey passing AA.
        assert contrast_ratio("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)

    @pytest.mark.parametrize("layout", list(PRESETS))
    def test_every_text_colour_of_each_preset_passes_aa(self, layout):
        colours = palette(layout)
        for fg, bg, label in TEXT_PAIRS:
            ratio = contrast_ratio(colours.get(fg, fg), colours.get(bg, bg))
            assert ratio >= MIN_TEXT_CONTRAST, f"{layout}: {label} {ratio:.2f}:1"


class ThemeSettingsTests:
    def test_unreadable_colour_is_refused_with_the_pair_named(self, school_a, in_school):
        with in_school(school_a):
            theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
            theme.layout = "trang-nha"
            theme.primary_colour = "#8fc1ff"  # light blue: white text on it is unreadable
            with pytest.raises(ValidationError) as refused:
                theme.full_clean()
            assert "tương phản" in str(refused.value)
            assert "chữ trên trình đơn" in str(refused.value)

    def test_dark_colours_are_accepted(self, school_a, in_school):
        with in_school(school_a):
            theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
            theme.layout = "gon"
            theme.primary_colour = "#1b5e20"
            theme.accent_colour = "#b71c1c"
            theme.full_clean()


class PageShellTests:
    def test_home_has_banner_quick_links_and_one_stylesheet(self, client_a):
        html = client_a.get("/").content.decode()
        assert 'class="brand"' in html
        assert "core/img/emblem.svg" in html  # the default emblem until a logo is uploaded
        assert "Phòng Giáo dục và Đào tạo" in html
        tiles = re.search(r'<nav class="quick-tiles".*?</nav>', html, re.S).group(0)
        for title in ("công khai", "thủ tục", "tuyển sinh", "lịch công tác", "góp ý"):
            assert title in tiles.lower(), title
        assert len(re.findall(r'rel="stylesheet"', html)) == 1
        assert 'rel="icon"' in html

    def test_layout_and_colours_reach_the_page(self, school_a, in_school, client_a):
        with in_school(school_a):
            theme = ThemeSettings.for_site(Site.objects.get(is_default_site=True))
            theme.layout = "gon"
            theme.primary_colour = "#1b5e20"
            theme.save()
        html = client_a.get("/").content.decode()
        assert '<body class="layout-gon' in html
        assert "--primary:#1b5e20" in html
        assert "--menu-bg:#13421" in html  # the darker band derived from the primary colour

    @pytest.mark.parametrize("path", ["/van-ban/", "/cong-khai/", "/gop-y/", "/tin-tuc/"])
    def test_section_pages_have_a_meta_description(self, client_a, path):
        html = client_a.get(path).content.decode()
        match = re.search(r'<meta name="description" content="([^"]+)"', html)
        assert match, path
        assert len(match.group(1)) > 20

    def test_disclosure_grid_has_a_phone_list_per_year(self, client_a):
        html = client_a.get("/cong-khai/").content.decode()
        assert 'class="disclosure-years"' in html
        assert 'class="table-wrap disclosure-grid-wrap" role="region" tabindex="0"' in html
