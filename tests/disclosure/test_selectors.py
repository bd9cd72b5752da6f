"""Coverage of the last three school years (R5.2, R10.2) and kinds by level (R5.3)."""

from core.schoolyears import recent_school_years
from disclosure.kinds import Kind, kinds_for_level, school_level
from disclosure.models import DisclosureItemPage
from disclosure.selectors import coverage
from tests.disclosure.factories import add_item, year_page


class CoverageTests:
    def test_reports_covered_and_missing_categories_per_year(self, school_a, in_school):
        current, previous, oldest = recent_school_years(3)
        with in_school(school_a):
            year = year_page(current)
            add_item(year, title="Cam kết", category="cam_ket")
            add_item(year, title="Học phí", category="tai_chinh")
            add_item(year, title="Bản nháp", category="chat_luong", live=False)
            add_item(year_page(previous), title="Đội ngũ", category="dieu_kien")
            result = coverage(years=3)
        assert [row["school_year"] for row in result] == [current, previous, oldest]
        assert sorted(result[0]["covered"]) == ["cam_ket", "tai_chinh"]
        assert "chat_luong" in result[0]["missing"]  # drafts do not count
        assert result[1]["covered"] == ["dieu_kien"]
        assert result[2] == {
            "school_year": oldest,
            "has_page": False,
            "covered": [],
            "missing": ["cam_ket", "chat_luong", "dieu_kien", "tai_chinh", "thong_tin_chung"],
            "complete": False,
        }
        assert not any(row["complete"] for row in result)

    def test_complete_when_every_category_has_a_live_item(self, school_a, in_school):
        current = recent_school_years(1)[0]
        with in_school(school_a):
            year = year_page(current)
            for category in ["cam_ket", "chat_luong", "dieu_kien", "tai_chinh", "thong_tin_chung"]:
                add_item(year, title=f"Mục {category}", category=category)
            assert coverage(years=1)[0]["complete"]

    def test_coverage_of_a_school_is_its_own(self, school_a, school_b, in_school):
        current = recent_school_years(1)[0]
        with in_school(school_a):
            add_item(year_page(current), title="Cam kết", category="cam_ket")
        with in_school(school_b):
            assert coverage(years=1)[0]["covered"] == []
            assert not DisclosureItemPage.objects.exists()


class LevelKindsTests:
    def test_preschool_gets_the_daily_menu_and_not_textbooks(self):
        kinds = kinds_for_level("mam_non")
        assert Kind.DAILY_MENU in kinds and Kind.ENROLMENT in kinds
        assert Kind.TEXTBOOKS not in kinds and Kind.SELF_EVALUATION not in kinds

    def test_lower_secondary_gets_textbooks_and_accreditation_not_the_menu(self):
        kinds = kinds_for_level("thcs")
        assert Kind.TEXTBOOKS in kinds and Kind.SELF_EVALUATION in kinds
        assert Kind.LAND_AND_ROOMS in kinds
        assert Kind.DAILY_MENU not in kinds

    def test_level_is_read_from_the_schema_outside_a_request(self, school_a, school_b, in_school):
        with in_school(school_a):
            assert school_level() == "thcs"
        with in_school(school_b):
            assert school_level() == "tieu_hoc"

    def test_admin_form_offers_only_the_kinds_of_the_school_level(self, school_a, in_school):
        from django.contrib.auth import get_user_model

        with in_school(school_a):
            user = get_user_model().objects.get(username="hieutruong")
            form_class = DisclosureItemPage.get_edit_handler().get_form_class()
            form = form_class(instance=DisclosureItemPage(), parent_page=None, for_user=user)
            offered = {value for value, _label in form.fields["kind"].choices}
        assert Kind.TEXTBOOKS in offered
        assert Kind.DAILY_MENU not in offered
