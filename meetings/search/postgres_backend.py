"""The PostgreSQL backend: SearchVector / SearchQuery / SearchRank / SearchHeadline.

Statements are indexed into meetings_searchdocument (pg_models.py): `body`
holds english stems of the accent-folded text, `fields` holds prefixed tokens
("speaker_putin") from array_to_tsvector, arrays hold the facet values. The
same syntax tree as the Whoosh backend (query.py) becomes one Q object. A
rebuild runs in one transaction, so searches see the old rows until it commits.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import (
    SearchHeadline,
    SearchQuery,
    SearchRank,
    SearchVector,
    SearchVectorField,
)
from django.db import connection, transaction
from django.db.models import Count, F, Func, Q, TextField, Value
from django.db.utils import OperationalError

from . import documents, highlight
from .pg_models import SearchDocument
from .query import (
    And,
    FieldTerm,
    MatchAll,
    Not,
    Or,
    ParsedQuery,
    Phrase,
    Range,
    Word,
    canonical_country,
    canonical_type,
    fold,
    simple_tokens,
)

CONFIG = "english"
START, STOP = "\x02", "\x03"  # ts_headline markers, replaced by <mark> after escaping
VOCAB_TTL_S = 60.0


class LexemeQuery(SearchQuery):
    """A tsquery from our own quoted lexemes, not re-parsed by to_tsquery."""

    def __init__(self, lexemes: list[str], operator: str = "&"):
        super().__init__("")
        self.literal = f" {operator} ".join(f"'{lexeme}'" for lexeme in lexemes)

    def as_sql(self, compiler, connection, **kwargs):
        return "%s::tsquery", [self.literal]


# ---------------------------------------------------------------- translation


def translate(node) -> Q | None:
    if isinstance(node, MatchAll):
        return Q()
    if isinstance(node, Word):
        return _text_query(node.text)
    if isinstance(node, Phrase):
        return _text_query(" ".join(node.words))
    if isinstance(node, FieldTerm):
        return _field_query(node)
    if isinstance(node, Range):
        column = "year" if node.field == "year" else "date_ordinal"
        condition = Q(**{f"{column}__gte": node.low or 1})
        if node.high is not None:
            condition &= Q(**{f"{column}__lte": node.high})
        return condition
    if isinstance(node, Not):
        child = translate(node.child)
        return ~child if child is not None else None
    if isinstance(node, And | Or):
        children = [q for q in (translate(child) for child in node.children) if q is not None]
        if not children:
            return None
        combined = children[0]
        for child in children[1:]:
            combined = combined & child if isinstance(node, And) else combined | child
        return combined
    return None


def text_search_query(text: str) -> SearchQuery | None:
    words = simple_tokens(text)
    if not words:
        return None
    kind = "phrase" if len(words) > 1 else "plain"
    return SearchQuery(" ".join(words), config=CONFIG, search_type=kind)


def _text_query(text: str) -> Q | None:
    search_query = text_search_query(text)
    return Q(body=search_query) if search_query is not None else None


def _lexemes(prefix: str, text: str) -> Q | None:
    words = simple_tokens(text)
    if not words:
        return None
    return Q(fields=LexemeQuery([f"{prefix}_{word}" for word in words]))


def _field_query(node: FieldTerm) -> Q | None:
    value = node.value
    if node.field == "speaker":
        return _lexemes("speaker", value.replace("-", " "))
    if node.field == "country":
        return _lexemes("country", canonical_country(value))
    if node.field == "type":
        return Q(meeting_type=canonical_type(value))
    if node.field in ("title", "location"):
        return _lexemes(node.field, value)
    words = _lexemes("topic", value.replace("-", " "))
    if node.field == "subject":
        by_slug = Q(subjects__contains=[value])
        return by_slug | words if words is not None else by_slug
    return words


def ranking_query(parsed: ParsedQuery) -> SearchQuery | None:
    queries = [text_search_query(word) for word in parsed.positive_words()]
    queries = [q for q in queries if q is not None]
    if not queries:
        return None
    combined = queries[0]
    for other in queries[1:]:
        combined = combined | other
    return combined


def filter_condition(filters: dict) -> Q:
    condition = Q()
    for name, values in filters.get("facets", {}).items():
        for value in values:
            if name == "speaker":
                condition &= Q(speakers__contains=[value])
            elif name == "subject":
                condition &= Q(subjects__contains=[value])
            elif name == "country":
                condition &= Q(countries__contains=[canonical_country(value)])
            elif name == "type":
                condition &= Q(meeting_type=canonical_type(value))
    for node in filters.get("ranges", []):
        condition &= translate(node)
    return condition


# ---------------------------------------------------------------- search


def run_search(parsed: ParsedQuery, filters: dict, page: int, per_page: int, sort: str) -> dict:
    condition = translate(parsed.tree)
    if condition is None:
        return {
            "ids": [],
            "scores": [],
            "total": 0,
            "facets": {},
            "notices": ["the query has only very common words, which are not searched"],
        }
    matched = SearchDocument.objects.filter(condition & filter_condition(filters))
    timeout_ms = int(settings.SEARCH_TIME_LIMIT_S * 1000)
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL statement_timeout = %s", [timeout_ms])
            rows = _page(matched, parsed, page, per_page, sort)
            total = matched.count()
            facets = facet_counts(matched)
    except OperationalError:
        return {
            "ids": [],
            "scores": [],
            "total": 0,
            "facets": {},
            "notices": [
                f"the search took longer than {settings.SEARCH_TIME_LIMIT_S:g} s and was "
                "stopped; try fewer or more specific words"
            ],
        }
    return {
        "ids": [row[0] for row in rows],
        "scores": [float(row[1] or 0) for row in rows],
        "total": total,
        "facets": facets,
        "notices": [],
    }


def _page(matched, parsed, page: int, per_page: int, sort: str):
    start, end = (page - 1) * per_page, page * per_page
    rank_query = ranking_query(parsed)
    if sort == "relevance" and rank_query is not None:
        ranked = matched.annotate(rank=SearchRank(F("body"), rank_query))
        ordered = ranked.order_by("-rank", "statement_id")
        return list(ordered.values_list("statement_id", "rank")[start:end])
    ordering = (
        ("date_ordinal", "statement_id") if sort == "date" else ("-date_ordinal", "-statement_id")
    )
    rows = matched.order_by(*ordering).values_list("statement_id", flat=True)[start:end]
    return [(statement_id, 0.0) for statement_id in rows]


def facet_counts(matched) -> dict[str, dict[str, int]]:
    counts = {}
    for name, column in (
        ("speaker", "speakers"),
        ("country", "countries"),
        ("subject", "subjects"),
    ):
        rows = (
            matched.order_by()
            .annotate(value=Func(F(column), function="unnest", output_field=TextField()))
            .values("value")
            .annotate(n=Count("statement_id"))
            .values_list("value", "n")
        )
        counts[name] = dict(sorted(rows, key=lambda row: (-row[1], row[0])))
    types = matched.order_by().values("meeting_type").annotate(n=Count("statement_id"))
    counts["type"] = dict(
        sorted(((row["meeting_type"], row["n"]) for row in types), key=lambda r: (-r[1], r[0]))
    )
    years = matched.order_by().filter(year__gt=0).values("year").annotate(n=Count("statement_id"))
    counts["year"] = {str(row["year"]): row["n"] for row in sorted(years, key=lambda r: r["year"])}
    return counts


# ---------------------------------------------------------------- snippets, suggestions, related


def snippets(texts: dict[int, str], parsed: ParsedQuery) -> dict[int, str]:
    rank_query = ranking_query(parsed)
    if rank_query is None or not texts:
        return {i: highlight.build_snippet(text, []) for i, text in texts.items()}
    rows = documents.Statement.objects.filter(id__in=list(texts)).annotate(
        marked=SearchHeadline(
            F("text"),
            rank_query,
            config=CONFIG,
            start_sel=START,
            stop_sel=STOP,
            highlight_all=True,
        )
    )
    result = {}
    for statement_id, marked in rows.values_list("id", "marked"):
        text = texts[statement_id]
        spans = _marker_spans(marked or "")
        clean = (marked or "").replace(START, "").replace(STOP, "")
        result[statement_id] = highlight.build_snippet(text, spans if clean == text else [])
    return result


def _marker_spans(marked: str) -> list[tuple[int, int]]:
    spans, position, start = [], 0, None
    for char in marked:
        if char == START:
            start = position
        elif char == STOP:
            if start is not None:
                spans.append((start, position))
            start = None
        else:
            position += 1
    return spans


_vocabulary: dict = {"loaded": 0.0, "words": {}}


def vocabulary() -> dict[str, int]:
    """{word: statements containing it}, cached for a minute and after our own writes."""
    if time.monotonic() - _vocabulary["loaded"] > VOCAB_TTL_S:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT word, ndoc FROM ts_stat("
                "'SELECT to_tsvector(''simple'', text) FROM meetings_statement')"
            )
            _vocabulary["words"] = {fold(word): n for word, n in cursor.fetchall()}
        _vocabulary["loaded"] = time.monotonic()
    return _vocabulary["words"]


def corrections(words: list[str]) -> dict[str, str]:
    from rapidfuzz import process
    from rapidfuzz.distance import Levenshtein

    vocab = vocabulary()
    found = {}
    for word in words:
        parts = simple_tokens(word)
        if len(parts) != 1 or parts[0] in vocab or parts[0].isdigit() or len(parts[0]) < 3:
            continue
        term = parts[0]
        cutoff = 1 if len(term) <= 4 else 2
        matches = process.extract(
            term, list(vocab), scorer=Levenshtein.distance, score_cutoff=cutoff, limit=10
        )
        if matches:
            best = min(matches, key=lambda m: (m[1], -vocab[m[0]]))
            found[word] = best[0]
    return found


def related(statement_id: int, text: str, limit: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme FROM unnest(to_tsvector(%s, %s)) "
            "WHERE length(lexeme) > 2 ORDER BY array_length(positions, 1) DESC, lexeme LIMIT 12",
            [CONFIG, fold(text)],
        )
        lexemes = [row[0].replace("'", "") for row in cursor.fetchall()]
    if not lexemes:
        return []
    any_of = LexemeQuery(lexemes, operator="|")
    rows = (
        SearchDocument.objects.filter(body=any_of)
        .exclude(statement_id=statement_id)
        .annotate(rank=SearchRank(F("body"), any_of))
        .order_by("-rank", "statement_id")
        .values_list("statement_id", flat=True)[:limit]
    )
    return list(rows)


# ---------------------------------------------------------------- writing


def _row(doc: documents.StatementDoc) -> SearchDocument:
    tokens = [
        f"{prefix}_{word}"
        for prefix, text in (
            ("speaker", " ".join(doc.speaker_names)),
            ("country", " ".join(doc.countries)),
            ("topic", doc.topic),
            ("title", doc.title),
            ("location", doc.location),
        )
        for word in simple_tokens(text)
    ]
    return SearchDocument(
        statement_id=doc.id,
        meeting_id=doc.meeting_id,
        content_hash=doc.content_hash,
        body=SearchVector(Value(fold(doc.text)), config=CONFIG),
        fields=Func(
            Value(sorted(set(tokens)), output_field=ArrayField(TextField())),
            function="array_to_tsvector",
            output_field=SearchVectorField(),
        ),
        speakers=doc.speaker_slugs,
        countries=doc.countries,
        subjects=doc.subject_slugs,
        meeting_type=doc.meeting_type,
        year=doc.year,
        date_ordinal=doc.date_ordinal,
    )


def _write(docs: list[documents.StatementDoc]) -> None:
    SearchDocument.objects.bulk_create([_row(doc) for doc in docs], batch_size=200)
    _vocabulary["loaded"] = 0.0


def sync_statements(ids: Iterable[int]) -> int:
    ids = sorted({int(i) for i in ids})
    if not ids:
        return 0
    with transaction.atomic():
        docs = documents.load_docs(ids)
        SearchDocument.objects.filter(statement_id__in=ids).delete()
        _write(docs)
    return len(docs)


def sync_meetings(meeting_ids: Iterable[int]) -> int:
    meeting_ids = sorted({int(i) for i in meeting_ids})
    with transaction.atomic():
        docs = documents.load_docs(documents.statement_ids_for_meetings(meeting_ids))
        SearchDocument.objects.filter(meeting_id__in=meeting_ids).delete()
        SearchDocument.objects.filter(statement_id__in=[doc.id for doc in docs]).delete()
        _write(docs)
    return len(docs)


def remove_meetings(meeting_ids: Iterable[int]) -> None:
    SearchDocument.objects.filter(meeting_id__in=list(meeting_ids)).delete()


def remove_statements(ids: Iterable[int]) -> None:
    SearchDocument.objects.filter(statement_id__in=list(ids)).delete()


def rebuild(on_batch: Callable[[int, int], None] | None = None) -> int:
    """One transaction: other connections keep seeing the old rows until it commits."""
    total = documents.Statement.objects.count()
    done = 0
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for batch in documents.iter_all_docs():
            _write(batch)
            done += len(batch)
            if on_batch is not None:
                on_batch(done, total)
    return done


def indexed_hashes() -> dict[int, str]:
    return dict(SearchDocument.objects.values_list("statement_id", "content_hash"))


def count() -> int:
    return SearchDocument.objects.count()
