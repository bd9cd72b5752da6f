"""URLs of a school's site (every tenant schema)."""

from portal.urls_common import urlpatterns as common
from portal.urls_common import wagtail_patterns

urlpatterns = [*common, *wagtail_patterns]
