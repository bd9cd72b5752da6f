"""TOTP secrets are encrypted at rest with a key from the environment (R10.1)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db import connection
from django_tenants.utils import schema_context

from editorial import fields, totp
from editorial.models import TotpDevice
from editorial.services import totp_code_check, totp_enrol_start


def _stored(device: TotpDevice) -> str:
    with connection.cursor() as cursor:
        cursor.execute("SELECT secret FROM editorial_totpdevice WHERE id = %s", [device.pk])
        return cursor.fetchone()[0]


class TotpEncryptionTests:
    def test_the_database_holds_only_ciphertext_and_codes_still_work(self, school_a):
        with schema_context(school_a.schema_name):
            user = get_user_model().objects.get(username="hieutruong")
            device = totp_enrol_start(user=user)
            secret = TotpDevice.objects.get(pk=device.pk).secret
            stored = _stored(device)
            assert stored.startswith("fernet:") and secret not in stored
            assert totp_code_check(user=user, code=totp.code_at(secret), confirming=True)

    def test_a_plain_secret_from_before_is_encrypted_on_save(self, school_a):
        with schema_context(school_a.schema_name):
            user = get_user_model().objects.get(username="hieutruong")
            device = TotpDevice.objects.create(user=user, secret="")
            plain = totp.secret_generate()
            with connection.cursor() as cursor:  # what the table held before migration 0002
                cursor.execute(
                    "UPDATE editorial_totpdevice SET secret = %s WHERE id = %s", [plain, device.pk]
                )
            device = TotpDevice.objects.get(pk=device.pk)
            assert device.secret == plain, "a legacy plain secret is still read"
            device.save(update_fields=["secret"])  # what the data migration does
            assert _stored(device).startswith("fernet:")
            assert TotpDevice.objects.get(pk=device.pk).secret == plain

    def test_rotation_keeps_old_secrets_readable_and_a_lost_key_fails_closed(
        self, school_a, settings
    ):
        settings.PORTAL_TOTP_KEY = "khoa-cu-9f2b7c1d4e6a8b0c2d4e6f8a0b2c4d6e"
        with schema_context(school_a.schema_name):
            user = get_user_model().objects.get(username="hieutruong")
            device = TotpDevice.objects.create(user=user, secret=totp.secret_generate())
            secret = TotpDevice.objects.get(pk=device.pk).secret
            settings.PORTAL_TOTP_OLD_KEYS = [settings.PORTAL_TOTP_KEY]
            settings.PORTAL_TOTP_KEY = "khoa-moi-1a3c5e7b9d0f2a4c6e8b0d2f4a6c8e0b"
            assert TotpDevice.objects.get(pk=device.pk).secret == secret
            settings.PORTAL_TOTP_OLD_KEYS = []
            assert TotpDevice.objects.get(pk=device.pk).secret == "", "wrong key: no secret"
            assert not totp_code_check(user=user, code=totp.code_at(secret))
        assert fields.PREFIX == "fernet:"
