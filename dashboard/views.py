"""Views of the operator's dashboard, inside the public schema's Wagtail admin."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from dashboard import exports
from dashboard.forms import DashboardFilterForm, SchoolCreateForm
from dashboard.models import SchoolMetrics
from dashboard.permissions import operator_required
from dashboard.selectors import (
    activity_totals,
    dashboard_schools,
    domain_status,
    metrics_refresh_progress,
    primary_domain,
)
from dashboard.services import (
    metrics_refresh,
    metrics_refresh_all_queue,
    school_head_password_reset,
)
from schools.models import School, SchoolStatus
from schools.selectors import school_base_url, school_list
from schools.services import school_create, school_set_status


def _filtered(request):
    form = DashboardFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    schools = dashboard_schools(
        level=data.get("cap") or "",
        district=data.get("dia_ban") or "",
        status=data.get("trang_thai") or "",
        ownership=data.get("loai_hinh") or "",
        min_score=data.get("diem_tu"),
        max_score=data.get("diem_den"),
        sort=data.get("sap_xep") or "ten",
    )
    return form, schools


def _bars(series: dict[str, int]) -> list[dict]:
    peak = max(series.values(), default=0) or 1
    return [
        {"label": f"{key[5:]}/{key[:4]}", "value": value, "height": round(100 * value / peak)}
        for key, value in series.items()
    ]


@operator_required
def index(request):
    form, schools = _filtered(request)
    rows = [
        {
            "school": s,
            "metrics": getattr(s, "metrics", None),
            "domain": primary_domain(s),
            "domain_status": domain_status(s),
        }
        for s in schools
    ]
    scored = [r["metrics"].score for r in rows if r["metrics"]]
    context = {
        "page_title": _("Bảng điều hành các trường"),
        "header_icon": "site",
        "form": form,
        "rows": rows,
        "summary": {
            "count": len(rows),
            "average": round(sum(scored) / len(scored)) if scored else None,
            "suspended": sum(1 for r in rows if r["school"].status == SchoolStatus.SUSPENDED),
            "stale": sum(1 for r in rows if r["metrics"] is None),
        },
        "query": request.GET.urlencode(),
        "refresh_progress": metrics_refresh_progress(),
    }
    return TemplateResponse(request, "dashboard/index.html", context)


@operator_required
def activity(request):
    form, schools = _filtered(request)
    schools = list(schools)
    context = {
        "page_title": _("Hoạt động đăng bài"),
        "header_icon": "doc-full",
        "form": form,
        "bars": _bars(activity_totals(schools)),
        "schools": [
            {
                "school": s,
                "metrics": getattr(s, "metrics", None),
                "bars": _bars(s.metrics.monthly_posts) if getattr(s, "metrics", None) else [],
            }
            for s in schools
        ],
    }
    return TemplateResponse(request, "dashboard/activity.html", context)


def _school(slug: str) -> School:
    return get_object_or_404(school_list().select_related("metrics"), slug=slug)


@operator_required
def detail(request, slug: str):
    school = _school(slug)
    metrics = SchoolMetrics.objects.filter(school=school).first()
    context = {
        "page_title": school.name,
        "header_icon": "home",
        "school": school,
        "metrics": metrics,
        "site_url": school_base_url(school),
        "bars": _bars(metrics.monthly_posts) if metrics else [],
        "domain_status": domain_status(school),
        "domain": primary_domain(school),
    }
    return TemplateResponse(request, "dashboard/detail.html", context)


@require_POST
@operator_required
def refresh(request, slug: str):
    metrics_refresh(school=_school(slug))
    messages.success(request, _("Đã cập nhật số liệu."))
    return redirect("dashboard:detail", slug=slug)


@require_POST
@operator_required
def refresh_all(request):
    metrics_refresh_all_queue()
    messages.info(
        request,
        _(
            "Đang cập nhật số liệu của tất cả các trường; "
            "số liệu mới hiện dần trong ít phút, tải lại trang để xem."
        ),
    )
    return redirect("dashboard:index")


@require_POST
@operator_required
def set_status(request, slug: str):
    school = _school(slug)
    status = request.POST.get("status", "")
    try:
        school_set_status(school=school, status=status)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        if status == SchoolStatus.SUSPENDED:
            messages.warning(
                request, _("Đã tạm ngừng cổng thông tin của %(n)s.") % {"n": school.name}
            )
        else:
            messages.success(request, _("Đã mở lại cổng thông tin của %(n)s.") % {"n": school.name})
    return redirect("dashboard:detail", slug=slug)


@require_POST
@operator_required
def reset_password(request, slug: str):
    school = _school(slug)
    try:
        username, password = school_head_password_reset(school=school)
    except Exception:  # noqa: BLE001 - shown to the operator, logged by the service
        messages.error(request, _("Trường chưa có tài khoản Trưởng ban biên tập."))
        return redirect("dashboard:detail", slug=slug)
    context = {
        "page_title": _("Mật khẩu mới"),
        "school": school,
        "username": username,
        "password": password,
        "site_url": school_base_url(school),
    }
    response = TemplateResponse(request, "dashboard/password_reset_done.html", context)
    response["Cache-Control"] = "no-store"
    return response


@operator_required
def create(request):
    form = SchoolCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        started = timezone.now()
        try:
            school = school_create(**form.cleaned_data)
        except ValidationError as exc:
            for field, errors in exc.message_dict.items():
                form.add_error(field if field in form.fields else None, errors)
        else:
            metrics_refresh(school=school)
            seconds = (timezone.now() - started).total_seconds()
            messages.success(
                request,
                _(
                    "Đã tạo %(name)s trong %(s).1f giây: trang chủ, các chuyên mục và nhóm biên tập đã sẵn sàng."
                )
                % {"name": school.name, "s": seconds},
            )
            return redirect("dashboard:detail", slug=school.slug)
    context = {"page_title": _("Tạo trường mới"), "header_icon": "plus", "form": form}
    return TemplateResponse(request, "dashboard/create.html", context)


@operator_required
def export(request, fmt: str):
    _form, schools = _filtered(request)
    schools = list(schools)
    stamp = timezone.localdate().strftime("%Y%m%d")
    if fmt == "csv":
        body, content_type = exports.to_csv(schools), "text/csv; charset=utf-8"
    elif fmt == "xlsx":
        body = exports.to_xlsx(schools)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "json":
        body, content_type = exports.to_json(schools), "application/json"
    else:
        raise Http404
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="danh-gia-cong-ttdt-{stamp}.{fmt}"'
    return response
