"""Writes of the editorial app: two-step sign-in, scheduled publishing, the register export."""

from __future__ import annotations

import io
import logging

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tenants.utils import schema_context

from editorial import totp
from editorial.models import EmailAccount, TotpDevice
from siteplatform import provisioning

logger = logging.getLogger(__name__)

TWO_FACTOR_ROLES = (provisioning.ROLE_HEAD, provisioning.ROLE_ADMINISTRATOR)
# Who keeps the staff e-mail register (R10.3).
REGISTER_ROLES = (provisioning.ROLE_HEAD, provisioning.ROLE_ADMINISTRATOR)


def editorial_roles_ensure() -> None:
    """Roles and workflows again once the sections exist, plus the register's rights."""
    provisioning.roles_ensure()
    provisioning.model_permissions_grant(
        "editorial",
        ["emailaccount"],
        {role: ["add", "change", "delete", "view"] for role in REGISTER_ROLES},
    )


def user_may_use_two_factor(user) -> bool:
    names = [provisioning.ROLE_GROUPS[role] for role in TWO_FACTOR_ROLES]
    return user.is_authenticated and (
        user.is_superuser or Group.objects.filter(user=user, name__in=names).exists()
    )


def totp_enrol_start(*, user) -> TotpDevice:
    """A new unconfirmed secret (a confirmed device is kept until it is switched off)."""
    device = TotpDevice.objects.filter(user=user).first()
    if device is None:
        device = TotpDevice.objects.create(user=user, secret=totp.secret_generate())
    elif not device.confirmed:
        device.secret = totp.secret_generate()
        device.save(update_fields=["secret"])
    return device


def totp_code_check(*, user, code: str, confirming: bool = False) -> bool:
    """Check a code against the user's device and remember its step (no replay)."""
    with transaction.atomic():
        device = TotpDevice.objects.select_for_update().filter(user=user).first()
        if device is None or device.confirmed == confirming:
            return False
        step = totp.code_verify(device.secret, code, last_step=device.last_step)
        if not step:
            return False
        device.last_step = step
        device.confirmed = True
        device.save(update_fields=["last_step", "confirmed"])
    if confirming:
        logger.info("User %s enrolled two-step sign-in in %s", user.pk, connection.schema_name)
    return True


def totp_disable(*, user) -> None:
    TotpDevice.objects.filter(user=user).delete()
    logger.info("User %s switched off two-step sign-in in %s", user.pk, connection.schema_name)


def scheduled_publish_run() -> int:
    """Publish what is due in every school (R3.3); returns how many schools were visited.

    Wagtail's ``publish_scheduled`` command works on the current schema only, so it is run
    in each school's schema in turn.
    """
    from schools.selectors import school_list

    count = 0
    for school in school_list():
        with schema_context(school.schema_name):
            call_command("publish_scheduled")
        count += 1
    return count


def email_register_xlsx(*, school_name: str) -> bytes:
    """The register in the layout of seed 004's annex ("DANH SÁCH ĐĂNG KÝ SỬ DỤNG EMAIL").

    The annex's columns (STT, Họ và tên, Chức vụ) come first; the official address, unit,
    phone and status follow, so the Phòng can create the mailboxes from the same sheet.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Border, Font, Side

    from siteplatform.validators import official_email_domains

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Danh sách"
    bold = Font(bold=True)
    centre = Alignment(horizontal="center", vertical="center", wrap_text=True)
    thin = Side(style="thin")
    box = Border(left=thin, right=thin, top=thin, bottom=thin)
    headings = [
        _("STT"),
        _("Họ và tên"),
        _("Chức vụ"),
        _("Bộ phận"),
        _("Thư điện tử đăng ký"),
        _("Số điện thoại"),
        _("Trạng thái"),
    ]
    last_col = len(headings)
    today = timezone.localdate()

    def line(row: int, text: str, *, font=None, align=None) -> None:
        sheet.merge_cells(start_row=row, start_column=1, end_row=row, end_column=last_col)
        cell = sheet.cell(row=row, column=1, value=text)
        cell.font = font or Font()
        cell.alignment = align or Alignment(horizontal="left")

    line(1, settings.PORTAL_OPERATOR_NAME.upper(), font=bold)
    line(2, _("TRƯỜNG: %(name)s") % {"name": school_name}, font=bold)
    line(
        3,
        _("ngày %(d)02d tháng %(m)02d năm %(y)d")
        % {"d": today.day, "m": today.month, "y": today.year},
        align=Alignment(horizontal="right"),
    )
    line(4, _("Kính gửi: %(operator)s") % {"operator": settings.PORTAL_OPERATOR_NAME})
    line(6, _("DANH SÁCH ĐĂNG KÝ SỬ DỤNG EMAIL"), font=Font(bold=True, size=14), align=centre)
    line(
        7,
        "Tên_người_dùng.Tên_trường@" + (official_email_domains() or ["edu.vn"])[0],
        align=centre,
    )
    header_row = 9
    for col, heading in enumerate(headings, start=1):
        cell = sheet.cell(row=header_row, column=col, value=str(heading))
        cell.font, cell.alignment, cell.border = bold, centre, box
    row = header_row
    for number, account in enumerate(EmailAccount.objects.order_by("sort_order", "full_name"), 1):
        row = header_row + number
        values = [
            number,
            account.full_name,
            account.title,
            account.unit,
            account.email,
            account.phone,
            str(account.get_status_display()),
        ]
        for col, value in enumerate(values, start=1):
            cell = sheet.cell(row=row, column=col, value=value)
            cell.border = box
    row += 2
    sheet.cell(row=row, column=2, value=_("Người lập danh sách: ....................."))
    sheet.cell(row=row, column=5, value=_("HIỆU TRƯỞNG")).font = bold
    sheet.cell(row=row + 1, column=2, value=_("Số điện thoại: ....................."))
    for col, width in enumerate((6, 28, 22, 22, 40, 16, 16), start=1):
        sheet.column_dimensions[chr(64 + col)].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def login_session_start(*, session, user) -> None:
    """After a log-in: whether the second step is due, and the idle clock started."""
    import time

    from editorial.middleware import SESSION_LAST_SEEN, SESSION_OTP_OK, SESSION_OTP_REQUIRED
    from editorial.selectors import user_has_two_factor

    session[SESSION_OTP_REQUIRED] = user_has_two_factor(user)
    session.pop(SESSION_OTP_OK, None)
    session[SESSION_LAST_SEEN] = time.time()
