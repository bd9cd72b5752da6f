"""Who reads a school's inbox: its board (head, editors, administrators), never the public
schema, never a contributor. The right is ``dispatch.view_dispatchreceipt``, granted to the
board's groups by the section hook (wagtail_hooks.py)."""

from __future__ import annotations

from django.conf import settings
from django.db import connection

INBOX_PERMISSION = "dispatch.view_dispatchreceipt"


def can_read_inbox(request) -> bool:
    return (
        connection.schema_name != settings.PUBLIC_SCHEMA_NAME
        and request.user.is_authenticated
        and request.user.has_perm(INBOX_PERMISSION)
    )
