"""The search form: every field optional and forgiving, since it is hostile input (R9.3)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from core.schoolyears import school_year_choices
from sitesearch.selectors import KIND_LABELS, MAX_QUERY_CHARS, SearchFilters, clean_query

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, strip=True)
    loai = forms.ChoiceField(label=_("Loại nội dung"), required=False)
    nam_hoc = forms.ChoiceField(label=_("Năm học"), required=False)
    co_quan = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)
    tu_ngay = forms.DateField(label=_("Từ ngày"), required=False, input_formats=DATE_FORMATS)
    den_ngay = forms.DateField(label=_("Đến ngày"), required=False, input_formats=DATE_FORMATS)
    trang = forms.IntegerField(required=False, min_value=1, max_value=10_000)

    def __init__(self, *args, issuers: list[str] = (), **kwargs):
        """``issuers``: the names offered by the issuer filter (those of indexed pages)."""
        super().__init__(*args, **kwargs)
        self.fields["co_quan"].choices = [("", _("Tất cả")), *((name, name) for name in issuers)]
        self.fields["loai"].choices = [("", _("Tất cả")), *KIND_LABELS.items()]
        self.fields["nam_hoc"].choices = [("", _("Tất cả")), *school_year_choices()]
        self.fields["q"].widget.attrs.update(
            {"maxlength": MAX_QUERY_CHARS, "type": "search", "autocomplete": "off"}
        )
        for name in ("tu_ngay", "den_ngay"):
            self.fields[name].widget.input_type = "date"

    def clean_q(self) -> str:
        return clean_query(self.cleaned_data.get("q") or "")

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("tu_ngay"), cleaned.get("den_ngay")
        if start and end and start > end:
            self.add_error("den_ngay", _("“Đến ngày” phải sau “Từ ngày”."))
        return cleaned

    def query_and_filters(self) -> tuple[str, SearchFilters, int]:
        """What to search for, from the valid fields only (an invalid field is ignored)."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        filters = SearchFilters(
            kind=data.get("loai") or "",
            school_year=data.get("nam_hoc") or "",
            issuer=data.get("co_quan") or "",
            date_from=data.get("tu_ngay"),
            date_to=data.get("den_ngay"),
        )
        return data.get("q") or "", filters, data.get("trang") or 1
