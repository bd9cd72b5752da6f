"""Where the operator's dispatch files live: once, outside every school's media.

The ``dispatch`` entry of ``STORAGES`` decides (settings/base.py): on disk it is
``DispatchStorage`` (``MEDIA_ROOT/_dispatch/``), with ``MEDIA_S3_BUCKET`` an S3 storage under
``<prefix>/_dispatch/`` of the bucket, so a scaled-out deployment's workers all see them.

Not ``MEDIA_ROOT/public/``: ``schools.views.serve_media`` serves that folder to anyone on the
operator's domain, and internal notices must only reach the schools' boards. The folder
``_dispatch`` can never be a schema name (school slugs start with a letter), so no host
serves it; files go out through the inbox and operator views, after permission checks.
"""

from __future__ import annotations

import os

from django.conf import settings
from django.core.files.storage import FileSystemStorage, InvalidStorageError, Storage, storages

DISPATCH_FOLDER = "_dispatch"
STORAGE_ALIAS = "dispatch"


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


class ConfiguredDispatchStorage(Storage):
    """The storage of ``STORAGES["dispatch"]``, looked up on every call.

    A model field binds its storage once, at import; looking the backend up each time lets
    settings overrides (tests) and the configured backend apply.
    """

    @staticmethod
    def backend() -> Storage:
        try:
            return storages[STORAGE_ALIAS]
        except InvalidStorageError:
            return DispatchStorage()

    def open(self, name, mode="rb"):
        return self.backend().open(name, mode)

    def save(self, name, content, max_length=None):
        return self.backend().save(name, content, max_length=max_length)

    def delete(self, name):
        return self.backend().delete(name)

    def exists(self, name):
        return self.backend().exists(name)

    def size(self, name):
        return self.backend().size(name)

    def listdir(self, path):
        return self.backend().listdir(path)

    def url(self, name):
        return self.backend().url(name)

    def path(self, name):
        return self.backend().path(name)

    def generate_filename(self, filename):
        return self.backend().generate_filename(filename)

    def get_available_name(self, name, max_length=None):
        return self.backend().get_available_name(name, max_length=max_length)


def dispatch_storage() -> Storage:
    return ConfiguredDispatchStorage()
