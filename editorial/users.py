"""The user admin of a school: the superuser flag is not offered (R10.1).

A school's users are never superusers (``editorial.signal_handlers`` refuses the flag on save
and ``wagtail_hooks`` refuses a form that sets it); the box is also left out of the create and
edit forms for anyone who is not a superuser, so a school's Quản trị viên is not offered a
right they cannot grant. The operator's superusers keep it.
"""

from __future__ import annotations

from wagtail.users.views.users import CreateView, EditView, UserViewSet


def _without_superuser_box(request, form):
    if not request.user.is_superuser:
        form.fields.pop("is_superuser", None)
    return form


class SchoolUserCreateView(CreateView):
    def get_form(self, form_class=None):
        return _without_superuser_box(self.request, super().get_form(form_class))


class SchoolUserEditView(EditView):
    def get_form(self, form_class=None):
        return _without_superuser_box(self.request, super().get_form(form_class))


class SchoolUserViewSet(UserViewSet):
    add_view_class = SchoolUserCreateView
    edit_view_class = SchoolUserEditView
