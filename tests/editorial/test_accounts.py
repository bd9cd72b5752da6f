"""Sign-in security: school isolation, lockout, password reset, two-step sign-in (R10.1)."""

from django.contrib.auth import get_user_model
from django_tenants.utils import schema_context

from editorial import throttle, totp
from editorial.models import TotpDevice
from siteplatform import provisioning
from tests.conftest import PASSWORD
from tests.editorial.conftest import HEAD, login


def _signed_in(client) -> bool:
    response = client.get("/admin/")
    return response.status_code == 200


class SchoolIsolationTests:
    def test_user_of_school_a_cannot_sign_in_to_school_b(
        self, client_a, client_b, school_a, make_user
    ):
        make_user(school_a, provisioning.ROLE_EDITOR, "chiotruonga")
        login(client_b, "chiotruonga")
        assert not _signed_in(client_b)
        login(client_a, "chiotruonga")
        assert _signed_in(client_a)

    def test_session_of_school_a_means_nothing_on_school_b(self, client_a, school_b):
        login(client_a, HEAD)
        assert _signed_in(client_a)
        cookie = client_a.cookies["sessionid"].value
        from django.test import Client

        other = Client(HTTP_HOST="test-b.localhost")
        other.cookies["sessionid"] = cookie
        assert not _signed_in(other)


class LockoutTests:
    def test_five_failures_lock_the_user_even_with_the_right_password(self, client_a, client_b):
        for _attempt in range(throttle.USER_MAX_FAILURES):
            response = login(client_a, HEAD, "sai-mat-khau")
            assert response.status_code == 200
        response = login(client_a, HEAD)
        assert "tạm bị khoá" in response.content.decode()
        assert not _signed_in(client_a)
        # The same user name of another school is not affected.
        login(client_b, HEAD)
        assert _signed_in(client_b)

    def test_many_failures_from_one_ip_lock_that_ip(self, client_a):
        for attempt in range(throttle.IP_MAX_FAILURES):
            login(client_a, f"khong-co-{attempt}", "sai-mat-khau")
        response = login(client_a, HEAD)
        assert "tạm bị khoá" in response.content.decode()
        assert not _signed_in(client_a)

    def test_a_redis_outage_does_not_lift_the_lock(self, client_a, redis_down):
        for _attempt in range(throttle.USER_MAX_FAILURES):
            login(client_a, HEAD, "sai-mat-khau")
        response = login(client_a, HEAD)
        assert "tạm bị khoá" in response.content.decode()

    def test_a_success_clears_earlier_failures(self, client_a):
        for _attempt in range(throttle.USER_MAX_FAILURES - 1):
            login(client_a, HEAD, "sai-mat-khau")
        login(client_a, HEAD)
        assert _signed_in(client_a)
        client_a.post("/admin/logout/")
        login(client_a, HEAD, "sai-mat-khau")
        login(client_a, HEAD)
        assert _signed_in(client_a)


class UserManagementTests:
    def _edit(self, client, user, **extra):
        data = {
            "username": user.username,
            "email": user.email,
            "first_name": "Minh",
            "last_name": "Trần Văn",
            "is_active": "on",
            "groups": [str(g.pk) for g in user.groups.all()],
            **extra,
        }
        return client.post(f"/admin/users/edit/{user.pk}/", data)

    def test_head_resets_an_editors_password(self, client_a, school_a, make_user):
        editor = make_user(school_a, provisioning.ROLE_EDITOR, "bientap")
        login(client_a, HEAD)
        new_password = "Hoa-Phuong-Do-2026"
        response = self._edit(client_a, editor, password1=new_password, password2=new_password)
        assert response.status_code == 302
        client_a.post("/admin/logout/")
        login(client_a, "bientap", new_password)
        assert _signed_in(client_a)

    def test_weak_password_is_refused(self, client_a, school_a, make_user):
        editor = make_user(school_a, provisioning.ROLE_EDITOR, "bientap")
        login(client_a, HEAD)
        self._edit(client_a, editor, password1="12345678", password2="12345678")
        with schema_context(school_a.schema_name):
            assert get_user_model().objects.get(pk=editor.pk).check_password(PASSWORD)

    def test_nobody_in_a_school_becomes_superuser(self, client_a, school_a, make_user):
        editor = make_user(school_a, provisioning.ROLE_EDITOR, "bientap")
        login(client_a, HEAD)
        self._edit(client_a, editor, is_superuser="on")
        with schema_context(school_a.schema_name):
            assert not get_user_model().objects.get(pk=editor.pk).is_superuser
            head = get_user_model().objects.get(username=HEAD)
            head.is_superuser = True
            head.save()
            head.refresh_from_db()
            assert not head.is_superuser

    def test_administrator_cannot_make_someone_head(self, client_a, school_a, make_user):
        make_user(school_a, provisioning.ROLE_ADMINISTRATOR, "quantri")
        editor = make_user(school_a, provisioning.ROLE_EDITOR, "bientap")
        with schema_context(school_a.schema_name):
            head_group = provisioning.role_group(provisioning.ROLE_HEAD)
        login(client_a, "quantri")
        self._edit(client_a, editor, groups=[str(head_group.pk)])
        with schema_context(school_a.schema_name):
            assert not editor.groups.filter(pk=head_group.pk).exists()


class TwoFactorTests:
    def test_rfc_6238_reference_vector(self):
        # RFC 6238 appendix B, SHA-1, T = 59 s: 94287082 (8 digits) → last 6 digits.
        import base64

        secret = base64.b32encode(b"12345678901234567890").decode()
        assert totp.code_at(secret, now=59) == "287082"
        assert totp.code_verify(secret, "287082", now=59) == 1
        assert totp.code_verify(secret, "287082", last_step=1, now=59) == 0

    def test_enrolled_head_needs_a_code_after_the_password(self, client_a, school_a):
        login(client_a, HEAD)
        client_a.get("/admin/xac-thuc-hai-buoc/")
        with schema_context(school_a.schema_name):
            secret = TotpDevice.objects.get(user__username=HEAD).secret
        client_a.post("/admin/xac-thuc-hai-buoc/", {"code": totp.code_at(secret)})
        with schema_context(school_a.schema_name):
            assert TotpDevice.objects.get(user__username=HEAD).confirmed
        client_a.post("/admin/logout/")

        login(client_a, HEAD)
        response = client_a.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/xac-thuc-hai-buoc/nhap-ma/")
        response = client_a.post("/admin/xac-thuc-hai-buoc/nhap-ma/", {"code": "000000"})
        assert "không đúng" in response.content.decode()
        with schema_context(school_a.schema_name):
            TotpDevice.objects.filter(user__username=HEAD).update(last_step=0)
        client_a.post(
            "/admin/xac-thuc-hai-buoc/nhap-ma/", {"code": totp.code_at(secret), "next": "/admin/"}
        )
        assert _signed_in(client_a)

    def test_contributor_cannot_enrol(self, client_a, school_a, contributor_a):
        login(client_a, "congtacvien")
        response = client_a.get("/admin/xac-thuc-hai-buoc/")
        assert response.status_code == 302  # Wagtail turns PermissionDenied into a redirect
        with schema_context(school_a.schema_name):
            assert not TotpDevice.objects.exists()


class IdleExpiryTests:
    def test_idle_admin_session_is_closed(self, client_a, school_a):
        from editorial.middleware import IDLE_SECONDS, SESSION_LAST_SEEN

        login(client_a, HEAD)
        assert _signed_in(client_a)
        with schema_context(school_a.schema_name):  # session keys carry the schema
            session = client_a.session
            session[SESSION_LAST_SEEN] -= IDLE_SECONDS + 5
            session.save()
        response = client_a.get("/admin/")
        assert response.status_code == 302
        assert response["Location"].startswith("/admin/login/")
        assert not _signed_in(client_a)
