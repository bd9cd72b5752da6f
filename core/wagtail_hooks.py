"""Wagtail hooks of the shared base."""

from __future__ import annotations

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks

from core.admin_labels import wagtail_labels_translate
from core.approval_messages import approval_message_replace
from siteplatform.cache import CACHEABLE_ATTR

wagtail_labels_translate()


@hooks.register("before_serve_page")
def mark_page_cacheable(page, request, serve_args, serve_kwargs) -> None:
    """Only responses of Wagtail's page view may enter the page cache (siteplatform.cache).

    A page model opts out with ``page_cache = False`` (e.g. pages that count their views).
    """
    if not getattr(request, "is_preview", False) and getattr(page, "page_cache", True):
        setattr(request, CACHEABLE_ATTR, True)


@hooks.register("insert_global_admin_js")
def admin_vietnamese_js() -> str:
    """Slug fields fold Vietnamese titles as core.slugs does; literal English labels of
    Wagtail's templates are translated (R9.2)."""
    return format_html('<script src="{}"></script>', static("core/js/admin-vi.js"))


@hooks.register("after_edit_page")
def approval_message(request, page) -> None:
    """After "Phê duyệt" in the editor, say whether the page is now published (R3.3)."""
    if request.method == "POST" and request.POST.get("workflow-action-name") == "approve":
        approval_message_replace(request, page)
