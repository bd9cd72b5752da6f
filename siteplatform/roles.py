"""The editorial roles of a school (R10.1): their groups, page, collection and model rights,
and the approval workflows (R3.3).

Every function is idempotent and works in the *current* schema. ``siteplatform.provisioning``
re-exports the names content apps use (``provisioning.ROLE_HEAD``, ``model_permissions_grant``).
"""

from __future__ import annotations

from django.contrib.auth.models import Group, Permission
from django.utils.translation import gettext_lazy as _
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

ROLE_HEAD = "head"
ROLE_EDITOR = "editor"
ROLE_CONTRIBUTOR = "contributor"
ROLE_ADMINISTRATOR = "administrator"

# Group names are what a school's board sees in the admin (R10.1).
ROLE_GROUPS = {
    ROLE_HEAD: "Trưởng ban biên tập",
    ROLE_EDITOR: "Biên tập viên",
    ROLE_CONTRIBUTOR: "Cộng tác viên",
    ROLE_ADMINISTRATOR: "Quản trị viên",
}
ROLE_DESCRIPTIONS = {
    ROLE_HEAD: _(
        "Duyệt và xuất bản mọi nội dung, quản lý tài khoản của trường, xem nhật ký hoạt động."
    ),
    ROLE_EDITOR: _("Viết và sửa mọi chuyên mục, xuất bản tin tức, duyệt tin do cộng tác viên gửi."),
    ROLE_CONTRIBUTOR: _(
        "Giáo viên, tổ chuyên môn, Công đoàn, Đoàn – Đội: viết bản nháp và gửi duyệt; "
        "không được xuất bản."
    ),
    ROLE_ADMINISTRATOR: _("Cài đặt trang, giao diện, trình đơn, tài khoản; không duyệt nội dung."),
}
# Rights on the whole page tree (granted on the root page). roles_ensure() keeps exactly
# these at the root, so a right removed here is removed from existing schools too.
_PAGE_PERMISSIONS = {
    ROLE_HEAD: [
        "add_page",
        "change_page",
        "publish_page",
        "bulk_delete_page",
        "lock_page",
        "unlock_page",
    ],
    ROLE_EDITOR: ["add_page", "change_page", "lock_page"],
    ROLE_CONTRIBUTOR: ["add_page", "change_page"],
    ROLE_ADMINISTRATOR: [],
}
# Editors publish news themselves (R10.1): publish right on the news section only.
NEWS_SECTION_SLUG = "tin-tuc"
_NEWS_PERMISSIONS = {ROLE_EDITOR: ["publish_page"]}

# The approval workflows (R3.3). "Duyệt bài" covers the whole tree: the head approves.
# The news section has its own, where the head or an editor approves.
WORKFLOW_DEFAULT = "Duyệt bài"
WORKFLOW_NEWS = "Duyệt tin tức"
_TASK_DEFAULT = "Trưởng ban biên tập duyệt"
_TASK_NEWS = "Ban biên tập duyệt tin"
_COLLECTION_PERMISSIONS = {
    ROLE_HEAD: [
        "add_image",
        "change_image",
        "delete_image",
        "choose_image",
        "add_document",
        "change_document",
        "delete_document",
        "choose_document",
    ],
    ROLE_EDITOR: [
        "add_image",
        "change_image",
        "choose_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
    ROLE_CONTRIBUTOR: ["add_image", "choose_image", "add_document", "choose_document"],
    ROLE_ADMINISTRATOR: ["choose_image", "choose_document"],
}
_MODEL_PERMISSIONS = {
    ROLE_HEAD: [
        ("wagtailadmin", "access_admin"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("auth", "delete_user"),
        # To tune who approves which section (R3.3 "per section").
        ("wagtailcore", "add_workflow"),
        ("wagtailcore", "change_workflow"),
        ("wagtailcore", "add_task"),
        ("wagtailcore", "change_task"),
    ],
    ROLE_EDITOR: [("wagtailadmin", "access_admin")],
    ROLE_CONTRIBUTOR: [("wagtailadmin", "access_admin")],
    ROLE_ADMINISTRATOR: [
        ("wagtailadmin", "access_admin"),
        ("auth", "add_user"),
        ("auth", "change_user"),
        ("core", "change_schoolprofile"),
        ("core", "change_themesettings"),
        ("wagtailredirects", "add_redirect"),
        ("wagtailredirects", "change_redirect"),
        ("wagtailredirects", "delete_redirect"),
    ],
}


def role_group(role: str) -> Group:
    return Group.objects.get(name=ROLE_GROUPS[role])


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


def _page_permissions_sync(group: Group, page: Page, codenames: list[str]) -> None:
    """Give ``group`` exactly ``codenames`` on ``page`` (other pages are left alone)."""
    wanted = [_page_permission(codename) for codename in codenames]
    GroupPagePermission.objects.filter(group=group, page=page).exclude(
        permission__in=wanted
    ).delete()
    for permission in wanted:
        GroupPagePermission.objects.get_or_create(group=group, page=page, permission=permission)


def _approval_workflow(workflow_name: str, task_name: str, roles: list[str]) -> Workflow:
    task = GroupApprovalTask.objects.filter(name=task_name).first()
    if task is None:
        task = GroupApprovalTask.objects.create(name=task_name)
    task.groups.set([role_group(role) for role in roles])
    if not task.active:
        task.active = True
        task.save(update_fields=["active"])
    workflow, _created = Workflow.objects.get_or_create(name=workflow_name)
    if not workflow.active:
        workflow.active = True
        workflow.save(update_fields=["active"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    return workflow


def workflows_ensure() -> None:
    """Draft → approval → publish for every page of the school (R3.3).

    "Duyệt bài" is assigned to the root and the home page, so every page inherits it; the
    news section (when it exists) gets "Duyệt tin tức", approved by the head or an editor.
    Wagtail's own "Moderators approval" workflow is switched off (its group is gone).
    """
    default = _approval_workflow(WORKFLOW_DEFAULT, _TASK_DEFAULT, [ROLE_HEAD])
    news = _approval_workflow(WORKFLOW_NEWS, _TASK_NEWS, [ROLE_HEAD, ROLE_EDITOR])
    Workflow.objects.exclude(pk__in=[default.pk, news.pk]).update(active=False)
    # Wagtail's "Moderators approval" task too: the task list shows only the school's own.
    Task.objects.exclude(workflow_tasks__workflow__in=[default, news]).update(active=False)
    root = Page.get_first_root_node()
    for page in [root, *Page.objects.filter(depth=2)]:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": default})
    for section in _news_sections():
        WorkflowPage.objects.update_or_create(page=section, defaults={"workflow": news})


def _news_sections():
    return Page.objects.filter(depth=3, slug=NEWS_SECTION_SLUG)


def model_permissions_grant(
    app_label: str, models: list[str], actions: dict[str, list[str]]
) -> None:
    """Give each role Django model permissions, e.g. on an app's snippets (additive).

    ``actions`` maps a role to actions: ``{ROLE_HEAD: ["add", "change", "delete"]}``.
    Content apps call this from their section hook, so every school gets the rights.
    """
    permissions_grant(
        app_label,
        {
            role: [f"{action}_{model}" for action in role_actions for model in models]
            for role, role_actions in actions.items()
        },
    )


def permissions_grant(app_label: str, codenames: dict[str, list[str]]) -> None:
    """Give each role the named Django permissions of one app (additive, idempotent).

    ``codenames`` maps a role to codenames: ``{ROLE_HEAD: ["change_feedbacksettings"]}``.
    A role whose group does not exist yet, or a codename unknown here, is skipped.
    """
    for role, role_codenames in codenames.items():
        group = Group.objects.filter(name=ROLE_GROUPS[role]).first()
        if group is None:
            continue
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label=app_label, codename__in=role_codenames
            )
        )


def roles_ensure() -> None:
    """The four editorial roles, their rights and the approval workflows (R10.1, R3.3).

    Idempotent; run again after the sections exist (the editorial app does it from its
    ``portal_ensure_school_sections`` hook) so the news section gets its own rights.
    """
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    for role, name in ROLE_GROUPS.items():
        group, _created = Group.objects.get_or_create(name=name)
        _page_permissions_sync(group, root, _PAGE_PERMISSIONS[role])
        for section in _news_sections():
            _page_permissions_sync(group, section, _NEWS_PERMISSIONS.get(role, []))
        for codename in _COLLECTION_PERMISSIONS[role]:
            app_label = "wagtailimages" if codename.endswith("image") else "wagtaildocs"
            GroupCollectionPermission.objects.get_or_create(
                group=group,
                collection=collection,
                permission=Permission.objects.get(
                    content_type__app_label=app_label, codename=codename
                ),
            )
        for app_label, codename in _MODEL_PERMISSIONS[role]:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )
    # Wagtail's own demo groups would only confuse a school's board.
    Group.objects.filter(name__in=["Moderators", "Editors"]).delete()
    workflows_ensure()
