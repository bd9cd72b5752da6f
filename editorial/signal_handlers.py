"""Signals of the editorial app, connected in ``EditorialConfig.ready()``."""

from __future__ import annotations

import logging

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.signals import user_logged_in
from django.db import connection
from django.db.models.signals import pre_save

logger = logging.getLogger(__name__)


def on_login(sender, request, user, **kwargs) -> None:
    """Remember in the session whether a second step is due, and start the idle clock."""
    from editorial.services import login_session_start

    if request is None or not hasattr(request, "session"):
        return
    login_session_start(session=request.session, user=user)


def no_superuser_in_schools(sender, instance, **kwargs) -> None:
    """A school's users are never superusers: the platform superuser is the Phòng's (R10.1).

    Safety net under the admin checks (``wagtail_hooks``): whatever path saves a user in a
    school schema, the flag does not stick.
    """
    if instance.is_superuser and connection.schema_name != settings.PUBLIC_SCHEMA_NAME:
        logger.warning(
            "Refused superuser flag for user %r in schema %s",
            instance.get_username(),
            connection.schema_name,
        )
        instance.is_superuser = False


def register_signal_handlers() -> None:
    user_logged_in.connect(on_login, dispatch_uid="editorial_on_login")
    pre_save.connect(
        no_superuser_in_schools,
        sender=get_user_model(),
        dispatch_uid="editorial_no_superuser_in_schools",
    )
