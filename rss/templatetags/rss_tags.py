"""``{% feed_alternate_links %}``: the site's feeds announced in every page head (R8.2, R8.3)."""

from __future__ import annotations

from django import template
from django.urls import reverse
from django.utils.html import format_html_join
from django.utils.safestring import SafeString

from rss.feeds import feed_title, registered_feeds

register = template.Library()


@register.simple_tag(takes_context=True)
def feed_alternate_links(context) -> SafeString | str:
    """One ``<link rel="alternate" type="application/rss+xml">`` per feed of this site.

    No query: the feeds come from the ``portal_feeds`` hooks, the names from the request.
    """
    request = context.get("request")
    if request is None:
        return ""
    return format_html_join(
        "\n",
        '<link rel="alternate" type="application/rss+xml" title="{}" href="{}">',
        (
            (
                feed_title(request, spec),
                request.build_absolute_uri(reverse("rss:feed", args=[spec.slug])),
            )
            for spec in registered_feeds()
        ),
    )
