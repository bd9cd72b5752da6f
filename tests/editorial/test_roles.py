"""Roles, their rights and the approval workflows of every school (R10.1, R3.3)."""

from django_tenants.utils import schema_context
from wagtail.models import Page, WorkflowPage

from core.models import SchoolHomePage
from siteplatform import provisioning


class RolesTests:
    def test_every_school_has_the_four_roles_and_the_workflow(self, school_a, school_b):
        for school in (school_a, school_b):
            with schema_context(school.schema_name):
                for role in provisioning.ROLE_GROUPS:
                    provisioning.role_group(role)
                home = SchoolHomePage.objects.get()
                assert home.get_workflow().name == provisioning.WORKFLOW_DEFAULT
                root = Page.get_first_root_node()
                assert WorkflowPage.objects.get(page=root).workflow.name == "Duyệt bài"

    def test_contributor_has_no_publish_right(self, school_a, contributor_a, draft_page):
        with schema_context(school_a.schema_name):
            perms = Page.objects.get(pk=draft_page.pk).permissions_for_user(contributor_a)
            assert perms.can_edit()
            assert not perms.can_publish()

    def test_editor_publishes_news_only(self, school_a, make_user):
        editor = make_user(school_a, provisioning.ROLE_EDITOR, "bientap")
        with schema_context(school_a.schema_name):
            home = SchoolHomePage.objects.get()
            news = home.get_children().filter(slug=provisioning.NEWS_SECTION_SLUG).first()
            if news is None:  # the news app is not in this branch: make a stand-in section
                news = home.add_child(instance=Page(title="Tin tức", slug="tin-tuc"))
                provisioning.roles_ensure()
            other = home.add_child(instance=Page(title="Giới thiệu", slug="gioi-thieu-x"))
            assert news.permissions_for_user(editor).can_publish()
            assert not other.permissions_for_user(editor).can_publish()
            assert news.specific.get_workflow().name == provisioning.WORKFLOW_NEWS
            assert other.get_workflow().name == provisioning.WORKFLOW_DEFAULT

    def test_roles_are_explained_in_vietnamese_on_the_dashboard(self, client_a):
        from tests.editorial.conftest import HEAD, login

        login(client_a, HEAD)
        body = client_a.get("/admin/").content.decode()
        assert "Cộng tác viên" in body
        assert "không được xuất bản" in body
        assert "vai trò của bạn" in body
