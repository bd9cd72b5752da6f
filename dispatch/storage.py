"""Where the operator's dispatch files live: once, outside every school's media.

Not ``MEDIA_ROOT/public/``: ``schools.views.serve_media`` serves that folder to anyone on the
operator's domain, and internal notices must only reach the schools' boards. The folder
``MEDIA_ROOT/_dispatch/`` can never be a schema name (school slugs start with a letter), so
no host serves it; files go out through the inbox and operator views, after permission
checks.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage

DISPATCH_FOLDER = "_dispatch"


class DispatchStorage(FileSystemStorage):
    """A file-system storage rooted at ``MEDIA_ROOT/_dispatch`` whatever the current schema.

    The root is read from settings on every use (not cached), so tests that move
    ``MEDIA_ROOT`` move it too.
    """

    @property
    def base_location(self) -> str:  # type: ignore[override]
        return os.path.join(settings.MEDIA_ROOT, DISPATCH_FOLDER)

    @property
    def location(self) -> str:  # type: ignore[override]
        return os.path.abspath(self.base_location)

    @property
    def base_url(self) -> None:  # type: ignore[override]
        return None


def dispatch_storage() -> DispatchStorage:
    return DispatchStorage()
