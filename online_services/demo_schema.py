"""What ``online_services/demo_data/online_services.yaml`` holds (read by ``demo.py``)."""

from __future__ import annotations

import dataclasses
import datetime

from online_services.models import ApplicationStatus


@dataclasses.dataclass(frozen=True)
class Person:
    birth: datetime.date
    code: str = ""
    name: str = ""
    number: str = ""
    holder: str = ""


@dataclasses.dataclass(frozen=True)
class Names:
    family: list[str]
    middle_female: list[str]
    middle_male: list[str]
    given_female: list[str]
    given_male: list[str]


@dataclasses.dataclass(frozen=True)
class Gender:
    female: str
    male: str


@dataclasses.dataclass(frozen=True)
class Results:
    header: list[str]
    class_title: str
    headings: list[str]
    summary_headings: list[str]
    passed: str
    term_1: str
    term_2: str
    year: str
    midterm_exam: str
    midterm: str
    grades: list[tuple[str, str, str]]


@dataclasses.dataclass(frozen=True)
class Diplomas:
    title: str
    header: list[str]
    headings: list[str]
    holder_birthplace: str
    holder_classification: str
    classifications: list[str]
    birthplaces: list[str]


@dataclasses.dataclass(frozen=True)
class Document:
    name: str
    required: bool
    help_text: str = ""


@dataclasses.dataclass(frozen=True)
class Campaign:
    title: str
    quota: int
    description: str
    documents: list[Document]


@dataclasses.dataclass(frozen=True)
class MonthDay:
    month: int
    day: int


@dataclasses.dataclass(frozen=True)
class Sample:
    child: str
    age: int
    birthday: MonthDay
    gender: str
    parent: str
    relationship: str
    phone: str
    previous_school: str
    status: ApplicationStatus
    email: str = ""
    note: str = ""


@dataclasses.dataclass(frozen=True)
class Applications:
    birthplace: str
    ethnicity: str
    address: str
    samples: list[Sample]


@dataclasses.dataclass(frozen=True)
class DemoOnlineServices:
    school: str
    student: Person
    diploma: Person
    names: Names
    subjects: list[str]
    pass_subjects: list[str]
    midterm_subjects: list[str]
    gender: Gender
    results: Results
    diplomas: Diplomas
    transfer: Campaign
    grade_6: Campaign
    applications: Applications
