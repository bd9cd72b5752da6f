"""Demo documents: realistic, idempotent, with real PDF files."""

import datetime

import pytest

from documents.demo import load_demo_documents, school_code
from documents.models import OfficialDocumentPage
from documents.validity import Validity

TODAY = datetime.date(2026, 11, 23)


class SchoolCodeTests:
    def test_codes_from_slugs(self):
        assert school_code("thcs-nguyen-trai") == "THCSNT"
        assert school_code("mn-hoa-sen") == "MNHS"
        assert school_code("th-binh-tri-2") == "THBT2"


@pytest.mark.django_db
class DemoDocumentsTests:
    def test_demo_documents_cover_every_status_and_are_idempotent(
        self, school_a, in_school, media_root
    ):
        with in_school(school_a):
            created = load_demo_documents(school_a, today=TODAY)
            assert created >= 8
            assert load_demo_documents(school_a, today=TODAY) == 0
            documents = {d.number: d for d in OfficialDocumentPage.objects.live()}
            assert "2326/GDĐT-THCS" in documents
            assert documents["2326/GDĐT-THCS"].issue_date == datetime.date(2023, 10, 6)
            admission = f"41/TB-{school_code(school_a.slug)}"
            assert "lớp 6" in documents[admission].summary  # school A is a THCS
            statuses = {d.validity(TODAY) for d in documents.values()}
            assert statuses == set(Validity)
            for document in documents.values():
                attached = document.files.order_by("sort_order").first().document
                with attached.file.open("rb") as handle:
                    assert handle.read(5) == b"%PDF-"
