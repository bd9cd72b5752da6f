"""Indexes follow publishing, only live public content is found, and schools stay apart."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from sitesearch.backend import index_drop, index_exists, index_path, indexed_page_ids
from sitesearch.selectors import search_school
from tests.sitesearch.conftest import docx_bytes, pdf_bytes


def found(school, text):
    return [hit.title for hit in search_school(school.schema_name, text).hits]


@pytest.mark.django_db
class PublishingTests:
    def test_published_page_is_found_by_its_body(self, school_a, make_page):
        make_page(school_a, "Lễ khai giảng", intro="<p>Toàn trường dự <b>lễ chào cờ</b>.</p>")
        assert found(school_a, "le chao co") == ["Lễ khai giảng"]

    def test_draft_page_is_never_indexed(self, school_a, make_page):
        make_page(school_a, "Bản nháp bí mật", intro="<p>Nội dung chưa duyệt</p>", live=False)
        assert found(school_a, "ban nhap bi mat") == []

    def test_unpublished_revision_of_a_live_page_stays_out(
        self, school_a, make_page, in_school, django_capture_on_commit_callbacks
    ):
        page = make_page(school_a, "Thực đơn tuần", intro="<p>Cơm gà</p>")
        with in_school(school_a), django_capture_on_commit_callbacks(execute=True):
            page.intro = "<p>Phở bò chưa duyệt</p>"
            draft = page.save_revision()
        assert found(school_a, "pho bo") == []
        assert found(school_a, "com ga") == ["Thực đơn tuần"]
        with in_school(school_a), django_capture_on_commit_callbacks(execute=True):
            draft.publish()  # publishing the draft replaces the indexed text
        assert found(school_a, "pho bo") == ["Thực đơn tuần"]
        assert found(school_a, "com ga") == []

    def test_unpublish_removes_the_page(
        self, school_a, make_page, in_school, django_capture_on_commit_callbacks
    ):
        page = make_page(school_a, "Thông báo nghỉ lễ")
        with in_school(school_a), django_capture_on_commit_callbacks(execute=True):
            page.unpublish()
        assert found(school_a, "nghi le") == []

    def test_delete_removes_the_page_and_its_descendants(
        self, school_a, make_page, in_school, django_capture_on_commit_callbacks
    ):
        parent = make_page(school_a, "Chuyên mục hoạt động")
        with in_school(school_a):
            from core.models import SchoolHomePage

            child = SchoolHomePage(title="Hội thao giáo viên", slug="hoi-thao", live=True)
            parent.add_child(instance=child)
            from sitesearch.services import page_index_update

            page_index_update(page_id=child.pk)
        assert found(school_a, "hoi thao") == ["Hội thao giáo viên"]
        with in_school(school_a), django_capture_on_commit_callbacks(execute=True) as callbacks:
            parent.delete()
        removals = [c for c in callbacks if "_queue_removal" in c.__qualname__]
        assert len(removals) == 1  # one removal task for the whole subtree
        assert found(school_a, "hoi thao") == []
        assert found(school_a, "chuyen muc hoat dong") == []

    def test_private_page_is_not_indexed(
        self, school_a, make_page, in_school, django_capture_on_commit_callbacks
    ):
        from wagtail.models import PageViewRestriction

        page = make_page(school_a, "Hồ sơ nội bộ")
        assert found(school_a, "ho so noi bo") == ["Hồ sơ nội bộ"]
        with in_school(school_a), django_capture_on_commit_callbacks(execute=True):
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.LOGIN
            )
        assert found(school_a, "ho so noi bo") == []
        with in_school(school_a), django_capture_on_commit_callbacks(execute=True):
            restriction.delete()
        assert found(school_a, "ho so noi bo") == ["Hồ sơ nội bộ"]

    def test_move_updates_the_url(
        self, school_a, make_page, in_school, django_capture_on_commit_callbacks
    ):
        target = make_page(school_a, "Hoạt động chuyên môn")
        page = make_page(school_a, "Hội giảng cấp trường")
        with in_school(school_a), django_capture_on_commit_callbacks(execute=True):
            page.move(target, pos="last-child")
        hits = search_school(school_a.schema_name, "hoi giang").hits
        assert [hit.url for hit in hits] == ["/hoat-dong-chuyen-mon/hoi-giang-cap-truong/"]


@pytest.mark.django_db
class OfficialDocumentTests:
    def test_number_summary_and_attachment_text(self, school_a, make_page, in_school):
        from wagtail.documents.models import Document

        with in_school(school_a):
            docx = Document.objects.create(
                title="Phụ lục",
                file=ContentFile(
                    docx_bytes("Danh sách học sinh được miễn giảm học phí"), "pl.docx"
                ),
            )
            pdf = Document.objects.create(
                title="Toàn văn", file=ContentFile(pdf_bytes("Bien ban hop hoi dong"), "vb.pdf")
            )
        make_page(
            school_a,
            "Về việc tuyển sinh lớp 6",
            summary="Hướng dẫn công tác tuyển sinh năm học 2025–2026",
            search_kind="documents",
            search_identifiers=["2326/GDĐT-THCS"],
            search_attachments=[docx, pdf],
        )
        title = "Về việc tuyển sinh lớp 6"
        assert found(school_a, "2326/GDĐT-THCS") == [title]
        assert found(school_a, "huong dan cong tac") == [title]
        assert found(school_a, "miễn giảm học phí") == [title]
        assert found(school_a, "bien ban hop") == [title]
        hit = search_school(school_a.schema_name, "mien giam").hits[0]
        assert hit.kind == "documents"
        assert "<mark>miễn</mark>" in hit.snippet

    def test_unreadable_attachment_does_not_stop_indexing(self, school_a, make_page, in_school):
        from wagtail.documents.models import Document

        with in_school(school_a):
            broken = Document.objects.create(
                title="Tệp hỏng", file=ContentFile(b"%PDF-1.4 garbage", "hong.docx")
            )
        make_page(school_a, "Quyết định khen thưởng", search_attachments=[broken])
        assert found(school_a, "khen thuong") == ["Quyết định khen thưởng"]


@pytest.mark.django_db
class IsolationTests:
    def test_each_school_has_its_own_index(
        self, school_a, school_b, make_page, search_root, search_backend
    ):
        make_page(school_a, "Hội khỏe Phù Đổng trường A")
        make_page(school_b, "Văn nghệ chào mừng trường B")
        assert found(school_a, "hoi khoe phu dong") == ["Hội khỏe Phù Đổng trường A"]
        assert found(school_b, "hoi khoe phu dong") == []
        assert found(school_a, "van nghe chao mung") == []
        if search_backend == "whoosh":
            assert index_path(school_a.schema_name) != index_path(school_b.schema_name)
            assert index_path(school_a.schema_name).parent == search_root


@pytest.mark.django_db
class RebuildCommandTests:
    def test_rebuild_one_school(self, school_a, make_page, capsys):
        page = make_page(school_a, "Kế hoạch ngoại khóa tháng mười")
        index_drop(school_a.schema_name)
        assert not index_exists(school_a.schema_name)
        call_command("rebuild_search_index", school=school_a.slug)
        out = capsys.readouterr().out
        assert "#" in out and "test-a" in out
        assert page.pk in indexed_page_ids(school_a.schema_name)
        assert found(school_a, "ke hoach ngoai khoa") == ["Kế hoạch ngoại khóa tháng mười"]

    def test_unknown_school(self, db):
        with pytest.raises(CommandError):
            call_command("rebuild_search_index", school="khong-co")
