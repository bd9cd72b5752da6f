import datetime

import pytest
from django.core.exceptions import ValidationError

from core.schoolyears import current_school_year, normalise_school_year, recent_school_years


class SchoolYearTests:
    def test_normalises_hyphen_and_slash_to_en_dash(self):
        assert normalise_school_year("2023-2024") == "2023–2024"
        assert normalise_school_year(" 2023 / 2024 ") == "2023–2024"

    @pytest.mark.parametrize("bad", ["2023", "2023–2025", "năm học 2023", "", "2024–2023"])
    def test_refuses_values_that_are_not_consecutive_years(self, bad):
        with pytest.raises(ValidationError):
            normalise_school_year(bad)

    def test_school_year_turns_over_in_august(self):
        assert current_school_year(datetime.date(2026, 7, 31)) == "2025–2026"
        assert current_school_year(datetime.date(2026, 8, 1)) == "2026–2027"

    def test_recent_years_newest_first(self):
        assert recent_school_years(3, datetime.date(2026, 11, 23)) == [
            "2026–2027",
            "2025–2026",
            "2024–2025",
        ]
