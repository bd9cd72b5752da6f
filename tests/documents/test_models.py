"""Page tree, numbers and issuers of the documents section (R1.4, R4.1)."""

import pytest
from django.core.exceptions import ValidationError

from core.models import SchoolHomePage
from documents.models import DocumentIndexPage, Issuer, OfficialDocumentPage
from tests.documents.factories import index_page, make_document


@pytest.mark.django_db
class DocumentPageTreeTests:
    def test_every_school_has_the_section_at_van_ban(self, school_a, school_b, in_school):
        for school in (school_a, school_b):
            with in_school(school):
                index = DocumentIndexPage.objects.get()
                assert index.slug == "van-ban"
                assert index.title == "Văn bản"
                assert index.live and index.show_in_menus
                assert isinstance(index.get_parent().specific, SchoolHomePage)

    def test_index_only_under_home_and_only_once(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            index = index_page()
            assert not DocumentIndexPage.can_create_at(home)  # one already exists
            assert DocumentIndexPage.max_count_per_parent == 1
            assert DocumentIndexPage.parent_page_types == ["core.SchoolHomePage"]
            assert not DocumentIndexPage.can_create_at(index)

    def test_documents_only_under_the_index(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            assert OfficialDocumentPage.can_create_at(index_page())
            assert not OfficialDocumentPage.can_create_at(home)
            document = make_document()
            assert not OfficialDocumentPage.can_create_at(document)

    def test_section_ensure_is_idempotent(self, school_a, in_school):
        from siteplatform.provisioning import school_sections_ensure

        with in_school(school_a):
            school_sections_ensure()
            school_sections_ensure()
            assert DocumentIndexPage.objects.count() == 1
            assert Issuer.objects.filter(is_own_school=True).count() == 1


@pytest.mark.django_db
class IssuerDefaultsTests:
    def test_defaults_and_the_school_itself(self, school_a, in_school):
        with in_school(school_a):
            names = set(Issuer.objects.values_list("name", flat=True))
            assert {
                "Bộ Giáo dục và Đào tạo",
                "Sở Giáo dục và Đào tạo TP. Hồ Chí Minh",
                "UBND quận Bình Tân",
                "Phòng Giáo dục và Đào tạo quận Bình Tân",
            } <= names
            assert Issuer.objects.get(is_own_school=True).name == school_a.name


@pytest.mark.django_db
class DocumentNumberTests:
    def _new(self, number):
        return OfficialDocumentPage(
            title="Công văn",
            slug="cong-van-moi",
            kind="cong-van",
            number=number,
            issuer=Issuer.objects.get(is_own_school=True),
            issue_date="2024-09-05",
            summary="Về việc thử nghiệm.",
        )

    def test_number_must_not_be_blank(self, school_a, in_school):
        with in_school(school_a), pytest.raises(ValidationError) as error:
            self._new("   ").full_clean(exclude=["path", "depth"])
        assert "number" in error.value.message_dict

    def test_number_unique_per_school_ignoring_case(self, school_a, school_b, in_school):
        with in_school(school_a):
            make_document(number="2326/GDĐT-THCS")
            with pytest.raises(ValidationError) as error:
                self._new(" 2326/gdđt-thcs ").full_clean(exclude=["path", "depth"])
            assert "đã được dùng" in error.value.message_dict["number"][0]
        with in_school(school_b):
            page = self._new("2326/GDĐT-THCS")
            page.full_clean(exclude=["path", "depth"])  # another school may hold the same number

    def test_number_normalised_to_precomposed_unicode(self, school_a, in_school):
        import unicodedata

        with in_school(school_a):
            page = self._new(unicodedata.normalize("NFD", "12/QĐ-THCSNT"))
            page.full_clean(exclude=["path", "depth"])
            assert page.number == "12/QĐ-THCSNT"

    def test_expiry_must_follow_effective_date(self, school_a, in_school):
        with in_school(school_a):
            page = self._new("5/KH-TH")
            page.effective_date = "2024-09-10"
            page.expiry_date = "2024-09-01"
            with pytest.raises(ValidationError) as error:
                page.full_clean(exclude=["path", "depth"])
            assert "expiry_date" in error.value.message_dict
