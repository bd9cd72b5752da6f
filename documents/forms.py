"""The public filter form of the documents index (R4.2). Every value is checked against
known choices; anything else is dropped with a Vietnamese message, never an error page."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from documents.models import DocumentKind
from documents.validity import Validity
from siteplatform.text import nfc_collapsed

MAX_QUERY_LENGTH = 200


class DocumentFilterForm(forms.Form):
    q = forms.CharField(
        label=_("Từ khoá"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("Số ký hiệu hoặc trích yếu")}
        ),
    )
    loai = forms.ChoiceField(label=_("Hình thức"), required=False)
    co_quan = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)
    hieu_luc = forms.ChoiceField(label=_("Hiệu lực"), required=False)
    nam = forms.ChoiceField(label=_("Năm ban hành"), required=False)

    def __init__(self, *args, issuers=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        every = [("", _("Tất cả"))]
        self.fields["loai"].choices = every + list(DocumentKind.choices)
        self.fields["co_quan"].choices = every + [(str(i.pk), i.name) for i in issuers]
        self.fields["hieu_luc"].choices = every + list(Validity.choices)
        self.fields["nam"].choices = every + [(str(y), str(y)) for y in years]

    def clean_q(self) -> str:
        return nfc_collapsed(self.cleaned_data.get("q"))

    def valid_filters(self) -> dict[str, str]:
        """The filters that passed validation; invalid ones are ignored."""
        self.is_valid()
        return {
            name: value
            for name, value in self.cleaned_data.items()
            if name not in self.errors and value
        }
