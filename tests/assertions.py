"""Assertions on what a person sees when the portal turns them away."""

from __future__ import annotations

DENIED = "Rất tiếc, bạn không có quyền truy cập khu vực này."
NOT_FOUND = "Không tìm thấy trang"


def assert_admin_denied(client, response) -> None:
    """A signed-in user without the permission: back on the admin home, told why."""
    assert response.status_code == 302, response.status_code
    assert response["Location"] == "/admin/", response["Location"]
    home = client.get(response["Location"])
    assert home.status_code == 200
    assert DENIED in home.content.decode()


def assert_not_found(response) -> None:
    """Another school's object: the Vietnamese 404 page, as if it did not exist."""
    assert response.status_code == 404, response.status_code
    assert NOT_FOUND in response.content.decode()
