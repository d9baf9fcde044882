"""The baseline: the same statements in a plain SQLite FTS5 table.

Its own sqlite3 file and connection (never Django's): porter stemming,
bm25() ranking, snippet(), LIMIT 20, and GROUP BY counts of the five facets
over the whole matched set, the work our search page asks of the index.
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from collections.abc import Iterable
from pathlib import Path

from .queries import BenchQuery

SCHEMA = """
CREATE VIRTUAL TABLE fts USING fts5(text, tokenize='porter unicode61');
CREATE TABLE docs (
    id INTEGER PRIMARY KEY, meeting_type TEXT, year INTEGER, day INTEGER
);
CREATE TABLE speakers (statement_id INTEGER, slug TEXT);
CREATE TABLE speaker_names (statement_id INTEGER, name TEXT COLLATE NOCASE);
CREATE TABLE countries (statement_id INTEGER, country TEXT);
CREATE TABLE subjects (statement_id INTEGER, slug TEXT);
"""
INDEXES = """
CREATE INDEX docs_year ON docs(year);
CREATE INDEX docs_day ON docs(day);
CREATE INDEX docs_type ON docs(meeting_type);
CREATE INDEX speakers_id ON speakers(statement_id);
CREATE INDEX speaker_names_name ON speaker_names(name, statement_id);
CREATE INDEX countries_id ON countries(statement_id);
CREATE INDEX countries_country ON countries(country, statement_id);
CREATE INDEX subjects_id ON subjects(statement_id);
"""
# CROSS JOIN keeps `matched` the outer loop: a rare word's few hits are looked
# up by index instead of scanning every row of the facet table.
FACET_SQL = {
    "speaker": "SELECT slug, COUNT(*) FROM matched CROSS JOIN speakers"
    " ON speakers.statement_id = matched.id GROUP BY slug",
    "country": "SELECT country, COUNT(*) FROM matched CROSS JOIN countries"
    " ON countries.statement_id = matched.id GROUP BY country",
    "type": "SELECT meeting_type, COUNT(*) FROM matched CROSS JOIN docs ON docs.id = matched.id"
    " GROUP BY meeting_type",
    "year": "SELECT year, COUNT(*) FROM matched CROSS JOIN docs ON docs.id = matched.id"
    " WHERE year > 0 GROUP BY year",
    "subject": "SELECT slug, COUNT(*) FROM matched CROSS JOIN subjects"
    " ON subjects.statement_id = matched.id GROUP BY slug",
}


class Fts5Baseline:
    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.connection = sqlite3.connect(self.path)
        self.connection.execute("PRAGMA journal_mode=WAL")

    def build(self, batches: Iterable[list]) -> int:
        """Load StatementDoc batches (meetings.search.documents); returns rows loaded."""
        db = self.connection
        db.executescript(SCHEMA)
        count = 0
        with db:
            for batch in batches:
                db.executemany(
                    "INSERT INTO fts(rowid, text) VALUES (?, ?)", [(d.id, d.text) for d in batch]
                )
                db.executemany(
                    "INSERT INTO docs VALUES (?, ?, ?, ?)",
                    [(d.id, d.meeting_type, d.year, d.date_ordinal) for d in batch],
                )
                for table, attribute in (
                    ("speakers", "speaker_slugs"),
                    ("speaker_names", "speaker_names"),
                    ("countries", "countries"),
                    ("subjects", "subject_slugs"),
                ):
                    rows = [(d.id, value) for d in batch for value in getattr(d, attribute)]
                    db.executemany(f"INSERT INTO {table} VALUES (?, ?)", rows)
                count += len(batch)
        db.executescript(INDEXES)
        db.execute("ANALYZE")
        return count

    def size_mb(self) -> float:
        paths = [self.path, Path(f"{self.path}-wal")]
        return round(sum(p.stat().st_size for p in paths if p.exists()) / 1e6, 2)

    def close(self) -> None:
        self.connection.close()

    def run(self, query: BenchQuery, limit: int = 20) -> dict:
        """Top `limit` hits with snippets, the total and the facet counts."""
        db = self.connection
        match = match_expression(query)
        where, params = filter_clauses(query)
        db.execute("DROP TABLE IF EXISTS temp.matched")
        # A keyed table: the facet joins look ids up instead of scanning the matched set.
        db.execute("CREATE TEMP TABLE matched (id INTEGER PRIMARY KEY)")
        if match:
            sql = "SELECT fts.rowid AS id FROM fts JOIN docs ON docs.id = fts.rowid"
            sql += " WHERE fts MATCH ?" + "".join(f" AND {w}" for w in where)
            db.execute(f"INSERT INTO matched {sql}", [match, *params])
            top = db.execute(
                "SELECT fts.rowid, bm25(fts), snippet(fts, 0, '<mark>', '</mark>', '…', 24)"
                " FROM fts JOIN matched ON matched.id = fts.rowid WHERE fts MATCH ?"
                " ORDER BY bm25(fts) LIMIT ?",
                [match, limit],
            ).fetchall()
        else:
            sql = "SELECT id FROM docs" + (" WHERE " + " AND ".join(where) if where else "")
            db.execute(f"INSERT INTO matched {sql}", params)
            top = db.execute(
                "SELECT docs.id, 0, substr(fts.text, 1, 200) FROM docs"
                " JOIN matched ON matched.id = docs.id JOIN fts ON fts.rowid = docs.id"
                " ORDER BY docs.day DESC LIMIT ?",
                [limit],
            ).fetchall()
        total = db.execute("SELECT COUNT(*) FROM matched").fetchone()[0]
        facets = {name: dict(db.execute(sql).fetchall()) for name, sql in FACET_SQL.items()}
        return {"ids": [row[0] for row in top], "total": total, "facets": facets}


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def match_expression(query: BenchQuery) -> str:
    parts = [_quoted(word) for word in query.words]
    if query.phrase:
        parts.append(_quoted(" ".join(query.phrase)))
    return " AND ".join(parts)


def month_bounds(first: str, last: str) -> tuple[int, int]:
    year, month = map(int, first.split("-"))
    low = dt.date(year, month, 1)
    year, month = map(int, last.split("-"))
    high = dt.date(year + (month == 12), month % 12 + 1, 1) - dt.timedelta(days=1)
    return low.toordinal(), high.toordinal()


def filter_clauses(query: BenchQuery) -> tuple[list[str], list]:
    where: list[str] = []
    params: list = []
    if query.speaker:
        where.append("docs.id IN (SELECT statement_id FROM speaker_names WHERE name = ?)")
        params.append(query.speaker)
    if query.year:
        where.append("docs.year = ?")
        params.append(query.year)
    if query.date_range:
        where.append("docs.day BETWEEN ? AND ?")
        params.extend(month_bounds(*query.date_range))
    filters = query.filters
    if "type" in filters:
        where.append("docs.meeting_type = ?")
        params.append(filters["type"])
    if "year" in filters:
        where.append("docs.year = ?")
        params.append(int(filters["year"]))
    if "country" in filters:
        where.append("docs.id IN (SELECT statement_id FROM countries WHERE country = ?)")
        params.append(filters["country"])
    return where, params
