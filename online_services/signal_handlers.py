"""Signals of the online services, connected in ``OnlineServicesConfig.ready()``: files of
applications leave storage with their rows."""

from __future__ import annotations

import logging

from django.db import connection, transaction
from django.db.models.signals import post_delete
from django_tenants.utils import schema_context

logger = logging.getLogger(__name__)


def attachment_file_delete(sender, instance, **kwargs) -> None:
    """After the deleting transaction commits, remove the attachment's file (a child's
    documents must not outlive the application, whether the board deleted it or the
    retention purge erased it)."""
    if not instance.file:
        return
    storage, name = instance.file.storage, instance.file.name
    schema = connection.schema_name  # the storage's folder follows the schema

    def delete() -> None:
        try:
            with schema_context(schema):
                storage.delete(name)
        except OSError:
            logger.exception("Could not delete the attachment file %s", name)

    transaction.on_commit(delete)


def register_signal_handlers() -> None:
    from online_services.models import ApplicationAttachment

    post_delete.connect(
        attachment_file_delete,
        sender=ApplicationAttachment,
        dispatch_uid="online_services_attachment_file_delete",
    )
