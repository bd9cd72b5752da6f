"""Demo content: the six forms of seed 001 and three years of công khai (R5.2, R6.1)."""

import pytest

from admin_procedures.models import ProcedurePage
from disclosure.models import DisclosureItemPage
from disclosure.selectors import coverage


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path)


class DemoContentTests:
    def test_lower_secondary_demo_has_the_six_forms_and_three_years(
        self, school_a, in_school, client_a, media
    ):
        from admin_procedures.demo import load_demo_content as load_procedures
        from disclosure.demo import load_demo_content as load_disclosure

        with in_school(school_a):
            load_procedures(school_a)
            load_disclosure(school_a)
            procedures = list(ProcedurePage.objects.live().order_by("path"))
            items = DisclosureItemPage.objects.count()
            load_procedures(school_a)  # idempotent
            load_disclosure(school_a)
            assert ProcedurePage.objects.count() == len(procedures)
            assert DisclosureItemPage.objects.count() == items
            forms = [page.forms.order_by("sort_order").first().document for page in procedures]
            docx_forms = [page.forms.order_by("sort_order").last().document for page in procedures]
            result = coverage(years=3)
        titles = {document.title for document in forms}
        assert titles == {
            "Đơn xin nghỉ học",
            "Đơn xin phúc khảo bài kiểm tra, bài thi",
            "Phiếu thông tin xét tuyển học sinh đầu cấp",
            "Đơn xin chuyển trường",
            "Đơn đề nghị cấp bản sao bằng tốt nghiệp THCS",
            "Đơn đề nghị chỉnh sửa nội dung văn bằng tốt nghiệp THCS",
        }
        assert all(document.file.name.endswith(".pdf") for document in forms)
        # The same form as Word, to fill in on a computer (and searchable).
        assert all(document.file.name.endswith(".docx") for document in docx_forms)
        assert {document.title for document in docx_forms} == titles
        assert all(row["complete"] for row in result)
        body = client_a.get("/tuyen-sinh/").content.decode()
        assert "lớp 6" in body and "2026–2027" in body
