"""URLs of the operator's portal (the public schema)."""

from django.urls import path

from portal.urls_common import urlpatterns as common
from portal.urls_common import wagtail_patterns
from sitesearch.views import search

urlpatterns = [*common, path("tim-kiem/", search, name="search"), *wagtail_patterns]
