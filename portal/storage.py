"""S3-compatible media storage with a prefix per school (for scaled-out deployments)."""

from django.db import connection
from storages.backends.s3 import S3Storage


class TenantS3Storage(S3Storage):
    """Stores a school's files under ``<AWS_LOCATION>/<schema>/`` in the bucket."""

    @property
    def location(self) -> str:
        base = self._location if hasattr(self, "_location") else ""
        return "/".join(part for part in (base, connection.schema_name) if part)

    @location.setter
    def location(self, value: str) -> None:
        self._location = value
