"""A school's user forms offer no superuser box (R10.1)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context

from siteplatform import provisioning
from tests.conftest import PASSWORD
from tests.editorial.conftest import login


class SchoolUserFormTests:
    def test_administrator_sees_no_superuser_box(self, client_a, school_a, make_user):
        make_user(school_a, provisioning.ROLE_ADMINISTRATOR, "quantri")
        editor = make_user(school_a, provisioning.ROLE_EDITOR, "bientap")
        login(client_a, "quantri")
        for url in ("/admin/users/new/", f"/admin/users/edit/{editor.pk}/"):
            response = client_a.get(url)
            assert response.status_code == 200, url
            html = response.content.decode()
            assert 'name="groups"' in html, url  # the roles tab is still there
            assert 'name="is_superuser"' not in html, url

    def test_administrator_still_creates_a_user(self, client_a, school_a, make_user):
        make_user(school_a, provisioning.ROLE_ADMINISTRATOR, "quantri")
        login(client_a, "quantri")
        with schema_context(school_a.schema_name):
            editors = provisioning.role_group(provisioning.ROLE_EDITOR)
        response = client_a.post(
            "/admin/users/new/",
            {
                "username": "giaovienmoi",
                "email": "giaovienmoi.testa@pgdbinhtan.edu.vn",
                "first_name": "Lan",
                "last_name": "Nguyễn Thị",
                "password1": PASSWORD,
                "password2": PASSWORD,
                "groups": [str(editors.pk)],
            },
        )
        assert response.status_code == 302, response.content.decode()[:2000]
        with schema_context(school_a.schema_name):
            created = get_user_model().objects.get(username="giaovienmoi")
            assert not created.is_superuser
            assert created.groups.filter(pk=editors.pk).exists()
