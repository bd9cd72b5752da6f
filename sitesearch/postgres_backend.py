"""The PostgreSQL engine: one shared table ``public.sitesearch_entry`` for every school
(R1.1, R9.3), for deployments with several web hosts (nothing on local disk).

A row per page: its school's schema name, the fields shown in results, the identifiers'
whole forms (``text[]``, GIN) and a ``tsvector`` written from the same Python analysis as
the Whoosh engine (``sitesearch.analysis``), so both engines see the same words: ``doc_f``,
folded (no diacritics, ``đ`` → ``d``), GIN-indexed with the schema name (``btree_gin``).
Weights A title, B summary and identifier words, C body, D attachment text. Exact-diacritic
matches and title phrases are ranked first by ``selectors._rerank``, as for Whoosh.
Building the vectors in Python instead of ``to_tsvector('vi_unaccent', …)`` keeps
``2326/GDĐT-THCS`` and ``35.000`` the tokens Whoosh sees (PostgreSQL's parser makes file
paths and version numbers of them) and gives both engines one definition of a word.

A school is always filtered by ``schema_name``, so one school never sees another's rows;
the portal passes the list of active schools and gets the merged ranking in one query.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, transaction

from sitesearch.analysis import _WORD_RE, fold
from sitesearch.backend import (
    SNIPPET_SOURCE_CHARS,
    EngineResults,
    ParsedQuery,
    SearchDocument,
    StoredHit,
    date_bounds,
    scoring_budget,
)

TABLE = "public.sitesearch_entry"
PART_WEIGHTS = {"title": "A", "summary": "B", "ident": "B", "body": "C", "attach": "D"}
# ts_rank's weights for {D, C, B, A}: the Whoosh engine's 1 : 2 : 4 : 8.
RANK_WEIGHTS = "{0.125, 0.25, 0.5, 1.0}"
IDENT_BONUS = 10.0
MAX_POSITION = 16383  # PostgreSQL's limit
POSITIONS_PER_LEXEME = 16  # enough for ranking; keeps vectors of long attachments small
MAX_LEXEME_CHARS = 200
BATCH = 500


def _quote(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def tsvector_literal(parts: dict[str, str]) -> str:
    """``'lexeme':1A,5A 'other':2B …`` from the texts, tokenised like the Whoosh engine."""
    positions: dict[str, list[str]] = {}
    position = 0
    for part, weight in PART_WEIGHTS.items():
        for match in _WORD_RE.finditer(parts.get(part, "")):
            word = match.group(0).lower()[:MAX_LEXEME_CHARS]
            lexeme = fold(word)
            position = min(position + 1, MAX_POSITION)
            found = positions.setdefault(lexeme, [])
            if len(found) < POSITIONS_PER_LEXEME:
                found.append(f"{position}{weight}")
    return " ".join(f"{_quote(lexeme)}:{','.join(where)}" for lexeme, where in positions.items())


def _row(schema_name: str, doc: SearchDocument) -> tuple:
    parts = doc.parts()
    return (
        schema_name,
        doc.page_id,
        doc.url,
        parts["title"],
        doc.safe_kind(),
        doc.school_year or "",
        doc.issuer or "",
        doc.utc_date(),
        parts["summary"][:SNIPPET_SOURCE_CHARS],
        parts["body"][:SNIPPET_SOURCE_CHARS],
        parts["attach"][:SNIPPET_SOURCE_CHARS],
        doc.identifier_forms(),
        tsvector_literal(parts),
    )


_INSERT = f"""
INSERT INTO {TABLE} (schema_name, page_id, url, title, kind, school_year, issuer, date,
    summary, snippet_body, snippet_attach, identifiers, doc_f)
VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s::tsvector)
ON CONFLICT (schema_name, page_id) DO UPDATE SET
    url = EXCLUDED.url, title = EXCLUDED.title, kind = EXCLUDED.kind,
    school_year = EXCLUDED.school_year, issuer = EXCLUDED.issuer, date = EXCLUDED.date, summary = EXCLUDED.summary,
    snippet_body = EXCLUDED.snippet_body, snippet_attach = EXCLUDED.snippet_attach,
    identifiers = EXCLUDED.identifiers, doc_f = EXCLUDED.doc_f
"""  # noqa: S608 - TABLE is a constant


def documents_write(
    schema_name: str,
    *,
    add: Iterable[SearchDocument] = (),
    remove: Iterable[int] = (),
    clear: bool = False,
    timeout: float = 30.0,
) -> int:
    """One transaction: readers see the previous rows until it commits (MVCC)."""
    count = 0
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL lock_timeout = %s", [f"{int(timeout * 1000)}ms"])
        if clear:
            cursor.execute(f"DELETE FROM {TABLE} WHERE schema_name = %s", [schema_name])  # noqa: S608
        removed = [int(page_id) for page_id in remove]
        if removed:
            cursor.execute(
                f"DELETE FROM {TABLE} WHERE schema_name = %s AND page_id = ANY(%s)",  # noqa: S608
                [schema_name, removed],
            )
        batch = []
        for doc in add:
            batch.append(_row(schema_name, doc))
            count += 1
            if len(batch) >= BATCH:
                cursor.executemany(_INSERT, batch)
                batch = []
        if batch:
            cursor.executemany(_INSERT, batch)
    return count


def issuers(schema_names: list[str]) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT DISTINCT issuer FROM {TABLE} "  # noqa: S608
            "WHERE schema_name = ANY(%s) AND issuer <> '' ORDER BY issuer",
            [list(schema_names)],
        )
        return [row[0] for row in cursor.fetchall()]


def stored_url(schema_name: str, page_id: int) -> str | None:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT url FROM {TABLE} WHERE schema_name = %s AND page_id = %s",  # noqa: S608
            [schema_name, page_id],
        )
        row = cursor.fetchone()
    return row[0] if row else None


def indexed_page_ids(schema_name: str) -> set[int]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT page_id FROM {TABLE} WHERE schema_name = %s", [schema_name])  # noqa: S608
        return {row[0] for row in cursor.fetchall()}


def index_exists(schema_name: str) -> bool:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT 1 FROM {TABLE} WHERE schema_name = %s LIMIT 1", [schema_name])  # noqa: S608
        return cursor.fetchone() is not None


def index_drop(schema_name: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE schema_name = %s", [schema_name])  # noqa: S608


def _tsquery(lexemes: Iterable[str], operator: str) -> str:
    return f" {operator} ".join(_quote(lexeme) for lexeme in dict.fromkeys(lexemes))


_COLUMNS = (
    "schema_name, page_id, url, title, kind, date, school_year, summary, snippet_body, "
    "snippet_attach"
)


def search(
    schema_names: list[str], parsed: ParsedQuery | None, filters, *, limit: int
) -> EngineResults:
    if not schema_names:
        return EngineResults(hits=[], total=0)
    where = ["schema_name = ANY(%(schemas)s)"]
    params: dict = {"schemas": list(schema_names), "limit": limit}
    if filters.kind:
        where.append("kind = %(kind)s")
        params["kind"] = filters.kind
    if filters.school_year:
        where.append("school_year = %(school_year)s")
        params["school_year"] = filters.school_year
    if filters.issuer:
        where.append("issuer = %(issuer)s")
        params["issuer"] = filters.issuer
    start, end = date_bounds(filters)
    if start:
        where.append("date >= %(start)s")
        params["start"] = start
    if end:
        where.append("date <= %(end)s")
        params["end"] = end
    if parsed is None:
        if len(where) == 1:
            return EngineResults(hits=[], total=0)
        score, order = "0.0", "date DESC NULLS LAST, page_id"
    else:
        matches, ranks = [], []
        if parsed.folded:
            params["qf"] = _tsquery(parsed.folded, "&")
            params["weights"] = RANK_WEIGHTS
            matches.append("doc_f @@ %(qf)s::tsquery")
            ranks.append("ts_rank(%(weights)s::float4[], doc_f, %(qf)s::tsquery, 1)")
        if parsed.identifiers:
            params["forms"] = list(parsed.identifiers)
            matches.append("identifiers && %(forms)s::text[]")
            ranks.append(
                f"CASE WHEN identifiers && %(forms)s::text[] THEN {IDENT_BONUS} ELSE 0 END"
            )
        if not matches:
            return EngineResults(hits=[], total=0)
        where.append("(" + " OR ".join(matches) + ")")
        score, order = " + ".join(ranks), "score DESC, schema_name, page_id"
        return _ranked(where, params, score, scoring_budget(len(schema_names)))
    sql = (
        f"SELECT {_COLUMNS}, {score} AS score, count(*) OVER () AS total "  # noqa: S608
        f"FROM {TABLE} WHERE {' AND '.join(where)} ORDER BY {order} LIMIT %(limit)s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    return EngineResults(hits=_hits(rows), total=rows[0][11] if rows else 0)


def _ranked(where: list[str], params: dict, score: str, budget: int) -> EngineResults:
    """At most ``budget`` matches per school are ranked (``backend.SCORED_BUDGET``), in the
    table's physical order, which a rebuild writes newest first; one query for any number of
    schools."""
    school_where = ["schema_name = s.name", *where[1:]]
    params["budget"] = budget
    sql = (
        "WITH candidates AS ("  # noqa: S608
        f"SELECT e.*, count(*) OVER (PARTITION BY e.schema_name) AS per_school "
        "FROM unnest(%(schemas)s::text[]) AS s(name) CROSS JOIN LATERAL ("
        f"SELECT {_COLUMNS}, {score} AS score FROM {TABLE} "
        f"WHERE {' AND '.join(school_where)} LIMIT %(budget)s) AS e) "
        f"SELECT {_COLUMNS}, score, count(*) OVER () AS total, "
        "max(per_school) OVER () AS fullest FROM candidates "
        "ORDER BY score DESC, schema_name, page_id LIMIT %(limit)s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        return EngineResults(hits=[], total=0)
    return EngineResults(hits=_hits(rows), total=rows[0][11], exact=rows[0][12] < budget)


def _hits(rows) -> list[StoredHit]:
    return [
        StoredHit(
            schema_name=row[0],
            page_id=row[1],
            url=row[2],
            title=row[3],
            kind=row[4],
            date=row[5],
            school_year=row[6],
            summary=row[7],
            body=row[8],
            attach=row[9],
            score=float(row[10]),
        )
        for row in rows
    ]
