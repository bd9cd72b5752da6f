"""Vietnamese name order wherever the admin shows a person (family name first)."""

from django.contrib.auth import get_user_model
from wagtail.admin.utils import get_user_display_name

from core.names import full_name
from tests.conftest import PASSWORD
from tests.core.test_admin_language import _sidebar_labels


def test_full_name_puts_the_family_name_first(db):
    user = get_user_model()(username="lan", first_name="Lan", last_name="Nguyễn Thị")
    assert user.get_full_name() == "Nguyễn Thị Lan"
    assert get_user_display_name(user) == "Nguyễn Thị Lan"
    assert full_name(user) == "Nguyễn Thị Lan"
    assert get_user_display_name(get_user_model()(username="khongten")) == "khongten"


def test_the_admin_account_menu_shows_the_vietnamese_order(client_a, in_school, school_a):
    with in_school(school_a):
        get_user_model().objects.filter(username="hieutruong").update(
            first_name="Lan", last_name="Nguyễn Thị"
        )
    client_a.post("/admin/login/", {"username": "hieutruong", "password": PASSWORD})
    # The sidebar greets by the given name, as Vietnamese colleagues address each other.
    assert '"name": "Lan"' in _sidebar_labels(client_a.get("/admin/").content.decode())
    users = client_a.get("/admin/users/")
    assert users.status_code == 200
    assert "Nguyễn Thị Lan" in users.content.decode()
    assert "Lan Nguyễn Thị" not in users.content.decode()
