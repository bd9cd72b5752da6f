from decimal import Decimal

from about.templatetags.about_tags import vi_number


class VietnameseNumberTests:
    def test_groups_thousands_with_dots_and_uses_a_decimal_comma(self):
        assert vi_number(2134) == "2.134"
        assert vi_number(Decimal("9820.0")) == "9.820"
        assert vi_number(Decimal("12345.5")) == "12.345,5"
        assert vi_number(0) == "0"
        assert vi_number(None) == ""
