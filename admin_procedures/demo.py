"""Demo procedures (the six forms of seed 001, as relevant to the level) and admissions.

Idempotent: a procedure is created only when its slug is missing; the admission page is
filled only while it is still empty. The texts are in
``admin_procedures/demo_data/procedures.yaml``.
"""

from __future__ import annotations

import dataclasses
import datetime
import uuid

from admin_procedures.models import AdmissionDate, ProcedureForm, ProcedurePage
from admin_procedures.pdf import document_from_lines, docx_document_from_lines
from admin_procedures.services import admission_page_ensure, procedure_section_ensure
from schools.demo_loader import demo_data, demo_words
from schools.models import SchoolLevel


@dataclasses.dataclass(frozen=True)
class Step:
    title: str
    detail: str


@dataclasses.dataclass(frozen=True)
class Form:
    title: str
    lines: list[str]


@dataclasses.dataclass(frozen=True)
class DemoProcedure:
    slug: str
    levels: list[SchoolLevel]
    title: str
    summary: str
    applicant: str
    steps: list[Step]
    dossier: list[str]
    time_limit: str
    where: str
    legal: str
    form: Form


@dataclasses.dataclass(frozen=True)
class DemoDate:
    label: str
    start: datetime.date
    end: datetime.date | None = None


@dataclasses.dataclass(frozen=True)
class AdmissionLevel:
    grade: str
    quota: int
    detail: str
    who: str
    born: int


@dataclasses.dataclass(frozen=True)
class DemoAdmission:
    school_year: str
    plan: str
    dossier: list[str]
    venue: str
    dates: list[DemoDate]
    table_caption: str
    candidates: list[list[str]]
    level: AdmissionLevel


@dataclasses.dataclass(frozen=True)
class DemoProcedures:
    fee: str
    docx_caption: str
    form_signature: list[str]
    procedures: list[DemoProcedure]
    admission: DemoAdmission


def demo_procedures(school) -> DemoProcedures:
    """The procedures and admission texts of ``school``'s level."""
    context = {"name": school.name, "address": school.address, **demo_words(school.level)}
    return demo_data(
        "admin_procedures",
        "procedures",
        DemoProcedures,
        level=school.level,
        context=context,
        keep=("form", "grade", "born"),
    )


def _steps(steps: list[Step]) -> list[dict]:
    return [
        {"type": "step", "value": {"title": s.title, "detail": s.detail}, "id": str(uuid.uuid4())}
        for s in steps
    ]


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _candidate_table(admission: DemoAdmission) -> list[dict]:
    level = admission.level
    rows = [[cell.format(born=level.born) for cell in row] for row in admission.candidates]
    return [
        {
            "type": "table",
            "value": {
                "data": rows,
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "table_caption": admission.table_caption.format(grade=level.grade),
            },
            "id": str(uuid.uuid4()),
        }
    ]


def load_demo_content(school) -> None:
    """The level's procedures with their forms (PDF to print, DOCX to fill in), and the admission page (school schema)."""
    from core.models import SchoolHomePage

    home = SchoolHomePage.objects.first()
    if home is None:
        return
    index = procedure_section_ensure(home=home)
    existing = set(ProcedurePage.objects.child_of(index).values_list("slug", flat=True))
    demo = demo_procedures(school)
    for data in demo.procedures:
        if school.level not in data.levels or data.slug in existing:
            continue
        form_title, form_lines = data.form.title, [*data.form.lines, *demo.form_signature]
        document = document_from_lines(title=form_title, lines=form_lines)
        # The same form as Word, as schools hand it out: filled in on a computer, searchable.
        docx = docx_document_from_lines(title=form_title, lines=form_lines)
        page = index.add_child(
            instance=ProcedurePage(
                title=data.title,
                slug=data.slug,
                summary=data.summary,
                applicant=data.applicant,
                steps=_steps(data.steps),
                dossier=_ul(*data.dossier),
                time_limit=data.time_limit,
                fee=demo.fee,
                where_to_submit=data.where,
                legal_basis=f"<p>{data.legal}</p>",
                forms=[
                    ProcedureForm(document=document, sort_order=0),
                    ProcedureForm(
                        document=docx,
                        caption=demo.docx_caption.format(form=form_title),
                        sort_order=1,
                    ),
                ],
            )
        )
        page.save_revision().publish()

    admission = admission_page_ensure(home=home)
    if admission.plan:
        return
    info = demo.admission
    grade = info.level.grade
    admission.school_year = info.school_year
    admission.plan = info.plan.format(grade=grade)
    admission.quota = info.level.quota
    admission.quota_detail = info.level.detail
    admission.conditions = f"<p>{info.level.who}</p>"
    admission.dossier = _ul(*info.dossier)
    admission.venue = info.venue
    admission.dates = [
        AdmissionDate(label=date.label, start=date.start, end=date.end) for date in info.dates
    ]
    admission.candidate_table = _candidate_table(info)
    admission.save_revision().publish()
