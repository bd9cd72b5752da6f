from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import connection


def is_operator_request(request) -> bool:
    """Platform superusers on the operator's own (public-schema) site only."""
    return (
        connection.schema_name == settings.PUBLIC_SCHEMA_NAME
        and request.user.is_authenticated
        and request.user.is_superuser
    )


def operator_required(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if not is_operator_request(request):
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapper
