"""The fixed vocabularies of official documents: kinds, fields, relation types."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class DocumentKind(models.TextChoices):
    """Hình thức văn bản."""

    LAW = "luat", _("Luật")
    DECREE = "nghi-dinh", _("Nghị định")
    RESOLUTION = "nghi-quyet", _("Nghị quyết")
    CIRCULAR = "thong-tu", _("Thông tư")
    DIRECTIVE = "chi-thi", _("Chỉ thị")
    DECISION = "quyet-dinh", _("Quyết định")
    OFFICIAL_LETTER = "cong-van", _("Công văn")
    PLAN = "ke-hoach", _("Kế hoạch")
    NOTICE = "thong-bao", _("Thông báo")
    GUIDANCE = "huong-dan", _("Hướng dẫn")
    REPORT = "bao-cao", _("Báo cáo")
    SUBMISSION = "to-trinh", _("Tờ trình")
    INVITATION = "giay-moi", _("Giấy mời")
    REGULATION = "quy-che", _("Quy chế")
    OTHER = "khac", _("Khác")


class DocumentField(models.TextChoices):
    """Lĩnh vực."""

    PRESCHOOL = "giao-duc-mam-non", _("Giáo dục mầm non")
    PRIMARY = "giao-duc-tieu-hoc", _("Giáo dục tiểu học")
    SECONDARY = "giao-duc-trung-hoc", _("Giáo dục trung học")
    ADMISSION = "tuyen-sinh", _("Tuyển sinh")
    DISCLOSURE = "cong-khai", _("Công khai")
    IT = "cong-nghe-thong-tin", _("Công nghệ thông tin")
    STAFF = "to-chuc-can-bo", _("Tổ chức cán bộ")
    FINANCE = "tai-chinh", _("Tài chính – Cơ sở vật chất")
    EXAMS = "khao-thi-kiem-dinh", _("Khảo thí – Kiểm định chất lượng")
    STUDENTS = "cong-tac-hoc-sinh", _("Công tác học sinh")
    EMULATION = "thi-dua-khen-thuong", _("Thi đua – Khen thưởng")
    ADMINISTRATION = "hanh-chinh", _("Hành chính – Văn phòng")
    OTHER = "khac", _("Khác")


class RelationType(models.TextChoices):
    """How the document on which the relation is entered relates to its target."""

    REPLACES = "thay-the", _("Thay thế")
    AMENDS = "sua-doi", _("Sửa đổi")
    SUPPLEMENTS = "bo-sung", _("Bổ sung")
    GUIDES = "huong-dan", _("Hướng dẫn thực hiện")
    BASED_ON = "can-cu", _("Căn cứ")
    RELATED = "lien-quan", _("Liên quan")


# What the target document shows for a relation entered on another document.
INVERSE_RELATION_LABELS = {
    RelationType.REPLACES: _("Bị thay thế bởi"),
    RelationType.AMENDS: _("Được sửa đổi bởi"),
    RelationType.SUPPLEMENTS: _("Được bổ sung bởi"),
    RelationType.GUIDES: _("Được hướng dẫn bởi"),
    RelationType.BASED_ON: _("Là căn cứ của"),
    RelationType.RELATED: _("Liên quan"),
}
