"""schema.org data of public pages (R8.3, Thông tư 37/2020 Điều 9: dữ liệu đặc tả)."""

from __future__ import annotations

from django.conf import settings
from django.utils.html import strip_tags

from core.models import SchoolProfile, ThemeSettings

# schema.org types per school level (the generic one when unknown).
_LEVEL_TYPES = {
    "mam_non": "Preschool",
    "tieu_hoc": "ElementarySchool",
    "thcs": "MiddleSchool",
    "th_thcs": "School",
    "thpt": "HighSchool",
}


def _absolute_image(request, image) -> str:
    if not image:
        return ""
    from core.templatetags.portal_tags import image_absolute_url

    return image_absolute_url(request, image)


def organization_data(request, home) -> dict:
    """The school as an EducationalOrganization (or its School subtype) for the home page."""
    school = getattr(request, "tenant", None)
    profile = SchoolProfile.for_request(request)
    theme = ThemeSettings.for_request(request)
    name = profile.official_name or (school.name if school else home.title)
    data: dict = {
        "@context": "https://schema.org",
        "@type": [
            "EducationalOrganization",
            _LEVEL_TYPES.get(getattr(school, "level", ""), "School"),
        ],
        "name": name,
        "url": home.get_full_url(request) or request.build_absolute_uri("/"),
    }
    if home.search_description or home.intro:
        data["description"] = home.search_description or strip_tags(home.intro).strip()
    if profile.address:
        data["address"] = {
            "@type": "PostalAddress",
            "streetAddress": profile.address,
            "addressCountry": "VN",
        }
    if profile.phone:
        data["telephone"] = profile.phone
    if profile.email:
        data["email"] = profile.email
    if profile.map_url:
        data["hasMap"] = profile.map_url
    if theme.logo:
        data["logo"] = _absolute_image(request, theme.logo)
    data["parentOrganization"] = {
        "@type": "GovernmentOrganization",
        "name": settings.PORTAL_OPERATOR_NAME,
    }
    return data


def news_article_data(request, page) -> dict:
    """A NewsPage as a schema.org NewsArticle, with author and publisher (R3.4, R8.3)."""
    school = getattr(request, "tenant", None)
    profile = SchoolProfile.for_request(request)
    publisher = profile.official_name or (school.name if school else "")
    published = page.first_published_at or page.last_published_at
    data: dict = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": page.title[:110],
        "datePublished": (published.isoformat() if published else page.date.isoformat()),
        "url": page.get_full_url(request),
        "mainEntityOfPage": page.get_full_url(request),
        "inLanguage": "vi",
        "publisher": {"@type": "EducationalOrganization", "name": publisher},
    }
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    if page.intro or page.search_description:
        data["description"] = page.search_description or page.intro
    if page.author_name:
        data["author"] = {"@type": "Person", "name": page.author_name}
    if page.image:
        data["image"] = [_absolute_image(request, page.image)]
    if page.source_url:
        data["isBasedOn"] = page.source_url
    return data
