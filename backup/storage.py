"""Where built archives are kept: outside every school's media, never served by a host.

``STORAGES["backups"]`` when configured; otherwise, like the dispatch files, an S3 prefix
``<AWS_LOCATION>/_backups/`` with ``MEDIA_S3_BUCKET`` (every web host and worker sees it), or
``DATA_DIR/backups/`` on one machine. Files go out only through the operator's view.
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.files.storage import FileSystemStorage, InvalidStorageError, Storage, storages

STORAGE_ALIAS = "backups"


def backup_storage() -> Storage:
    try:
        return storages[STORAGE_ALIAS]
    except InvalidStorageError:
        pass
    if getattr(settings, "MEDIA_S3_BUCKET", ""):
        from storages.backends.s3 import S3Storage

        location = f"{getattr(settings, 'AWS_LOCATION', '')}/_backups".lstrip("/")
        return S3Storage(location=location, default_acl="private", querystring_auth=True)
    return FileSystemStorage(location=str(Path(settings.DATA_DIR) / "backups"), base_url=None)
