"""What each school keeps of the shared feeds: a listing page and hidden sources (R8.1).

These tables are in every school schema; the sources and items they refer to are in the
public schema (app ``rss``). Hidden sources are stored as a list of ids rather than a
foreign key: a key from 500 school schemas into the public table would make deleting a
source touch every school.
"""

from __future__ import annotations

from django import forms
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting

from core.models import SectionPage

ITEMS_PER_PAGE = 20


class FeedPreferencesForm(WagtailAdminModelForm):
    """Checkboxes over the operator's active sources; the model stores the ids."""

    hidden_source_ids = forms.TypedMultipleChoiceField(
        label=_("Ẩn các nguồn tin sau trên trang của trường"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        from rss.models import FeedSource

        self.fields["hidden_source_ids"].choices = [
            (source.pk, source.name) for source in FeedSource.objects.filter(is_active=True)
        ]


@register_setting(icon="link")
class FeedPreferences(BaseSiteSetting):
    """Which of the Sở/Phòng sources this school shows. Admin: Cài đặt → Nguồn tin Sở/Phòng."""

    hidden_source_ids = models.JSONField(_("nguồn tin bị ẩn"), default=list, blank=True)

    base_form_class = FeedPreferencesForm
    panels = [FieldPanel("hidden_source_ids")]

    class Meta:
        verbose_name = _("Nguồn tin Sở/Phòng")

    @property
    def hidden_ids(self) -> list[int]:
        return [value for value in self.hidden_source_ids or [] if isinstance(value, int)]


def hidden_source_ids_for_request(request) -> list[int]:
    """The school's hidden sources (one query, cached on the request by Wagtail)."""
    return FeedPreferences.for_request(request).hidden_ids


class FeedItemsPage(SectionPage):
    """ "Tin từ Sở/Phòng": every item of the sources the school shows, newest first."""

    subpage_types: list[str] = []

    class Meta:
        verbose_name = _("trang tin từ Sở/Phòng")
        verbose_name_plural = _("trang tin từ Sở/Phòng")
