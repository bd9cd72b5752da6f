"""People's names in Vietnamese order."""

from __future__ import annotations


def _family_name_first(user) -> str:
    return " ".join(part for part in (user.last_name, user.first_name) if part).strip()


def full_name(user) -> str:
    """ "Nguyễn Thị Lan": family and middle names (``last_name``) before the given name;
    the username when no name is set, "" for no user."""
    if user is None:
        return ""
    return _family_name_first(user) or user.get_username()


def use_vietnamese_name_order() -> None:
    """Make ``User.get_full_name()`` read "Nguyễn Thị Lan" everywhere it is shown (the
    Wagtail admin's account menu, user listings, revisions, workflow history, moderation
    mails), not Django's "Lan Nguyễn Thị".

    A method replaced on Django's ``User`` at start-up (``CoreConfig.ready``) rather than a
    custom user model: swapping ``AUTH_USER_MODEL`` on a deployed platform means migrating
    the auth tables of every school schema, for a display order.
    """
    from django.contrib.auth import get_user_model

    get_user_model().get_full_name = _family_name_first
