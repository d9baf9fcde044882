"""The baseline for the PostgreSQL backend: the same statements in raw PostgreSQL FTS.

What a developer would write by hand with PostgreSQL's own full-text search,
none of the project's code: to_tsvector('english', text) in a stored
generated column with a GIN index, the query words as phraseto_tsquery()
ANDed together, ts_rank() ranking, ts_headline() for the 20 snippets, LIMIT
20, the total, and GROUP BY counts of the five facets (speaker, country,
type, year, subject) over the whole matched set. The same work fts5.py asks
of SQLite, so the two baselines answer the same mix the same way.

It lives in the bench's throwaway database (the one Django uses in the child
process), in a schema of its own, `bench_fts`, so the archive's tables are
never read or written. It has its own psycopg connection in autocommit: no
Django transaction, time limit or cursor wrapper sits between it and the
server.
"""

from __future__ import annotations

from collections.abc import Iterable

import psycopg

from .fts5 import month_bounds
from .queries import BenchQuery

SCHEMA = "bench_fts"
CONFIG = "english"  # PostgreSQL's stock configuration: Porter stems and stop words

# No index and no primary key yet: rows load faster into bare tables, and each
# index is then built once in bulk (PostgreSQL docs, "Populating a Database").
# `tsv` is a stored generated column, so COPY computes it while loading and no
# second pass (an UPDATE, which would rewrite every row) is needed.
TABLES = f"""
CREATE TABLE {SCHEMA}.docs (
    id integer NOT NULL,
    text text NOT NULL,
    tsv tsvector GENERATED ALWAYS AS (to_tsvector('{CONFIG}', text)) STORED,
    meeting_type text NOT NULL,
    year integer NOT NULL,
    day integer NOT NULL
);
CREATE TABLE {SCHEMA}.speakers (statement_id integer NOT NULL, slug text NOT NULL);
CREATE TABLE {SCHEMA}.speaker_names (statement_id integer NOT NULL, name text NOT NULL);
CREATE TABLE {SCHEMA}.countries (statement_id integer NOT NULL, country text NOT NULL);
CREATE TABLE {SCHEMA}.subjects (statement_id integer NOT NULL, slug text NOT NULL);
"""
INDEXES = f"""
ALTER TABLE {SCHEMA}.docs ADD PRIMARY KEY (id);
CREATE INDEX docs_tsv ON {SCHEMA}.docs USING gin (tsv);
CREATE INDEX docs_year ON {SCHEMA}.docs (year);
CREATE INDEX docs_day ON {SCHEMA}.docs (day);
CREATE INDEX docs_type ON {SCHEMA}.docs (meeting_type);
CREATE INDEX speakers_id ON {SCHEMA}.speakers (statement_id);
CREATE INDEX speaker_names_name ON {SCHEMA}.speaker_names (lower(name), statement_id);
CREATE INDEX countries_id ON {SCHEMA}.countries (statement_id);
CREATE INDEX countries_country ON {SCHEMA}.countries (country, statement_id);
CREATE INDEX subjects_id ON {SCHEMA}.subjects (statement_id);
"""
# (table, its value column, the StatementDoc attribute) of the one-to-many tables.
SIDE_TABLES = (
    ("speakers", "slug", "speaker_slugs"),
    ("speaker_names", "name", "speaker_names"),
    ("countries", "country", "countries"),
    ("subjects", "slug", "subject_slugs"),
)

# The total and every facet in one statement: the matched set is computed once
# (MATERIALIZED) and each count reads it, as fts5.py reads its temp table.
FACETS_SQL = f"""
WITH matched AS MATERIALIZED (
    SELECT docs.id, docs.meeting_type, docs.year FROM {SCHEMA}.docs AS docs WHERE {{where}}
)
SELECT 'total', NULL, count(*) FROM matched
UNION ALL SELECT 'speaker', s.slug, count(*)
    FROM matched JOIN {SCHEMA}.speakers AS s ON s.statement_id = matched.id GROUP BY s.slug
UNION ALL SELECT 'country', c.country, count(*)
    FROM matched JOIN {SCHEMA}.countries AS c ON c.statement_id = matched.id GROUP BY c.country
UNION ALL SELECT 'type', meeting_type, count(*) FROM matched GROUP BY meeting_type
UNION ALL SELECT 'year', year::text, count(*) FROM matched WHERE year > 0 GROUP BY year
UNION ALL SELECT 'subject', s.slug, count(*)
    FROM matched JOIN {SCHEMA}.subjects AS s ON s.statement_id = matched.id GROUP BY s.slug
"""
# The best `limit` by ts_rank; ts_headline (which re-parses the text) runs on
# those rows only, in the outer query, after the LIMIT.
TOP_SQL = f"""
SELECT id, rank, ts_headline('{CONFIG}', text, {{tsquery}},
    'StartSel=<mark>, StopSel=</mark>, MaxWords=24, MinWords=12')
FROM (
    SELECT docs.id, docs.text, ts_rank(docs.tsv, {{tsquery}}) AS rank
    FROM {SCHEMA}.docs AS docs WHERE {{where}}
    ORDER BY rank DESC, docs.id LIMIT %(limit)s
) AS top
ORDER BY rank DESC, id
"""
# No words: the newest first, as fts5.py and the search page order them.
LATEST_SQL = f"""
SELECT docs.id, 0, substr(docs.text, 1, 200) FROM {SCHEMA}.docs AS docs
WHERE {{where}} ORDER BY docs.day DESC, docs.id DESC LIMIT %(limit)s
"""
FACETS = ("speaker", "country", "type", "year", "subject")
# Keys of Django's OPTIONS that are Django's own, not libpq connection parameters.
DJANGO_ONLY_OPTIONS = (
    "assume_role",
    "isolation_level",
    "pool",
    "server_side_binding",
    "prepare_threshold",
)


def django_conninfo() -> dict:
    """psycopg connection parameters for the database Django is using right now."""
    from django.db import connection

    settings = connection.settings_dict
    params = {
        key: value for key, value in settings["OPTIONS"].items() if key not in DJANGO_ONLY_OPTIONS
    }
    for key, setting in (
        ("dbname", "NAME"),
        ("user", "USER"),
        ("password", "PASSWORD"),
        ("host", "HOST"),
        ("port", "PORT"),
    ):
        if settings.get(setting):
            params[key] = str(settings[setting])
    return params


class PostgresFtsBaseline:
    def __init__(self, conninfo: str | dict | None = None):
        """`conninfo`: a URL or psycopg keyword dict; by default Django's own database."""
        if conninfo is None:
            conninfo = django_conninfo()
        params = {"conninfo": conninfo} if isinstance(conninfo, str) else dict(conninfo)
        # prepare_threshold=None: no server-side prepared statements, as Django
        # runs ours; a generic plan cached after five runs would serve a rare
        # word and a common one alike.
        self.connection = psycopg.connect(**params, autocommit=True, prepare_threshold=None)

    def build(self, batches: Iterable[list]) -> int:
        """Load StatementDoc batches (meetings.search.documents); returns rows loaded."""
        db = self.connection
        count = 0
        with db.transaction():
            db.execute(f"DROP SCHEMA IF EXISTS {SCHEMA} CASCADE")
            db.execute(f"CREATE SCHEMA {SCHEMA}")
            db.execute(TABLES)
            with db.cursor() as cursor:
                for batch in batches:
                    # COPY streams rows in PostgreSQL's bulk format: at a million
                    # statements, far quicker than INSERTs (even executemany).
                    with cursor.copy(
                        f"COPY {SCHEMA}.docs (id, text, meeting_type, year, day) FROM STDIN"
                    ) as copy:
                        for d in batch:
                            copy.write_row((d.id, d.text, d.meeting_type, d.year, d.date_ordinal))
                    for table, column, attribute in SIDE_TABLES:
                        with cursor.copy(
                            f"COPY {SCHEMA}.{table} (statement_id, {column}) FROM STDIN"
                        ) as copy:
                            for d in batch:
                                for value in getattr(d, attribute):
                                    copy.write_row((d.id, value))
                    count += len(batch)
            db.execute(INDEXES)
        # Planner statistics for the new tables (autovacuum would get there later).
        db.execute(
            f"ANALYZE {SCHEMA}.docs, {SCHEMA}.speakers, {SCHEMA}.speaker_names,"
            f" {SCHEMA}.countries, {SCHEMA}.subjects"
        )
        return count

    def size_mb(self) -> float:
        """Tables, their TOAST and indexes in the bench_fts schema."""
        row = self.connection.execute(
            "SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0) FROM pg_class AS c"
            " JOIN pg_namespace AS n ON n.oid = c.relnamespace"
            " WHERE n.nspname = %s AND c.relkind = 'r'",
            [SCHEMA],
        ).fetchone()
        return round(int(row[0]) / 1e6, 2)

    def close(self) -> None:
        self.connection.close()

    def run(self, query: BenchQuery, limit: int = 20) -> dict:
        """Top `limit` hits with snippets, the total and the facet counts."""
        db = self.connection
        tsquery, params = match_expression(query)
        where, filter_params = filter_clauses(query)
        params.update(filter_params, limit=limit)
        if tsquery:
            where.insert(0, f"docs.tsv @@ {tsquery}")
            top_sql = TOP_SQL.format(tsquery=tsquery, where=" AND ".join(where))
        else:
            top_sql = LATEST_SQL.format(where=" AND ".join(where) or "true")
        top = db.execute(top_sql, params).fetchall()
        rows = db.execute(FACETS_SQL.format(where=" AND ".join(where) or "true"), params)
        total = 0
        facets: dict[str, dict] = {name: {} for name in FACETS}
        for name, value, n in rows.fetchall():
            if name == "total":
                total = n
            else:
                facets[name][int(value) if name == "year" else value] = n
        return {"ids": [row[0] for row in top], "total": total, "facets": facets}


def match_expression(query: BenchQuery) -> tuple[str, dict]:
    """The tsquery as SQL and its parameters: fts5.match_expression's meaning.

    Each word is phraseto_tsquery() of that word (a word PostgreSQL splits,
    such as "six-party", stays one phrase, as a quoted FTS5 string does), the
    phrase is phraseto_tsquery() of its words, and all are ANDed with &&.
    Stop words drop out, as PostgreSQL's english configuration has them; a
    query of stop words only matches nothing (raw PostgreSQL behaviour).
    Returns ("", {}) when the query has no words (filters only).
    """
    parts, params = [], {}
    for index, word in enumerate(query.words):
        parts.append(f"phraseto_tsquery('{CONFIG}', %(word{index})s)")
        params[f"word{index}"] = word
    if query.phrase:
        parts.append(f"phraseto_tsquery('{CONFIG}', %(phrase)s)")
        params["phrase"] = " ".join(query.phrase)
    return ("(" + " && ".join(parts) + ")" if parts else ""), params


def filter_clauses(query: BenchQuery) -> tuple[list[str], dict]:
    """fts5.filter_clauses for PostgreSQL: the same conditions on the same columns."""
    where: list[str] = []
    params: dict = {}
    if query.speaker:  # names match regardless of case, as COLLATE NOCASE in FTS5
        where.append(
            f"docs.id IN (SELECT statement_id FROM {SCHEMA}.speaker_names"
            " WHERE lower(name) = lower(%(speaker)s))"
        )
        params["speaker"] = query.speaker
    if query.year:
        where.append("docs.year = %(year)s")
        params["year"] = query.year
    if query.date_range:
        where.append("docs.day BETWEEN %(day_low)s AND %(day_high)s")
        params["day_low"], params["day_high"] = month_bounds(*query.date_range)
    filters = query.filters
    if "type" in filters:
        where.append("docs.meeting_type = %(type)s")
        params["type"] = filters["type"]
    if "year" in filters:
        where.append("docs.year = %(filter_year)s")
        params["filter_year"] = int(filters["year"])
    if "country" in filters:
        where.append(
            f"docs.id IN (SELECT statement_id FROM {SCHEMA}.countries WHERE country = %(country)s)"
        )
        params["country"] = filters["country"]
    return where, params
