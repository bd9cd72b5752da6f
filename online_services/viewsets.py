"""The admin's snippet views of the online services: imported result and diploma sets,
the look-up log and the menu group (admissions: ``admission_viewsets``) (registered in ``wagtail_hooks``).
"""

from __future__ import annotations

import django_filters
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel, ObjectList
from wagtail.admin.ui.tables import Column
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.views.snippets import (
    CreateView,
    SnippetViewSet,
    SnippetViewSetGroup,
)

from online_services import import_layout, importers, services
from online_services.admin_forms import (
    DiplomaSetImportForm,
    ResultSetImportForm,
)
from online_services.admission_viewsets import AdmissionApplicationViewSet, AdmissionCampaignViewSet
from online_services.models import (
    DiplomaSet,
    LookupKind,
    LookupLog,
    ResultSet,
)
from online_services.security import code_hash
from online_services.text import code_key

# --- Imports: results and diplomas -----------------------------------------------------------


class ImportCreateView(CreateView):
    """The add view of an imported set: the form parses the file; this stores it."""

    columns: tuple = ()
    sample: str = ""

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["layout"] = import_layout.layout_rows(self.columns)
        context["sample_url"] = reverse("online_services_sample", args=[self.sample])
        context["import_errors"] = getattr(self.form, "import_errors", [])
        context["import_truncated"] = getattr(self.form, "import_truncated", False)
        context["subjects_note"] = self.sample == "ket-qua-hoc-tap"
        return context

    def form_valid(self, form):
        try:
            return super().form_valid(form)
        except ValidationError as exc:  # the set exists and "replace" was not ticked
            form.add_error("replace", exc)
            self.produced_error_message = self.get_error_message()
            return self.form_invalid(form)

    def get_success_message(self, instance):
        return _("Đã nhập %(n)s dòng vào “%(set)s”.") % {"n": instance.row_count, "set": instance}


class ResultImportView(ImportCreateView):
    columns = importers.RESULT_COLUMNS
    sample = "ket-qua-hoc-tap"

    def save_instance(self):
        data = self.form.cleaned_data
        return services.result_set_import(
            school_year=data["school_year"],
            period=data["period"],
            exam_name=data.get("exam_name", ""),
            published=data.get("published", True),
            parsed=self.form.parsed,
            source_name=data["file"].name,
            replace=data.get("replace", False),
            acting_user=self.request.user,
        )


class DiplomaImportView(ImportCreateView):
    columns = importers.DIPLOMA_COLUMNS
    sample = "van-bang"

    def save_instance(self):
        data = self.form.cleaned_data
        return services.diploma_set_import(
            kind=data["kind"],
            title=data["title"],
            published=data.get("published", True),
            parsed=self.form.parsed,
            source_name=data["file"].name,
            replace=data.get("replace", False),
            acting_user=self.request.user,
        )


_IMPORT_INFO = [
    FieldPanel("row_count", read_only=True),
    FieldPanel("source_name", read_only=True),
    FieldPanel("imported_at", read_only=True),
    FieldPanel("imported_by", read_only=True),
]


class ImportedSetViewSet(SnippetViewSet):
    """Shared shape: the add view imports a file; the edit view only (un)publishes."""

    copy_view_enabled = False
    create_template_name = "online_services/admin/import_create.html"
    import_panels: list = []
    import_form = None
    list_per_page = 30

    def get_add_view_kwargs(self, **kwargs):
        panel = ObjectList(self.import_panels, base_form_class=self.import_form).bind_to_model(
            self.model
        )
        return super().get_add_view_kwargs(panel=panel, form_class=panel.get_form_class(), **kwargs)


class ResultSetViewSet(ImportedSetViewSet):
    model = ResultSet
    icon = "table"
    menu_label = gettext_lazy("Kết quả học tập")
    add_view_class = ResultImportView
    import_form = ResultSetImportForm
    import_panels = [
        FieldRowPanel([FieldPanel("school_year"), FieldPanel("period")]),
        FieldPanel("exam_name"),
        FieldPanel("file"),
        FieldPanel("replace"),
        FieldPanel("published"),
    ]
    list_display = ["__str__", "school_year", "period", "row_count", "published", "imported_at"]
    list_filter = ["school_year", "period", "published"]
    edit_handler = ObjectList(
        [
            FieldPanel("school_year", read_only=True),
            FieldPanel("period", read_only=True),
            FieldPanel("exam_name", read_only=True),
            FieldPanel("published"),
            MultiFieldPanel(_IMPORT_INFO, heading=gettext_lazy("Lần nhập")),
        ]
    )


class DiplomaSetViewSet(ImportedSetViewSet):
    model = DiplomaSet
    icon = "doc-full"
    menu_label = gettext_lazy("Văn bằng, chứng chỉ")
    add_view_class = DiplomaImportView
    import_form = DiplomaSetImportForm
    import_panels = [
        FieldPanel("kind"),
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("replace"),
        FieldPanel("published"),
    ]
    list_display = ["title", "kind", "row_count", "published", "imported_at"]
    list_filter = ["kind", "published"]
    edit_handler = ObjectList(
        [
            FieldPanel("kind", read_only=True),
            FieldPanel("title", read_only=True),
            FieldPanel("published"),
            MultiFieldPanel(_IMPORT_INFO, heading=gettext_lazy("Lần nhập")),
        ]
    )


class NoAddPolicy(ModelPermissionPolicy):
    """Rows only the public creates (applications) or the system writes (the log): nobody,
    not even a superuser, adds them by hand; ``actions`` lists what stays possible."""

    def __init__(self, model, actions: tuple[str, ...]) -> None:
        super().__init__(model)
        self.actions = actions

    def user_has_permission(self, user, action):
        return action in self.actions and super().user_has_permission(user, action)


# --- The look-up log (read only) -------------------------------------------------------------


class LookupLogFilterSet(WagtailFilterSet):
    code = django_filters.CharFilter(
        label=gettext_lazy("Mã đã tra cứu (mã học sinh, số hiệu, mã hồ sơ)"), method="filter_code"
    )

    class Meta:
        model = LookupLog
        fields = ["kind", "found"]

    def filter_code(self, queryset, name, value):
        if not value:
            return queryset
        key = code_key(value)
        return queryset.filter(code_hash__in=[code_hash(kind, key) for kind in LookupKind.values])


def _short_hash(item) -> str:
    return item.code_hash[:12]


class LookupLogViewSet(SnippetViewSet):
    model = LookupLog
    icon = "history"
    menu_label = gettext_lazy("Nhật ký tra cứu")
    copy_view_enabled = False
    filterset_class = LookupLogFilterSet
    list_display = [
        "created_at",
        "kind",
        "found",
        "client_ip",
        Column("code_hash", label=gettext_lazy("Mã băm"), accessor=_short_hash),
    ]
    list_per_page = 50


class OnlineServicesViewSetGroup(SnippetViewSetGroup):
    items = (
        ResultSetViewSet,
        DiplomaSetViewSet,
        AdmissionCampaignViewSet,
        AdmissionApplicationViewSet,
        LookupLogViewSet,
    )
    menu_icon = "search"
    menu_label = gettext_lazy("Dịch vụ trực tuyến")
    menu_order = 260
