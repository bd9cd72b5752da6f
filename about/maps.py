"""A map for the contact page from the school's map link or address (R2.4).

No external JavaScript: an OpenStreetMap embed (a plain iframe) when coordinates can be read
from the link, otherwise just a link.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from urllib.parse import parse_qs, quote, urlsplit

OSM_SEARCH = "https://www.openstreetmap.org/search?query={query}"
OSM_EMBED = (
    "https://www.openstreetmap.org/export/embed.html"
    "?bbox={west:.5f},{south:.5f},{east:.5f},{north:.5f}&layer=mapnik&marker={lat:.6f},{lon:.6f}"
)
OSM_VIEW = "https://www.openstreetmap.org/?mlat={lat:.6f}&mlon={lon:.6f}#map=17/{lat:.6f}/{lon:.6f}"
_NUMBER = r"(-?\d{1,3}(?:\.\d+)?)"
_AT_RE = re.compile(r"@" + _NUMBER + "," + _NUMBER)  # Google: /maps/place/…/@10.75,106.6,17z
_PAIR_RE = re.compile(r"^\s*" + _NUMBER + r"\s*,\s*" + _NUMBER + r"\s*$")
_HASH_RE = re.compile(r"map=\d+(?:\.\d+)?/" + _NUMBER + "/" + _NUMBER)  # OSM: #map=17/lat/lon
_HALF_SPAN = 0.004  # degrees either side of the marker: a few streets around the school


@dataclass(frozen=True)
class SchoolMap:
    link: str
    embed_url: str = ""
    lat: float | None = None
    lon: float | None = None


def _valid(lat: float, lon: float) -> bool:
    return -90 <= lat <= 90 and -180 <= lon <= 180


def coordinates_from_url(url: str) -> tuple[float, float] | None:
    """Read latitude and longitude from an OpenStreetMap or Google Maps link."""
    if not url:
        return None
    parts = urlsplit(url)
    query = parse_qs(parts.query)
    candidates: list[tuple[str, str]] = []
    if "mlat" in query and "mlon" in query:
        candidates.append((query["mlat"][0], query["mlon"][0]))
    for key in ("q", "ll", "query", "center"):
        for value in query.get(key, []):
            match = _PAIR_RE.match(value)
            if match:
                candidates.append(match.groups())
    for pattern, text in ((_HASH_RE, parts.fragment), (_AT_RE, parts.path)):
        match = pattern.search(text)
        if match:
            candidates.append(match.groups())
    for lat_text, lon_text in candidates:
        try:
            lat, lon = float(lat_text), float(lon_text)
        except ValueError:
            continue
        if _valid(lat, lon):
            return lat, lon
    return None


def school_map(map_url: str, address: str) -> SchoolMap | None:
    """What the contact page shows: an embed when possible, a link otherwise, or nothing."""
    coordinates = coordinates_from_url(map_url)
    if coordinates:
        lat, lon = coordinates
        embed = OSM_EMBED.format(
            west=lon - _HALF_SPAN,
            south=lat - _HALF_SPAN,
            east=lon + _HALF_SPAN,
            north=lat + _HALF_SPAN,
            lat=lat,
            lon=lon,
        )
        return SchoolMap(link=map_url, embed_url=embed, lat=lat, lon=lon)
    if map_url:
        return SchoolMap(link=map_url)
    if address.strip():
        return SchoolMap(link=OSM_SEARCH.format(query=quote(address.strip())))
    return None
