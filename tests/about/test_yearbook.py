"""Statistical yearbook: last five school years, table and SVG chart (R2.5)."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from about.charts import bar_chart
from about.models import YearbookEntry, YearbookPage

URL = "/gioi-thieu/nien-giam-thong-ke/"


def _entries(page: YearbookPage, starts: range) -> None:
    for start in starts:
        YearbookEntry.objects.create(
            page=page,
            school_year=f"{start}-{start + 1}",
            classes=40,
            teachers=80,
            staff=12,
            students=1500 + (start - 2015) * 50,
            students_female=700,
            classrooms=30,
            subject_rooms=8,
            area=9820,
        )


class YearbookPageTests:
    def test_shows_only_the_last_five_years_as_table_and_chart(self, school_a, client_a, in_school):
        with in_school(school_a):
            _entries(YearbookPage.objects.get(), range(2017, 2024))  # seven years
        body = client_a.get(URL).content.decode()
        table = body.split('class="yearbook-table"', 1)[1].split("</table>", 1)[0]
        for old in ("2017–2018", "2018–2019"):
            assert old not in body
        years = ["2019–2020", "2020–2021", "2021–2022", "2022–2023", "2023–2024"]
        positions = [table.index(y) for y in years]
        assert positions == sorted(positions)  # oldest to newest, left to right
        assert "1.900" in table or "1,900" in table  # 2023–2024 pupils, grouped digits
        svg = body.split("<svg", 1)[1].split("</svg>", 1)[0]
        assert svg.count('class="chart-bar chart-series-0"') == 5
        assert svg.count('class="chart-bar chart-series-1"') == 5
        assert "<script" not in body.split("<main", 1)[1].split("</main>", 1)[0]
        assert '<div class="table-wrap">' in body

    def test_empty_yearbook_gives_a_friendly_message(self, client_b):
        body = client_b.get(URL).content.decode()
        assert "Nhà trường đang cập nhật niên giám thống kê" in body
        assert "<svg" not in body

    def test_school_year_is_normalised_and_validated(self, school_a, in_school):
        with in_school(school_a):
            page = YearbookPage.objects.get()
            entry = YearbookEntry(page=page, school_year="2023/2024")
            entry.full_clean()
            entry.save()
            assert YearbookEntry.objects.get(pk=entry.pk).school_year == "2023–2024"
            with pytest.raises(ValidationError):
                YearbookEntry(page=page, school_year="2023-2025").full_clean()

    def test_female_pupils_cannot_exceed_total(self, school_a, in_school):
        with in_school(school_a):
            entry = YearbookEntry(
                page=YearbookPage.objects.get(),
                school_year="2023–2024",
                students=10,
                students_female=11,
            )
            with pytest.raises(ValidationError) as caught:
                entry.full_clean()
        assert "students_female" in caught.value.message_dict


class BarChartTests:
    def test_tallest_bar_fits_and_scale_is_round(self):
        chart = bar_chart(["2022–2023", "2023–2024"], [[1742, 1600], [850, 790]])
        assert chart.gridlines[-1].value == 2000
        tallest = max(bar.height for group in chart.groups for bar in group.bars)
        assert tallest <= chart.baseline - chart.gridlines[-1].y + 0.1
        assert all(bar.y >= chart.gridlines[-1].y - 0.1 for g in chart.groups for bar in g.bars)
        assert len(chart.groups) == 2 and len(chart.groups[0].bars) == 2

    def test_all_zero_values_do_not_divide_by_zero(self):
        chart = bar_chart(["2023–2024"], [[0], [0]])
        assert chart.groups[0].bars[0].height == 0
