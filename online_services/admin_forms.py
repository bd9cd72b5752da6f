"""The board's forms in the admin: importing result and diploma sets, reviewing an
application (the public forms are ``online_services.forms``)."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from online_services import importers, services
from online_services.models import (
    AdmissionApplication,
    Period,
)

# --- The board's forms (admin) ------------------------------------------------------------


class ImportFormMixin:
    """An Excel file checked row by row on ``clean()``; ``import_errors`` lists what is wrong."""

    parse = None  # set by subclasses

    def _post_clean(self) -> None:
        # One set per term (or title) is the service's question, "replace or refuse", not
        # the model form's: skip the unique constraints here, keep every other check.
        self.instance.validate_constraints = lambda *args, **kwargs: None
        try:
            super()._post_clean()
        finally:
            del self.instance.validate_constraints

    def _clean_file(self) -> None:
        self.parsed = None
        self.import_errors: list[importers.RowError] = []
        self.import_truncated = False
        upload = self.cleaned_data.get("file")
        if not upload:
            return
        try:
            self.parsed = type(self).parse(upload)
        except importers.ImportRefused as refused:
            self.import_errors = refused.errors
            self.import_truncated = refused.truncated
            self.add_error(
                "file",
                _(
                    "Tệp có %(n)s lỗi (liệt kê bên dưới). Chưa nhập dòng nào; hãy sửa tệp rồi "
                    "nhập lại."
                )
                % {"n": f"{len(refused.errors)}+" if refused.truncated else len(refused.errors)},
            )


class ResultSetImportForm(ImportFormMixin, WagtailAdminModelForm):
    file = forms.FileField(
        label=_("Tệp Excel (.xlsx)"),
        help_text=_("Theo mẫu bên trên; tối đa 5.000 dòng, 5 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"}),
    )
    replace = forms.BooleanField(
        label=_("Thay thế dữ liệu đã nhập"),
        required=False,
        help_text=_("Nếu đợt này đã có dữ liệu: xoá hết dữ liệu cũ của đợt và nhập lại từ tệp."),
    )
    parse = staticmethod(importers.results_parse)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("period") == Period.EXAM and not cleaned.get("exam_name", "").strip():
            self.add_error("exam_name", _("Hãy ghi tên kỳ thi."))
        self._clean_file()
        return cleaned


class DiplomaSetImportForm(ImportFormMixin, WagtailAdminModelForm):
    file = ResultSetImportForm.base_fields["file"]
    replace = ResultSetImportForm.base_fields["replace"]
    parse = staticmethod(importers.diplomas_parse)

    def clean(self):
        cleaned = super().clean()
        self._clean_file()
        return cleaned


class ApplicationReviewForm(WagtailAdminModelForm):
    """The board's decision on an application; refuses what ``services`` would refuse."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The row as stored, before the form writes the new values onto the instance.
        self.instance_before = (
            AdmissionApplication.objects.select_related("campaign").get(pk=self.instance.pk)
            if self.instance.pk
            else self.instance
        )

    def clean(self):
        cleaned = super().clean()
        if "status" in cleaned:
            try:
                services.application_review_validate(
                    application=self.instance_before,
                    status=cleaned["status"],
                    decision_note=cleaned.get("decision_note", ""),
                )
            except ValidationError as exc:
                self.add_error(None, exc)
        return cleaned
