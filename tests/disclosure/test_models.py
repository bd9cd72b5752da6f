"""Page-tree rules, school-year values and item dates of the công khai section (R5.1–R5.2)."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from core.models import SchoolHomePage
from core.schoolyears import current_school_year
from disclosure.models import DisclosureIndexPage, DisclosureItemPage, DisclosureYearPage
from tests.disclosure.factories import add_item, index_page, year_page


class DisclosurePageTreeTests:
    def test_section_and_current_year_exist_on_a_new_school(self, school_a, in_school):
        with in_school(school_a):
            index = index_page()
            assert index.slug == "cong-khai" and index.live and index.show_in_menus
            assert isinstance(index.get_parent().specific, SchoolHomePage)
            years = DisclosureYearPage.objects.child_of(index)
            assert [p.school_year for p in years] == [current_school_year()]
            assert years.get().slug == current_school_year().replace("–", "-")

    def test_pages_only_go_where_they_belong(self, school_a, in_school):
        with in_school(school_a):
            home = SchoolHomePage.objects.get()
            index = index_page()
            year = year_page(current_school_year())
            assert not DisclosureIndexPage.can_create_at(home)  # max one per school
            assert not DisclosureIndexPage.can_create_at(index)
            assert not DisclosureYearPage.can_create_at(home)
            assert DisclosureYearPage.can_create_at(index)
            assert not DisclosureItemPage.can_create_at(index)
            assert not DisclosureItemPage.can_create_at(home)
            assert DisclosureItemPage.can_create_at(year)
            assert not DisclosureItemPage.can_create_at(Page.get_first_root_node())


class DisclosureYearTests:
    @pytest.mark.parametrize("bad", ["năm nay", "2025", "2025-2027", "Năm học 2025–2026"])
    def test_school_year_refuses_free_text(self, school_a, in_school, bad):
        with in_school(school_a):
            page = DisclosureYearPage(title="Năm học", school_year=bad)
            with pytest.raises(ValidationError) as error:
                index_page().add_child(instance=page)
            assert "school_year" in error.value.message_dict

    def test_hyphenated_year_is_normalised_and_gives_slug_and_title(self, school_a, in_school):
        with in_school(school_a):
            page = index_page().add_child(
                instance=DisclosureYearPage(title="", school_year="2023-2024")
            )
            page.refresh_from_db()
            assert page.school_year == "2023–2024"
            assert page.slug == "2023-2024"
            assert page.title == "Năm học 2023–2024"

    def test_one_page_per_school_year(self, school_a, in_school):
        with in_school(school_a):
            year_page("2024–2025")
            with pytest.raises(ValidationError) as error:
                index_page().add_child(
                    instance=DisclosureYearPage(title="Trùng", school_year="2024-2025")
                )
            assert "đã có trang" in str(error.value)

    def test_admin_form_offers_a_list_and_rejects_a_taken_year(self, school_a, in_school):
        from django.contrib.auth import get_user_model

        with in_school(school_a):
            user = get_user_model().objects.get(username="hieutruong")
            form_class = DisclosureYearPage.get_edit_handler().get_form_class()
            taken = current_school_year()
            form = form_class(
                {"school_year": taken, "title": "", "slug": ""},
                instance=DisclosureYearPage(),
                parent_page=index_page(),
                for_user=user,
            )
            assert not form.is_valid()
            assert "đã có trang" in str(form.errors["school_year"])
            choices = dict(form.fields["school_year"].widget.choices)
            assert taken in choices and "năm nay" not in choices
            free_text = form_class(
                {"school_year": "năm nay", "title": "x", "slug": "x"},
                instance=DisclosureYearPage(),
                parent_page=index_page(),
                for_user=user,
            )
            assert not free_text.is_valid()
            assert "school_year" in free_text.errors


class DisclosureItemTests:
    def test_publication_date_is_kept_when_the_item_is_updated(self, school_a, in_school):
        with in_school(school_a):
            year = year_page(current_school_year())
            item = add_item(
                year,
                title="Mức thu học phí",
                category="tai_chinh",
                published_on=datetime.date(2026, 6, 20),
            )
            item.save_revision().publish()
            item = DisclosureItemPage.objects.get(pk=item.pk)
            item.updated_on = datetime.date(2026, 7, 2)
            item.save_revision().publish()
            item = DisclosureItemPage.objects.get(pk=item.pk)
            assert item.published_on == datetime.date(2026, 6, 20)
            assert item.updated_on == datetime.date(2026, 7, 2)
            assert item.last_updated >= datetime.date(2026, 7, 2)

    def test_dates_are_shown_on_the_item_page(self, school_a, in_school, client_a):
        with in_school(school_a):
            year = year_page(current_school_year())
            item = add_item(
                year,
                title="Thông báo cam kết chất lượng",
                category="cam_ket",
                published_on=datetime.date(2026, 6, 20),
            )
            item.updated_on = datetime.date(2026, 7, 2)
            item.save()
            url = item.url
        body = client_a.get(url).content.decode()
        assert "20/06/2026" in body and "Cập nhật" in body

    def test_update_date_before_publication_is_refused(self, school_a, in_school):
        with in_school(school_a):
            item = DisclosureItemPage(
                title="x",
                slug="x",
                category="cam_ket",
                published_on=datetime.date(2026, 6, 20),
                updated_on=datetime.date(2026, 6, 1),
            )
            with pytest.raises(ValidationError) as error:
                year_page(current_school_year()).add_child(instance=item)
            assert "updated_on" in error.value.message_dict

    def test_kind_must_match_its_category(self, school_a, in_school):
        with in_school(school_a):
            item = DisclosureItemPage(
                title="Thực đơn", slug="td", category="tai_chinh", kind="thuc_don"
            )
            with pytest.raises(ValidationError) as error:
                year_page(current_school_year()).add_child(instance=item)
            assert "kind" in error.value.message_dict
