"""Demo data of the online services for THCS Nguyễn Trãi (idempotent).

Results and diplomas go through the real path: an Excel workbook laid out like a school's
export (title rows, then the header) is built in memory, parsed by ``importers`` and stored
by ``services``. A parent can then look up the student named in the README:
mã học sinh ``7925031207``, ngày sinh ``05/09/2013``; diploma ``THCS 0250317`` of
``Trần Minh Khôi``, born ``21/06/2010``. The people, texts and campaigns are in
``online_services/demo_data/online_services.yaml``.
"""

from __future__ import annotations

import datetime
import io
import random
from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from core.schoolyears import current_school_year, format_school_year, parse_school_year
from feedback.services import insert_with_reference
from online_services import importers, services
from online_services.demo_schema import DemoOnlineServices
from online_services.models import (
    AdmissionApplication,
    AdmissionCampaign,
    ApplicationStatus,
    CampaignDocument,
    DiplomaKind,
    DiplomaSet,
    Grade,
    Period,
    ResultSet,
)
from online_services.text import phone_key
from schools.demo_loader import demo_data


def _data(**context) -> DemoOnlineServices:
    keep = ("title", "class_name", "school_year", "previous", "year", "house")
    keep = tuple(key for key in keep if key not in context)
    return demo_data(
        "online_services", "online_services", DemoOnlineServices, context=context, keep=keep
    )


DATA = _data()
DEMO_SCHOOL = DATA.school
STUDENT_CODE = DATA.student.code
STUDENT_BIRTH = DATA.student.birth
STUDENT_NAME = DATA.student.name
DIPLOMA_NUMBER = DATA.diploma.number
DIPLOMA_HOLDER = (DATA.diploma.holder, DATA.diploma.birth)


def _name(rng: random.Random) -> tuple[str, str]:
    names = DATA.names
    if rng.random() < 0.5:
        return (
            f"{rng.choice(names.family)} {rng.choice(names.middle_female)} "
            f"{rng.choice(names.given_female)}",
            DATA.gender.female,
        )
    return (
        f"{rng.choice(names.family)} {rng.choice(names.middle_male)} {rng.choice(names.given_male)}",
        DATA.gender.male,
    )


def _students(birth_year: int, count: int = 36) -> list[dict]:
    """One class, the README's student first; the same people every run."""
    rng = random.Random(birth_year * 31 + 7)
    students = [{"code": STUDENT_CODE, "name": STUDENT_NAME, "birth": STUDENT_BIRTH, "level": 0.9}]
    while len(students) < count:
        name, _gender = _name(rng)
        birth = datetime.date(birth_year, 1, 1) + timedelta(days=rng.randrange(365))
        code = f"79250{rng.randrange(10000, 99999)}"
        if all(s["code"] != code for s in students):
            students.append({"code": code, "name": name, "birth": birth, "level": rng.random()})
    return students


def _mark(rng: random.Random, level: float) -> float:
    score = 5.0 + 4.6 * level + rng.uniform(-1.3, 1.0)
    return round(min(10.0, max(3.5, score)) * 10) / 10


def _grades(level: float) -> tuple[str, str, str]:
    for row, threshold in zip(DATA.results.grades, (0.88, 0.75, 0.4, 0.12), strict=False):
        if level > threshold:
            return row
    return DATA.results.grades[-1]


def _workbook(title_lines: list[str], headings: list[str], rows: list[list]) -> SimpleUploadedFile:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    for line in title_lines:
        sheet.append([line])
    sheet.append([])
    sheet.append(headings)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("demo.xlsx", buffer.getvalue())


def _results_file(
    school_year: str,
    class_name: str,
    title: str,
    students,
    subjects,
    *,
    pass_subjects,
    seed: int,
    summary: bool,
):
    rng = random.Random(seed)
    texts = DATA.results
    headings = [*texts.headings, *subjects, *pass_subjects]
    if summary:
        headings += texts.summary_headings
    rows = []
    for number, student in enumerate(students, start=1):
        row = [number, student["code"], student["name"], student["birth"], class_name]
        row += [_mark(rng, student["level"]) for _subject in subjects]
        row += [texts.passed for _subject in pass_subjects]
        if summary:
            row += list(_grades(student["level"]))
        rows.append(row)
    class_title = texts.class_title.format(
        title=title, class_name=class_name, school_year=school_year
    )
    return _workbook([*texts.header, class_title], headings, rows)


def _load_results(user=None) -> None:
    current = parse_school_year(current_school_year())
    previous = format_school_year(current - 1)
    grade = (current - 1) - STUDENT_BIRTH.year - 5  # a 2013-born child is in grade 7 in 2025–2026
    grade = grade if 6 <= grade <= 9 else 7
    students = _students(STUDENT_BIRTH.year)
    texts = DATA.results
    sets = [
        (previous, Period.TERM_1, "", texts.term_1, f"{grade}A2", True),
        (previous, Period.TERM_2, "", texts.term_2, f"{grade}A2", True),
        (previous, Period.YEAR, "", texts.year, f"{grade}A2", True),
    ]
    if grade < 9:
        sets.append(
            (
                format_school_year(current),
                Period.EXAM,
                texts.midterm_exam,
                texts.midterm,
                f"{grade + 1}A2",
                False,
            )
        )
    for seed, (school_year, period, exam, title, class_name, summary) in enumerate(sets, start=1):
        if ResultSet.objects.filter(
            school_year=school_year, period=period, exam_name=exam
        ).exists():
            continue
        subjects = DATA.subjects if summary else DATA.midterm_subjects
        upload = _results_file(
            school_year,
            class_name,
            title,
            students,
            subjects,
            pass_subjects=DATA.pass_subjects if summary else [],
            seed=seed,
            summary=summary,
        )
        services.result_set_import(
            school_year=school_year,
            period=period,
            exam_name=exam,
            parsed=importers.results_parse(upload),
            source_name=f"ket-qua-{class_name.lower()}-{period}.xlsx",
            acting_user=user,
        )


def _load_diplomas(user=None) -> None:
    current = parse_school_year(current_school_year())
    year = current  # graduates of the school year that ended last summer
    texts = _data(previous=format_school_year(current - 1), year=year).diplomas
    title = texts.title
    if DiplomaSet.objects.filter(title=title).exists():
        return
    rng = random.Random(year)
    holder, born = DIPLOMA_HOLDER
    rows = [
        [
            1,
            DIPLOMA_NUMBER,
            f"TN-{year}/0317",
            holder,
            born,
            texts.holder_birthplace,
            DATA.gender.male,
            year,
            texts.holder_classification,
            datetime.date(year, 7, 20),
        ]
    ]
    for number in range(2, 41):
        name, gender = _name(rng)
        birth = datetime.date(born.year, 1, 1) + timedelta(days=rng.randrange(365))
        classification = rng.choice(texts.classifications)
        place = rng.choice(texts.birthplaces)
        rows.append(
            [
                number,
                f"THCS 0250{317 + number:03d}",
                f"TN-{year}/{316 + number:04d}",
                name,
                birth,
                place,
                gender,
                year,
                classification,
                datetime.date(year, 7, 20),
            ]
        )
    upload = _workbook(
        texts.header,
        texts.headings,
        rows,
    )
    services.diploma_set_import(
        kind=DiplomaKind.LOWER_SECONDARY,
        title=title,
        parsed=importers.diplomas_parse(upload),
        source_name=f"bang-tot-nghiep-thcs-{year}.xlsx",
        acting_user=user,
    )


def _campaign(title: str, **fields) -> AdmissionCampaign:
    campaign = AdmissionCampaign.objects.filter(title=title).first()
    if campaign is not None:
        return campaign
    documents = fields.pop("documents")
    campaign = AdmissionCampaign(title=title, **fields)
    for order, document in enumerate(documents):
        campaign.documents.add(
            CampaignDocument(
                name=document.name,
                required=document.required,
                help_text=document.help_text,
                sort_order=order,
            )
        )
    campaign.save()
    return campaign


def _load_campaigns() -> None:
    now = timezone.now()
    start = parse_school_year(current_school_year())
    data = _data(year=format_school_year(start))
    transfer = _campaign(
        data.transfer.title,
        school_year=format_school_year(start),
        grade=Grade.OTHER,
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=45),
        quota=data.transfer.quota,
        birth_date_from=datetime.date(start - 14, 1, 1),
        birth_date_to=datetime.date(start - 11, 12, 31),
        description=data.transfer.description,
        documents=data.transfer.documents,
    )
    next_year = start + 1
    grade_6 = _data(year=format_school_year(next_year)).grade_6
    _campaign(
        grade_6.title,
        school_year=format_school_year(next_year),
        grade=Grade.GRADE_6,
        opens_at=timezone.make_aware(datetime.datetime(next_year, 7, 1, 7, 30)),
        closes_at=timezone.make_aware(datetime.datetime(next_year, 7, 15, 17, 0)),
        quota=grade_6.quota,
        birth_date_from=datetime.date(next_year - 11, 1, 1),
        birth_date_to=datetime.date(next_year - 11, 12, 31),
        description=grade_6.description,
        documents=grade_6.documents,
    )
    if transfer.applications.exists():
        return
    applications = data.applications
    for days, sample in enumerate(applications.samples, start=1):
        phone = sample.phone
        application = AdmissionApplication(
            campaign=transfer,
            child_name=sample.child,
            child_birth_date=datetime.date(
                start - sample.age, sample.birthday.month, sample.birthday.day
            ),
            child_gender=sample.gender,
            child_birthplace=applications.birthplace,
            child_ethnicity=applications.ethnicity,
            address=applications.address.format(house=20 + days * 7),
            previous_school=sample.previous_school,
            parent_name=sample.parent,
            parent_relationship=sample.relationship,
            parent_phone=phone,
            parent_phone_key=phone_key(phone),
            parent_email=sample.email,
            status=sample.status,
            decision_note=sample.note,
            created_at=now - timedelta(days=days),
            # Demo rows: no acknowledgement or decision mail to send.
            ack_sent_at=now,
            board_notified_at=now,
            decision_sent_at=now if sample.status == ApplicationStatus.ACCEPTED else None,
        )
        insert_with_reference(application, "TS")


def demo_load(school) -> None:
    """Results, diplomas and admission campaigns for the demo THCS (other schools: none)."""
    if school.slug != DEMO_SCHOOL:
        return
    _load_results()
    _load_diplomas()
    _load_campaigns()
