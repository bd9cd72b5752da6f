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


def use_vietnamese_name_order() -> None:
    """Make ``User.get_full_name()`` read "Nguyễn Thị Lan" everywhere it is shown (the
    Wagtail admin's account menu, user listings, revisions, workflow history, moderation
    mails), not Django's "Lan Nguyễn Thị".

    A method replaced on Django's ``User`` at start-up (``CoreConfig.ready``) rather than a
    custom user model: swapping ``AUTH_USER_MODEL`` on a deployed platform means migrating
    the auth tables of every school schema, for a display order.
    """
    from django.contrib.auth import get_user_model

    def get_full_name(self) -> str:
        return " ".join(part for part in (self.last_name, self.first_name) if part).strip()

    get_user_model().get_full_name = get_full_name
