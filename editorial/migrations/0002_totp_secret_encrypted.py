"""TOTP secrets encrypted at rest: widen the column, then re-save every device, which
encrypts the plain secrets stored before (editorial/fields.py)."""

from django.db import migrations

import editorial.fields


def encrypt_existing(apps, schema_editor):
    device_model = apps.get_model("editorial", "TotpDevice")
    for device in device_model.objects.all():
        device.save(update_fields=["secret"])


class Migration(migrations.Migration):
    dependencies = [("editorial", "0001_initial")]

    operations = [
        migrations.AlterField(
            model_name="totpdevice",
            name="secret",
            field=editorial.fields.EncryptedSecretField(max_length=255),
        ),
        migrations.RunPython(encrypt_existing, migrations.RunPython.noop),
    ]
