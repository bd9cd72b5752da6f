"""Categories and kinds of "công khai" items (R5.1, R5.3; Thông tư 09/2024/TT-BGDĐT).

The category is what the rule groups items by (a–d of the "3 công khai" tradition plus the
general information of Điều 4). The kind is a finer, optional label for what the rules ask
of a given school level: preschools publish their daily menu and enrolment (Điều 6–7),
primary and lower-secondary schools their approved textbooks, land and rooms against the
minimum, self-evaluation and accreditation (Điều 8–9). The school's level decides which
kinds an editor is offered and which ones the public checklist expects.

Mapping of kinds to categories follows the forms of Thông tư 36/2017 (commitment forms open
with admission conditions; accreditation results sit with actual quality); confirm against
the official text of Thông tư 09/2024 when in doubt.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import connection, models
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from schools.models import School, SchoolLevel


class Category(models.TextChoices):
    COMMITMENT = "cam_ket", _("Cam kết chất lượng giáo dục")
    QUALITY = "chat_luong", _("Chất lượng giáo dục thực tế")
    CONDITIONS = "dieu_kien", _("Điều kiện bảo đảm chất lượng: cơ sở vật chất, đội ngũ")
    FINANCE = "tai_chinh", _("Thu chi tài chính, học phí và các khoản thu")
    GENERAL = "thong_tin_chung", _("Thông tin chung")


# Letters the rules and the public know the categories by, in display order.
CATEGORY_LETTERS = {
    Category.COMMITMENT: "a",
    Category.QUALITY: "b",
    Category.CONDITIONS: "c",
    Category.FINANCE: "d",
    Category.GENERAL: "e",
}
CATEGORY_ORDER: list[str] = [category.value for category in CATEGORY_LETTERS]


class Kind(models.TextChoices):
    GENERAL_INFO = "thong_tin_chung", _("Thông tin chung về cơ sở giáo dục")
    QUALITY_COMMITMENT = "cam_ket_chat_luong", _("Thông báo cam kết chất lượng giáo dục")
    EDUCATION_PLAN = "ke_hoach_giao_duc", _("Kế hoạch giáo dục năm học")
    ENROLMENT = "tuyen_sinh", _("Kế hoạch và kết quả tuyển sinh")
    TEXTBOOKS = "sach_giao_khoa", _("Danh mục sách giáo khoa được phê duyệt")
    QUALITY_RESULTS = "ket_qua_giao_duc", _("Chất lượng giáo dục thực tế")
    DAILY_MENU = "thuc_don", _("Thực đơn hằng ngày")
    SELF_EVALUATION = "tu_danh_gia_kiem_dinh", _("Tự đánh giá và kiểm định chất lượng")
    STAFF = "doi_ngu", _("Đội ngũ cán bộ quản lý, giáo viên, nhân viên")
    FACILITIES = "co_so_vat_chat", _("Cơ sở vật chất")
    LAND_AND_ROOMS = "dat_dai_phong_hoc", _("Diện tích đất, phòng học so với mức tối thiểu")
    REVENUE_SPENDING = "thu_chi_tai_chinh", _("Thu chi tài chính")
    FEES = "hoc_phi_khoan_thu", _("Học phí và các khoản thu")
    EXEMPTIONS = "mien_giam_hoc_bong", _("Miễn, giảm học phí, học bổng, hỗ trợ người học")


PRESCHOOL = "preschool"
GENERAL_EDUCATION = "general"


@dataclass(frozen=True)
class KindRule:
    category: str
    # None: every level; otherwise the level groups that must publish this kind.
    levels: frozenset[str] | None = None


KIND_RULES: dict[str, KindRule] = {
    Kind.GENERAL_INFO: KindRule(Category.GENERAL),
    Kind.QUALITY_COMMITMENT: KindRule(Category.COMMITMENT),
    Kind.EDUCATION_PLAN: KindRule(Category.COMMITMENT),
    Kind.ENROLMENT: KindRule(Category.COMMITMENT, frozenset({PRESCHOOL})),
    Kind.TEXTBOOKS: KindRule(Category.COMMITMENT, frozenset({GENERAL_EDUCATION})),
    Kind.QUALITY_RESULTS: KindRule(Category.QUALITY),
    Kind.DAILY_MENU: KindRule(Category.QUALITY, frozenset({PRESCHOOL})),
    Kind.SELF_EVALUATION: KindRule(Category.QUALITY, frozenset({GENERAL_EDUCATION})),
    Kind.STAFF: KindRule(Category.CONDITIONS),
    Kind.FACILITIES: KindRule(Category.CONDITIONS),
    Kind.LAND_AND_ROOMS: KindRule(Category.CONDITIONS, frozenset({GENERAL_EDUCATION})),
    Kind.REVENUE_SPENDING: KindRule(Category.FINANCE),
    Kind.FEES: KindRule(Category.FINANCE),
    Kind.EXEMPTIONS: KindRule(Category.FINANCE),
}


def level_group(level: str | None) -> str | None:
    """``preschool`` or ``general`` for a school level; ``None`` when unknown (template)."""
    if not level:
        return None
    if level == SchoolLevel.PRESCHOOL:
        return PRESCHOOL
    return GENERAL_EDUCATION


def kinds_for_level(level: str | None) -> list[str]:
    """The kinds a school of this level publishes, in category order.

    Unknown level (the template schema, a school without level): every kind.
    """
    group = level_group(level)
    kinds = [
        kind
        for kind, rule in KIND_RULES.items()
        if group is None or rule.levels is None or group in rule.levels
    ]
    return sorted(kinds, key=lambda kind: CATEGORY_ORDER.index(KIND_RULES[kind].category))


def category_of_kind(kind: str) -> str:
    return KIND_RULES[kind].category


def category_letter(category: str) -> str:
    return CATEGORY_LETTERS.get(category, "")


def school_level(request: HttpRequest | None = None) -> str | None:
    """The level of the school being served or worked on (``request.tenant`` or connection).

    Outside a request, ``schema_context`` leaves a tenant stand-in without a level, so the
    registry row is read from the public schema by schema name.
    """
    tenant = getattr(request, "tenant", None) or getattr(connection, "tenant", None)
    level = getattr(tenant, "level", None)
    if level is not None:
        return level or None
    schema = connection.schema_name
    if not schema or schema == settings.PUBLIC_SCHEMA_NAME:
        return None
    return School.objects.filter(schema_name=schema).values_list("level", flat=True).first()
