"""Reads of the editorial app: the role panel, a school's audit trail for the Phòng."""

from __future__ import annotations

from django.contrib.auth.models import Group
from django_tenants.utils import schema_context
from wagtail.models import ModelLogEntry, PageLogEntry

from siteplatform import provisioning


def roles_for_panel(user) -> list[dict]:
    """The four roles with their Vietnamese explanation, the user's own marked (R10.1)."""
    mine = set(user.groups.values_list("name", flat=True)) if user.is_authenticated else set()
    return [
        {
            "name": name,
            "description": provisioning.ROLE_DESCRIPTIONS[role],
            "is_mine": name in mine,
        }
        for role, name in provisioning.ROLE_GROUPS.items()
    ]


def user_has_two_factor(user) -> bool:
    """True when the user has a confirmed authenticator app (the second log-in step is due)."""
    from editorial.models import TotpDevice

    return TotpDevice.objects.filter(user=user, confirmed=True).exists()


def role_names_of(user) -> list[str]:
    return list(Group.objects.filter(user=user).values_list("name", flat=True))


def school_audit_entries(*, school, limit: int = 200) -> list[dict]:
    """The school's latest audit entries, pages and other objects together (R10.4).

    Read inside the school's schema and turned into plain dicts there, so the caller (the
    Phòng's admin in the public schema) never touches the school's tables itself.
    """
    with schema_context(school.schema_name):
        entries = []
        for model in (PageLogEntry, ModelLogEntry):
            queryset = model.objects.select_related("user").order_by("-timestamp")[:limit]
            for entry in queryset:
                entries.append(
                    {
                        "timestamp": entry.timestamp,
                        "action": str(entry.message),
                        "label": entry.label,
                        "user": entry.user_display_name,
                        "comment": entry.comment,
                    }
                )
    entries.sort(key=lambda item: item["timestamp"], reverse=True)
    return entries[:limit]
