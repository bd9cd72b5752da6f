"""Admin labels that Wagtail derives from Python names, out of reach of its catalogue (R9.2).

Wagtail's sites listing builds column headers from field names (``Column("port")`` → "Port");
the workflow form's page field, the login form's password field and the image field inside
Wagtail's ``ImageBlock`` take their labels from the attribute name ("Page", "Password",
"Image"). They are given translated labels instead. Called once from core.wagtail_hooks,
after the models (and the blocks of their StreamFields) exist.
"""

from __future__ import annotations

from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy


def wagtail_labels_translate() -> None:
    from wagtail.admin.forms.auth import LoginForm
    from wagtail.admin.forms.workflows import WorkflowPageForm
    from wagtail.images.blocks import ImageBlock
    from wagtail.models import Site, WorkflowPage
    from wagtail.sites.views import IndexView as SiteIndexView

    for column in SiteIndexView.columns:
        if column.name in {"port", "site_name", "root_page"}:
            column.label = capfirst(Site._meta.get_field(column.name).verbose_name)
    WorkflowPageForm.base_fields["page"].label = capfirst(
        WorkflowPage._meta.get_field("page").verbose_name
    )
    login_form = import_string(
        getattr(settings, "WAGTAILADMIN_USER_LOGIN_FORM", "wagtail.admin.forms.auth.LoginForm")
    )
    for form in {LoginForm, login_form}:
        form.base_fields["password"].label = gettext_lazy("Password")
    for block in _stream_blocks():
        if isinstance(block, ImageBlock):
            block.child_blocks["image"].label = gettext_lazy("Image")


def _stream_blocks():
    """Every block of every StreamField of the installed models, nested ones included."""
    from django.apps import apps
    from wagtail.fields import StreamField

    pending = [
        field.stream_block
        for model in apps.get_models()
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    ]
    seen: set[int] = set()
    while pending:
        block = pending.pop()
        if id(block) in seen:
            continue
        seen.add(id(block))
        yield block
        pending.extend(getattr(block, "child_blocks", {}).values())
        if getattr(block, "child_block", None) is not None:
            pending.append(block.child_block)
