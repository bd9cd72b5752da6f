"""The search engine behind ``sitesearch``: Whoosh (default) or PostgreSQL (R9.3).

``settings.PORTAL_SEARCH_BACKEND`` picks the engine: ``"whoosh"`` (one index directory per
school under ``SEARCH_INDEX_ROOT``, embedded, nothing to run) or ``"postgres"`` (one shared
table in the public schema, for deployments with several web hosts, and one query for the
operator's portal-wide search). Both engines take the same :class:`SearchDocument`, answer
the same :class:`ParsedQuery` and return the same :class:`StoredHit` rows, so services,
selectors, views and templates never know which one runs.
"""

from __future__ import annotations

import dataclasses
import datetime
from types import ModuleType

from django.conf import settings

from sitesearch.analysis import identifier_forms, nfc

# Field weights: title > summary = identifier words > body > attachment text.
WEIGHTS = {"title": 8.0, "summary": 4.0, "ident": 4.0, "body": 2.0, "attach": 1.0}
KINDS = ("news", "documents", "disclosure", "procedures", "pages")
# Text kept with a document only to build snippets; the indexed text itself is not capped.
SNIPPET_SOURCE_CHARS = 20_000
BACKENDS = ("whoosh", "postgres")
# Matches scored per school and query at most, by either engine: a query of words found in
# most pages ("kế hoạch năm học") would otherwise score every page. The newest pages are
# looked at first. On the portal the schools share PORTAL_SCORED_BUDGET, at least
# PORTAL_MIN_PER_SCHOOL each. Walking the matches of such a query is what its time is spent
# on (bench.search_profile): 300 newest matches rank a school's broad query, 15 per school
# the portal's (which shows 10 per page).
SCORED_BUDGET = 300
PORTAL_SCORED_BUDGET = 1500
PORTAL_MIN_PER_SCHOOL = 10


def scoring_budget(schools: int) -> int:
    """Matches scored per school when ``schools`` schools are searched at once."""
    if schools <= 1:
        return SCORED_BUDGET
    return min(SCORED_BUDGET, max(PORTAL_MIN_PER_SCHOOL, PORTAL_SCORED_BUDGET // schools))


@dataclasses.dataclass
class SearchDocument:
    """What the index knows about one page; built by ``sitesearch.documents``."""

    page_id: int
    url: str
    title: str
    kind: str = "pages"
    summary: str = ""
    body: str = ""
    attachments: str = ""
    identifiers: list[str] = dataclasses.field(default_factory=list)
    date: datetime.datetime | None = None
    school_year: str = ""
    issuer: str = ""  # cơ quan ban hành, for the issuer filter

    def parts(self) -> dict[str, str]:
        """The texts to index, NFC, keyed like :data:`WEIGHTS`."""
        return {
            "title": nfc(self.title),
            "summary": nfc(self.summary),
            "ident": " ".join(nfc(value) for value in self.identifiers),
            "body": nfc(self.body),
            "attach": nfc(self.attachments),
        }

    def identifier_forms(self) -> list[str]:
        return list(
            dict.fromkeys(form for value in self.identifiers for form in identifier_forms(value))
        )

    def safe_kind(self) -> str:
        return self.kind if self.kind in KINDS else "pages"

    def utc_date(self) -> datetime.datetime | None:
        """The date as an aware UTC datetime (a plain date is midnight UTC)."""
        date = self.date
        if date is None:
            return None
        if not isinstance(date, datetime.datetime):
            date = datetime.datetime.combine(date, datetime.time())
        if date.tzinfo is None:
            return date.replace(tzinfo=datetime.UTC)
        return date.astimezone(datetime.UTC)


@dataclasses.dataclass(frozen=True)
class ParsedQuery:
    """What the user typed, as words: never a query language (``selectors.build_query``)."""

    words: tuple[str, ...]  # lower-case, diacritics kept
    folded: tuple[str, ...]  # the same words folded
    identifiers: tuple[str, ...] = ()  # whole number/symbol forms, e.g. "2326/gdđt-thcs"


@dataclasses.dataclass
class StoredHit:
    """One result as the engine stored it: no page is loaded to show it."""

    schema_name: str
    page_id: int
    url: str
    title: str
    kind: str
    date: datetime.datetime | None  # aware, UTC
    school_year: str
    summary: str
    body: str
    attach: str
    score: float


@dataclasses.dataclass
class EngineResults:
    hits: list[StoredHit]  # the best ``limit`` hits, best first
    total: int
    exact: bool = True  # False: ``total`` is an estimate


def backend_name() -> str:
    name = getattr(settings, "PORTAL_SEARCH_BACKEND", "whoosh") or "whoosh"
    if name not in BACKENDS:
        raise ValueError(f"PORTAL_SEARCH_BACKEND must be one of {BACKENDS}, not {name!r}")
    return name


def engine() -> ModuleType:
    """The module of the configured engine (``whoosh_backend`` or ``postgres_backend``)."""
    if backend_name() == "postgres":
        from sitesearch import postgres_backend

        return postgres_backend
    from sitesearch import whoosh_backend

    return whoosh_backend


def documents_write(
    schema_name: str,
    *,
    add=(),
    remove=(),
    clear: bool = False,
    timeout: float = 30.0,
) -> int:
    """Add or replace ``add`` and delete the pages ``remove`` in one commit; returns the count.

    ``clear`` drops the school's other documents in the same commit (a rebuild): readers see
    the old documents until the new ones are complete.
    """
    return engine().documents_write(
        schema_name, add=add, remove=remove, clear=clear, timeout=timeout
    )


def stored_url(schema_name: str, page_id: int) -> str | None:
    """The URL indexed for a page, or ``None`` when it is not in the index."""
    return engine().stored_url(schema_name, page_id)


def indexed_page_ids(schema_name: str) -> set[int]:
    return engine().indexed_page_ids(schema_name)


def index_exists(schema_name: str) -> bool:
    """Whether the school's index was ever built (an empty school counts as built)."""
    return engine().index_exists(schema_name)


def index_drop(schema_name: str) -> None:
    """Forget every document of a school (it was deleted)."""
    engine().index_drop(schema_name)


def issuers(schema_names: list[str]) -> list[str]:
    """The issuers (cơ quan ban hành) of the indexed pages of these schools, sorted."""
    return engine().issuers(schema_names)


def search(
    schema_names: list[str], query: ParsedQuery | None, filters, *, limit: int
) -> EngineResults:
    """The best ``limit`` hits over the given schools (by score; by date without a query)."""
    return engine().search(schema_names, query, filters, limit=limit)


def index_path(schema_name: str):
    """Whoosh only: the directory of a school's index."""
    from sitesearch import whoosh_backend

    return whoosh_backend.index_path(schema_name)


def open_index(schema_name: str, *, create: bool = True):
    """Whoosh only: the school's index, created empty on first use when ``create``."""
    from sitesearch import whoosh_backend

    return whoosh_backend.open_index(schema_name, create=create)


def date_bounds(filters) -> tuple[datetime.datetime | None, datetime.datetime | None]:
    """The filters' first and last day as aware UTC instants of the site's local days."""
    from zoneinfo import ZoneInfo

    zone = ZoneInfo(settings.TIME_ZONE)

    def instant(day: datetime.date | None, end: bool) -> datetime.datetime | None:
        if day is None:
            return None
        moment = datetime.datetime.combine(day, datetime.time.max if end else datetime.time.min)
        return moment.replace(tzinfo=zone).astimezone(datetime.UTC)

    return instant(filters.date_from, end=False), instant(filters.date_to, end=True)
