"""Demo content as data: every data file loads, a malformed one is refused by file and key."""

from __future__ import annotations

import dataclasses
import datetime
from pathlib import Path

import pytest

from schools.demo_loader import DemoDataError, demo_data_from_file
from schools.models import SchoolLevel


@dataclasses.dataclass(frozen=True)
class Entry:
    title: str
    day: datetime.date
    count: int = 0


@dataclasses.dataclass(frozen=True)
class Sample:
    level: SchoolLevel
    entries: list[Entry]


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sample.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def _error(path: Path, **kwargs) -> str:
    with pytest.raises(DemoDataError) as caught:
        demo_data_from_file(path, Sample, **kwargs)
    return str(caught.value)


class DemoLoaderTests:
    def test_reads_levels_placeholders_and_relative_dates(self, tmp_path):
        path = _file(
            tmp_path,
            "level: thcs\n"
            "entries:\n"
            "- title: {by_level: {mam_non: Bé vui, default: 'Lễ của {name}'}}\n"
            "  day: {school_year: 1, month: 9, day: 5}\n"
            "- title: Hạn nộp\n"
            "  day: {days_from_today: -5}\n"
            "  count: 3\n",
        )
        context = {
            "name": "Trường THCS Nguyễn Trãi",
            "today": datetime.date(2026, 12, 3),
            "school_year_start": 2026,
        }
        sample = demo_data_from_file(path, Sample, level="thcs", context=context)
        assert sample.level == SchoolLevel.LOWER_SECONDARY
        assert sample.entries == [
            Entry(title="Lễ của Trường THCS Nguyễn Trãi", day=datetime.date(2027, 9, 5)),
            Entry(title="Hạn nộp", day=datetime.date(2026, 11, 28), count=3),
        ]
        preschool = demo_data_from_file(path, Sample, level="mam_non", context=context)
        assert preschool.entries[0].title == "Bé vui"

    @pytest.mark.parametrize(
        ("text", "key", "problem"),
        [
            ("level: thcs\nentries:\n- title: A\n", "entries[0].day", "missing key"),
            (
                "level: thcs\nentries:\n- {title: A, day: 2026-09-05, count: nhiều}\n",
                "entries[0].count",
                "expected an integer, got 'nhiều'",
            ),
            (
                "level: thcs\nentries:\n- {title: A, day: 5/9/2026}\n",
                "entries[0].day",
                "expected a date (YYYY-MM-DD)",
            ),
            ("level: thcs\nentries: []\nextra: 1\n", "extra", "unknown key"),
            ("level: dai_hoc\nentries: []\n", "level", "expected one of 'mam_non'"),
            (
                "level: thcs\nentries:\n- {title: 'Lễ {truong}', day: 2026-09-05}\n",
                "entries[0].title",
                "unknown placeholder {truong}",
            ),
            (
                "level: thcs\nentries:\n- {title: {by_level: {mam_non: A}}, day: 2026-09-05}\n",
                "entries[0].title.by_level",
                "no entry for level 'thcs' nor default",
            ),
        ],
    )
    def test_malformed_file_names_the_file_and_the_key(self, tmp_path, text, key, problem):
        path = _file(tmp_path, text)
        message = _error(path, level="thcs")
        assert message.startswith(f"{path}: {key}: "), message
        assert problem in message

    def test_invalid_yaml_names_the_file(self, tmp_path):
        path = _file(tmp_path, "level: thcs\nentries: [unclosed\n")
        message = _error(path)
        assert message.startswith(f"{path}: not valid YAML")


DEMO_SCHOOLS = [
    ("mn-hoa-sen", "mam_non", "cong_lap"),
    ("th-binh-tri-2", "tieu_hoc", "cong_lap"),
    ("thcs-nguyen-trai", "thcs", "cong_lap"),
    ("th-thcs-ngoi-sao-nho", "th_thcs", "ngoai_cong_lap"),
]


class DemoDataFilesTests:
    """Each app's data file against its schema, for each demo school (no database)."""

    @pytest.mark.parametrize(("slug", "level", "ownership"), DEMO_SCHOOLS)
    def test_every_data_file_loads_for_every_demo_school(self, slug, level, ownership):
        from types import SimpleNamespace

        from about.demo import AboutDemo
        from admin_procedures.demo import demo_procedures
        from disclosure.demo import demo_disclosure
        from documents.demo import demo_documents
        from events.demo import demo_events
        from feedback.demo import DemoFeedback
        from news.demo import demo_articles
        from online_services.demo import DATA
        from rss.demo import DEMO_SOURCES
        from schools.demo import DEMO_SCHOOLS as SCHOOLS
        from schools.demo_loader import demo_data

        data = next(school for school in SCHOOLS if school["slug"] == slug)
        assert (data["level"], data["ownership"]) == (level, ownership)
        school = SimpleNamespace(city="Thành phố Hồ Chí Minh", **data)
        about = demo_data("about", "about", AboutDemo, level=level, context={"name": "X"})
        assert about.schools[slug].leaders
        assert len(demo_articles(school)) == 8
        assert demo_events(level, datetime.date(2026, 12, 3))
        assert len(demo_documents(school, today=datetime.date(2026, 12, 3))) >= 10
        assert demo_procedures(school).procedures
        assert demo_disclosure(school, 2026).items.general_info.title.endswith("2026–2027")
        feedback = demo_data("feedback", "feedback", DemoFeedback, context={"school_year": "x"})
        assert len(feedback.messages) == 4
        assert len(DEMO_SOURCES) == 2
        assert DATA.student.code == "7925031207"
