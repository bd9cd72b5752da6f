"""The contact page shows the school profile and a map (R2.4)."""

from __future__ import annotations

from wagtail.models import Site

from about.maps import coordinates_from_url, school_map
from core.models import SchoolProfile


def _profile(**fields) -> SchoolProfile:
    profile = SchoolProfile.for_site(Site.objects.get(is_default_site=True))
    for name, value in fields.items():
        setattr(profile, name, value)
    profile.save()
    return profile


class ContactPageTests:
    def test_shows_school_profile_and_an_openstreetmap_embed(self, school_a, client_a, in_school):
        with in_school(school_a):
            _profile(
                address="12 đường số 1, phường An Lạc",
                phone="(028) 3875 0001",
                email="thcsa@pgdbinhtan.edu.vn",
                office_hours="Thứ Hai – Thứ Sáu: 7 giờ 00 – 17 giờ 00",
                map_url="https://www.openstreetmap.org/?mlat=10.72415&mlon=106.61587#map=17/10.72415/106.61587",
            )
        body = client_a.get("/lien-he/").content.decode()
        main = body.split("<main", 1)[1].split("</main>", 1)[0]
        assert "12 đường số 1, phường An Lạc" in main
        assert 'href="tel:02838750001"' in main
        assert 'href="mailto:thcsa@pgdbinhtan.edu.vn"' in main
        assert "Thứ Hai – Thứ Sáu: 7 giờ 00 – 17 giờ 00" in main
        assert "https://www.openstreetmap.org/export/embed.html?bbox=" in main
        assert "marker=10.724150,106.615870" in main
        assert "<script" not in main

    def test_without_map_link_the_address_gives_a_search_link(self, school_a, client_a, in_school):
        with in_school(school_a):
            _profile(address="12 đường số 1, phường An Lạc", map_url="")
        body = client_a.get("/lien-he/").content.decode()
        assert "https://www.openstreetmap.org/search?query=12%20%C4%91%C6%B0%E1%BB%9Dng" in body
        assert "<iframe" not in body

    def test_empty_profile_gives_a_friendly_message(self, school_b, client_b, in_school):
        with in_school(school_b):
            _profile(address="", phone="", email="", office_hours="", map_url="")
        body = client_b.get("/lien-he/").content.decode()
        assert "Nhà trường đang cập nhật thông tin liên hệ" in body

    def test_lists_leadership_contacts(self, school_a, client_a, in_school, add_staff):
        with in_school(school_a):
            add_staff(2, prefix="Trần Quốc")
        body = client_a.get("/lien-he/").content.decode()
        assert "Liên hệ Ban Giám hiệu" in body
        assert "Trần Quốc Số0" in body and "Hiệu trưởng" in body


class MapLinkTests:
    def test_reads_coordinates_from_osm_and_google_links(self):
        assert coordinates_from_url("https://www.openstreetmap.org/#map=18/10.7601/106.6123") == (
            10.7601,
            106.6123,
        )
        assert coordinates_from_url(
            "https://www.google.com/maps/place/Tr%C6%B0%E1%BB%9Dng/@10.7601,106.6123,17z"
        ) == (10.7601, 106.6123)
        assert coordinates_from_url("https://maps.google.com/?q=10.7601,106.6123") == (
            10.7601,
            106.6123,
        )

    def test_ignores_impossible_or_missing_coordinates(self):
        assert coordinates_from_url("https://maps.app.goo.gl/AbCdEf") is None
        assert coordinates_from_url("https://www.openstreetmap.org/?mlat=95&mlon=106") is None
        assert coordinates_from_url("") is None

    def test_unreadable_link_is_kept_as_a_plain_link(self):
        result = school_map("https://maps.app.goo.gl/AbCdEf", "1 đường A")
        assert result.link == "https://maps.app.goo.gl/AbCdEf" and not result.embed_url
        assert school_map("", "  ") is None
