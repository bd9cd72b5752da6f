"""Template tags every app may use: responsive images, JSON-LD, breadcrumbs data.

``{% load portal_tags %}`` then::

    {% responsive_image page.image "card" %}
    {% responsive_image block.value.image "content" alt="…" eager=True %}
    {% json_ld structured_data %}
"""

from __future__ import annotations

import json
from urllib.parse import urlencode

from django import template
from django.utils.html import format_html, strip_tags
from django.utils.safestring import SafeString
from django.utils.text import Truncator
from django.utils.translation import gettext as _

register = template.Library()

# Named sizes: the rendition filters (smallest first) and the "sizes" attribute. The first
# filter gives width/height (its aspect ratio reserves the space before the image loads).
IMAGE_PRESETS: dict[str, tuple[tuple[str, ...], str]] = {
    "card": (("fill-320x180", "fill-640x360"), "(min-width: 48rem) 33vw, 100vw"),
    "feature": (
        ("fill-640x360", "fill-960x540", "fill-1280x720"),
        "(min-width: 48rem) 66vw, 100vw",
    ),
    "content": (("width-480", "width-800", "width-1200"), "(min-width: 48rem) 46rem, 100vw"),
    "hero": (("fill-600x200", "fill-1200x400"), "100vw"),
    "gallery": (("fill-300x225", "fill-600x450"), "(min-width: 48rem) 25vw, 50vw"),
    "thumb": (("fill-120x90", "fill-240x180"), "120px"),
    "og": (("fill-1200x630",), "1200px"),
}


def image_alt(image, alt: str | None = None) -> str:
    """Alt text: explicit, else the block's (empty if decorative), else description/title."""
    if alt is not None:
        return alt
    if getattr(image, "decorative", False):
        return ""
    return getattr(image, "contextual_alt_text", None) or image.default_alt_text


@register.inclusion_tag("includes/picture.html")
def responsive_image(
    image, preset: str = "content", alt: str | None = None, css_class: str = "", eager=False
) -> dict:
    """An ``<img>`` with srcset, sizes, width/height and lazy loading (R9.1).

    Renditions come from ``image.get_renditions`` (one query, none when prefetched with
    ``prefetch_related("image__renditions")``).
    """
    if not image:
        return {"image": None}
    filters, sizes = IMAGE_PRESETS[preset]
    renditions = image.get_renditions(*filters)
    ordered = []
    for spec in filters:  # a small original gives equal widths: keep one of each
        rendition = renditions[spec]
        if not ordered or rendition.width > ordered[-1].width:
            ordered.append(rendition)
    first = ordered[0]
    return {
        "image": image,
        "src": ordered[min(1, len(ordered) - 1)].url,
        "srcset": ", ".join(f"{r.url} {r.width}w" for r in ordered),
        "sizes": sizes,
        "width": first.width,
        "height": first.height,
        "alt": image_alt(image, alt),
        "css_class": css_class,
        "loading": "eager" if eager else "lazy",
        "fetchpriority": "high" if eager else "",
    }


@register.simple_tag
def image_absolute_url(request, image, preset: str = "og") -> str:
    """Absolute URL of one rendition, for OpenGraph and JSON-LD."""
    if not image:
        return ""
    rendition = image.get_rendition(IMAGE_PRESETS[preset][0][-1])
    return request.build_absolute_uri(rendition.url)


@register.simple_tag
def json_ld(data: dict | None) -> SafeString:
    """``<script type="application/ld+json">`` with <, > and & escaped like json_script."""
    if not data:
        return SafeString("")
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003C").replace(">", "\\u003E").replace("&", "\\u0026")
    return format_html('<script type="application/ld+json">{}</script>', SafeString(text))


@register.simple_tag
def page_ancestors(page) -> list:
    """Ancestors shown in breadcrumbs: below the site's home page, above ``page`` (1 query)."""
    if page is None or page.depth <= 2:
        return []
    return list(page.get_ancestors().filter(depth__gt=2))


@register.simple_tag(takes_context=True)
def page_description(context, page, limit: int = 160) -> str:
    """Meta description: the promote tab's description, else the page's intro, shortened.

    A page with neither (a section whose introduction is empty) gets a sentence naming the
    page and the school, so that every page has a description.
    """
    if page is None:
        return ""
    text = getattr(page, "search_description", "") or ""
    if not text:
        intro = getattr(page, "intro", "") or ""
        text = strip_tags(str(intro))
    text = " ".join(text.split())
    if not text:
        school = context.get("current_school")
        if context.get("is_operator_site") or school is None:
            site = context.get("portal_operator_name", "")
        else:
            site = school.name
        text = _("%(title)s – %(site)s: thông tin chính thức trên cổng thông tin điện tử.") % {
            "title": page.title,
            "site": site,
        }
    return Truncator(text).chars(limit)


@register.simple_tag(takes_context=True)
def canonical_url(context, page) -> str:
    """Absolute URL of ``page`` on the school's own domain.

    Query parameters named in ``page.canonical_params`` (filters, page number) are kept;
    any other parameter is dropped so that tracking links do not multiply URLs.
    """
    request = context.get("request")
    if page is None or request is None:
        return ""
    url = page.get_full_url(request) or ""
    keep = getattr(page, "canonical_params", ())
    params = [(k, v) for k, v in request.GET.items() if k in keep and v and v != "1"]
    if params:
        url += "?" + urlencode(params)
    return url


@register.simple_tag
def share_image(page):
    """The picture used by social networks: the page's image or banner, if any."""
    if page is None:
        return None
    return getattr(page, "image", None) or getattr(page, "banner_image", None)


@register.simple_tag
def theme_style(theme) -> SafeString:
    """``<style>`` with the school's colours as CSS variables (layout preset included).

    The values are validated ``#rrggbb`` colours (core/themes.py), so nothing else can reach
    the style sheet.
    """
    from core.themes import css_variables, palette

    colours = theme.colours() if theme else palette()
    return format_html("<style>:root{{{}}}</style>", css_variables(colours))
