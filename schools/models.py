"""The tenant registry: one row per school (and one for the operator's public schema).

Lives in the public schema only. The platform superusers (the operator's staff) see it in
the operator dashboard; school users never do.
"""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from django_tenants.models import DomainMixin, TenantMixin


class SchoolLevel(models.TextChoices):
    PRESCHOOL = "mam_non", _("Nhà trẻ / Mầm non")
    PRIMARY = "tieu_hoc", _("Tiểu học")
    LOWER_SECONDARY = "thcs", _("Trung học cơ sở")
    PRIMARY_LOWER_SECONDARY = "th_thcs", _("Tiểu học và Trung học cơ sở")
    UPPER_SECONDARY = "thpt", _("Trung học phổ thông")
    CONTINUING = "gdtx", _("Trung tâm Giáo dục thường xuyên")


class Ownership(models.TextChoices):
    PUBLIC = "cong_lap", _("Công lập")
    PRIVATE = "ngoai_cong_lap", _("Ngoài công lập")


class SchoolStatus(models.TextChoices):
    ACTIVE = "active", _("Đang hoạt động")
    SUSPENDED = "suspended", _("Tạm ngừng")


class School(TenantMixin):
    """A school, with its own PostgreSQL schema (R1.1).

    Two special rows: the operator's portal (schema ``public``) and the template schema
    (``is_template``) that new schools are cloned from. Neither is a school: use
    ``School.objects.schools()`` for listings, audits and fan-outs.
    """

    name = models.CharField(_("tên trường"), max_length=200)
    slug = models.SlugField(_("mã trường (slug)"), max_length=63, unique=True)
    level = models.CharField(_("cấp học"), max_length=16, choices=SchoolLevel.choices, blank=True)
    ownership = models.CharField(
        _("loại hình"), max_length=16, choices=Ownership.choices, default=Ownership.PUBLIC
    )
    district = models.CharField(_("quận / huyện / xã"), max_length=120, blank=True)
    city = models.CharField(_("tỉnh / thành phố"), max_length=120, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=16, choices=SchoolStatus.choices, default=SchoolStatus.ACTIVE
    )
    is_template = models.BooleanField(_("lược đồ mẫu"), default=False, editable=False)
    # The template's structure (schools.services.template_stamp) this school was last
    # brought in line with: setup_platform skips schools already synced with it.
    synced_stamp = models.CharField(max_length=32, blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    # Schemas are created by schools.services (cloned from the template), never implicitly.
    auto_create_schema = False
    auto_drop_schema = True

    class Meta:
        verbose_name = _("trường học")
        verbose_name_plural = _("trường học")
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name

    @property
    def is_operator(self) -> bool:
        from django.conf import settings

        return self.schema_name == settings.PUBLIC_SCHEMA_NAME

    @property
    def is_active(self) -> bool:
        return self.status == SchoolStatus.ACTIVE


class Domain(DomainMixin):
    """A host name a school answers on (R1.2)."""

    class Meta:
        verbose_name = _("tên miền")
        verbose_name_plural = _("tên miền")

    def __str__(self) -> str:
        return self.domain


class SpareSchema(models.Model):
    """A schema cloned from the template ahead of time, handed to the next new school.

    Not a school: it has no ``School`` row and no domain, so nothing lists, audits, fans
    out to or serves it (``schools.pool``). ``template_stamp`` is the template's state it
    was cloned from; a spare whose stamp no longer matches the template is discarded.
    """

    schema_name = models.CharField(max_length=63, unique=True)
    template_stamp = models.CharField(max_length=32)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("lược đồ dự phòng")
        verbose_name_plural = _("lược đồ dự phòng")
        ordering = ("id",)

    def __str__(self) -> str:
        return self.schema_name
