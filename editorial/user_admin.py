"""App config replacing ``wagtail.users`` in INSTALLED_APPS (label still ``wagtailusers``).

Wagtail's user admin with the school-safe create and edit views of ``editorial.users``. In
its own module: ``editorial.apps`` must keep a single AppConfig for Django to pick it.
"""

from wagtail.users.apps import WagtailUsersAppConfig


class SchoolUsersConfig(WagtailUsersAppConfig):
    user_viewset = "editorial.users.SchoolUserViewSet"
