"""People's names in Vietnamese order."""

from __future__ import annotations


def full_name(user) -> str:
    """ "Nguyễn Thị Lan": family and middle names (``last_name``) before the given name.

    Django's ``get_full_name()`` puts the given name first, which reads wrong in Vietnamese.
    Falls back to the username when no name is set.
    """
    if user is None:
        return ""
    name = " ".join(part for part in (user.last_name, user.first_name) if part).strip()
    return name or user.get_username()
