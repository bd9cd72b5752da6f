"""Validity status from dates and replacements, in Python and in SQL (R4.4)."""

import datetime

import pytest

from documents.models import OfficialDocumentPage, RelationType
from documents.selectors import with_replaced_flag
from documents.validity import Validity, validity_q, validity_status
from tests.documents.factories import index_page, make_document

TODAY = datetime.date(2026, 11, 23)
D = datetime.date


class ValidityStatusTests:
    @pytest.mark.parametrize(
        ("issue", "effective", "expiry", "expected"),
        [
            (D(2024, 6, 3), D(2024, 7, 19), None, Validity.IN_FORCE),
            (D(2026, 11, 23), None, None, Validity.IN_FORCE),  # in force from issue day
            (D(2026, 11, 1), D(2026, 11, 23), None, Validity.IN_FORCE),  # effective today
            (D(2026, 11, 20), D(2026, 11, 24), None, Validity.NOT_YET),  # effective tomorrow
            (D(2026, 11, 24), None, None, Validity.NOT_YET),  # issued tomorrow
            (D(2025, 9, 1), None, D(2026, 9, 1), Validity.EXPIRED),
            (D(2025, 9, 1), None, D(2026, 11, 23), Validity.EXPIRED),  # expiry day itself
            (D(2025, 9, 1), None, D(2026, 11, 24), Validity.IN_FORCE),  # last day in force
        ],
    )
    def test_status_from_dates(self, issue, effective, expiry, expected):
        status = validity_status(
            issue_date=issue, effective_date=effective, expiry_date=expiry, today=TODAY
        )
        assert status == expected

    def test_replaced_wins_over_dates(self):
        status = validity_status(
            issue_date=D(2017, 12, 28),
            effective_date=None,
            expiry_date=None,
            replaced=True,
            today=TODAY,
        )
        assert status == Validity.REPLACED
        assert status.label == "Bị thay thế"

    def test_labels_are_vietnamese(self):
        assert Validity.IN_FORCE.label == "Còn hiệu lực"
        assert Validity.NOT_YET.label == "Chưa có hiệu lực"
        assert Validity.EXPIRED.label == "Hết hiệu lực"


@pytest.mark.django_db
class ValidityQueryTests:
    def test_sql_filter_agrees_with_python(self, school_a, in_school):
        with in_school(school_a):
            old = make_document(number="36/2017/TT-BGDĐT", issue_date=D(2017, 12, 28))
            make_document(
                number="09/2024/TT-BGDĐT",
                issue_date=D(2024, 6, 3),
                effective_date=D(2024, 7, 19),
                relations=[(RelationType.REPLACES, old)],
            )
            make_document(number="1/KH", issue_date=D(2025, 9, 1), expiry_date=D(2026, 9, 1))
            make_document(number="2/QĐ", issue_date=D(2026, 11, 20), effective_date=D(2027, 1, 1))
            base = OfficialDocumentPage.objects.child_of(index_page()).live()
            listed = with_replaced_flag(base, today=TODAY)
            python_status = {d.number: d.validity(TODAY) for d in listed}
            assert python_status == {
                "36/2017/TT-BGDĐT": Validity.REPLACED,
                "09/2024/TT-BGDĐT": Validity.IN_FORCE,
                "1/KH": Validity.EXPIRED,
                "2/QĐ": Validity.NOT_YET,
            }
            for status in Validity:
                numbers = set(
                    listed.filter(validity_q(status, TODAY)).values_list("number", flat=True)
                )
                assert numbers == {n for n, s in python_status.items() if s == status}

    def test_replacement_not_yet_in_force_does_not_replace(self, school_a, in_school):
        with in_school(school_a):
            old = make_document(number="10/KH", issue_date=D(2025, 9, 1))
            make_document(
                number="11/KH",
                issue_date=D(2026, 11, 20),
                effective_date=D(2026, 12, 1),
                relations=[(RelationType.REPLACES, old)],
            )
            old.refresh_from_db()
            assert old.validity(TODAY) == Validity.IN_FORCE
            assert old.validity(D(2026, 12, 1)) == Validity.REPLACED
