"""The PostgreSQL backend: tsvector / tsquery with the english configuration.

Statements are indexed into meetings_searchdocument (pg_models.py). Text is
folded and split into words in Python first (`words_of`, accents off as in the
Whoosh backend, no `unaccent` needed) and only then stemmed by PostgreSQL, so
markup-like text such as `<script>` is words, not a tag PostgreSQL would skip.
Query words take the same road (`analyse`), and the tsquery is written from
their lexemes, so a word of only stop words drops out exactly as in Whoosh.

`body` holds the stems, `fields` prefixed tokens ("speaker_putin", and for
topic and title the stems: "topic_fisheri"), arrays hold the facet values.
Snippets mark the words whose stems the query has, on the escaped text.
"Did you mean" reads meetings_searchvocabulary, a word list kept at index time.
A rebuild runs in one transaction, so searches see the old rows until it commits.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import pairwise

from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector, SearchVectorField
from django.db import connection, transaction
from django.db.models import F, Func, Q, TextField, Value
from django.db.utils import OperationalError

from . import documents, highlight
from .pg_models import SearchDocument, SearchVocabulary
from .query import (
    MIN_WORD_LENGTH,
    STOP_WORDS,
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
    common_prefix_length,
    fold,
    simple_tokens,
)

CONFIG = "archive_search"  # english Porter stems, no stop words: migration 0003
WORD = re.compile(r"[^\W_]+")
STEMMED_FIELDS = ("topic", "title")
MAX_SUGGESTION_CANDIDATES = 5


def words_of(text: str) -> list[str]:
    """Folded words, the units both the index and the queries hand to PostgreSQL."""
    return WORD.findall(fold(text))


def prepared(text: str) -> str:
    return " ".join(words_of(text))


@dataclass(frozen=True)
class Lexeme:
    position: int
    text: str
    searchable: bool  # False for stop words and one-letter words, searched only in phrases


def analyse(texts: Iterable[str]) -> dict[str, list[Lexeme]]:
    """{text: its lexemes in order} as the body column has them, one round trip for all."""
    words = {text: words_of(text) for text in set(texts)}
    unique = sorted({" ".join(found) for found in words.values() if found})
    by_form: dict[str, list[tuple[int, str]]] = {form: [] for form in unique}
    if unique:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT given.t, v.lexeme, v.positions "
                "FROM unnest(%s::text[]) AS given(t) "
                "CROSS JOIN LATERAL unnest(to_tsvector(%s::regconfig, given.t)) AS v",
                [unique, CONFIG],
            )
            for form, lexeme, positions in cursor.fetchall():
                by_form[form].extend((position, lexeme) for position in positions or [1])
    result = {}
    for text, found in words.items():
        searchable = {
            index + 1
            for index, word in enumerate(found)
            if word not in STOP_WORDS and len(word) >= MIN_WORD_LENGTH
        }
        result[text] = [
            Lexeme(position, lexeme, position in searchable)
            for position, lexeme in sorted(by_form.get(" ".join(found), []))
        ]
    return result


def _quoted(lexeme: str) -> str:
    return "'" + lexeme.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase(lexemes: list[Lexeme]) -> str:
    parts = [_quoted(lexemes[0].text)]
    for before, after in pairwise(lexemes):
        gap = after.position - before.position
        parts.append("&" if gap == 0 else "<->" if gap == 1 else f"<{gap}>")
        parts.append(_quoted(after.text))
    return "(" + " ".join(parts) + ")" if len(parts) > 1 else parts[0]


def word_tsquery(lexemes: list[Lexeme]) -> str | None:
    """A typed word as Whoosh reads it: its one searchable stem, or if it has several
    (six-party) the phrase of all its parts; None for a stop word."""
    searchable = [lexeme for lexeme in lexemes if lexeme.searchable]
    if not searchable:
        return None
    return _phrase(lexemes) if len(searchable) > 1 else _quoted(searchable[0].text)


def phrase_tsquery(lexemes: list[Lexeme]) -> str | None:
    """A quoted phrase: every word in its place, stop words too."""
    return _phrase(lexemes) if len(lexemes) > 1 else word_tsquery(lexemes)


def searchable_stems(lexemes: list[Lexeme]) -> list[str]:
    return [lexeme.text for lexeme in lexemes if lexeme.searchable]


class TsQuery(SearchQuery):
    """A tsquery written by us from analysed lexemes, not re-parsed by to_tsquery."""

    def __init__(self, literal: str):
        super().__init__("")
        self.literal = literal

    def as_sql(self, compiler, connection, **kwargs):
        return "%s::tsquery", [self.literal]


def all_of(tokens: list[str]) -> TsQuery | None:
    return TsQuery(" & ".join(_quoted(token) for token in tokens)) if tokens else None


# ---------------------------------------------------------------- translation


def _texts_to_analyse(node) -> list[str]:
    if isinstance(node, Word):
        return [node.text]
    if isinstance(node, Phrase):
        return [" ".join(node.words)]
    if isinstance(node, FieldTerm) and node.field in ("topic", "subject", "title"):
        return [_field_text(node)]
    if isinstance(node, Not):
        return _texts_to_analyse(node.child)
    if isinstance(node, And | Or):
        return [text for child in node.children for text in _texts_to_analyse(child)]
    return []


def _field_text(node: FieldTerm) -> str:
    return node.value if node.field == "title" else node.value.replace("-", " ")


class Translator:
    """The syntax tree as one Q object, its words analysed in one round trip."""

    def __init__(self, parsed: ParsedQuery):
        self.parsed = parsed
        self.lexemes = analyse(_texts_to_analyse(parsed.tree) + parsed.positive_words())

    def text_query(self, node: Word | Phrase) -> TsQuery | None:
        if isinstance(node, Word):
            literal = word_tsquery(self.lexemes.get(node.text, []))
        else:
            literal = phrase_tsquery(self.lexemes.get(" ".join(node.words), []))
        return TsQuery(literal) if literal else None

    def translate(self, node) -> Q | None:
        if isinstance(node, MatchAll):
            return Q()
        if isinstance(node, Word | Phrase):
            query = self.text_query(node)
            return Q(body=query) if query is not None else None
        if isinstance(node, FieldTerm):
            return self.field_query(node)
        if isinstance(node, Range):
            return range_condition(node)
        if isinstance(node, Not):
            child = self.translate(node.child)
            return ~child if child is not None else None
        if isinstance(node, And | Or):
            children = [q for q in map(self.translate, node.children) if q is not None]
            if not children:
                return None
            combined = children[0]
            for child in children[1:]:
                combined = combined & child if isinstance(node, And) else combined | child
            return combined
        return None

    def field_query(self, node: FieldTerm) -> Q | None:
        value = node.value
        if node.field == "type":
            return Q(meeting_type=canonical_type(value))
        if node.field == "speaker":
            tokens = simple_tokens(value.replace("-", " "))
        elif node.field == "country":
            tokens = simple_tokens(canonical_country(value))
        elif node.field == "location":
            tokens = simple_tokens(value)
        else:
            tokens = searchable_stems(self.lexemes.get(_field_text(node), []))
        prefix = "topic" if node.field == "subject" else node.field
        query = all_of([f"{prefix}_{token}" for token in tokens])
        words = Q(fields=query) if query is not None else None
        if node.field == "subject":
            by_slug = Q(subjects__contains=[value])
            return by_slug | words if words is not None else by_slug
        return words

    def ranking_query(self) -> TsQuery | None:
        words = self.parsed.positive_words()
        literals = [word_tsquery(self.lexemes.get(word, [])) for word in words]
        literals = [literal for literal in literals if literal]
        return TsQuery(" | ".join(literals)) if literals else None


def range_condition(node: Range) -> Q:
    column = "year" if node.field == "year" else "date_ordinal"
    condition = Q(**{f"{column}__gte": node.low or 1})
    if node.high is not None:
        condition &= Q(**{f"{column}__lte": node.high})
    return condition


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
        condition &= range_condition(node)
    return condition


# ---------------------------------------------------------------- search

NOTHING = {"ids": [], "scores": [], "total": 0, "facets": {}, "notices": []}


def run_search(parsed: ParsedQuery, filters: dict, page: int, per_page: int, sort: str) -> dict:
    translator = Translator(parsed)
    condition = translator.translate(parsed.tree)
    if condition is None:
        notice = "the query has only very common words, which are not searched"
        return {**NOTHING, "notices": [notice]}
    matched = SearchDocument.objects.filter(condition & filter_condition(filters))
    try:
        with time_limit():
            rows = _page(matched, translator.ranking_query(), page, per_page, sort)
            total, facets = totals_and_facets(matched)
    except OperationalError:
        notice = (
            f"the search took longer than {settings.SEARCH_TIME_LIMIT_S:g} s and was "
            "stopped; try fewer or more specific words"
        )
        return {**NOTHING, "notices": [notice]}
    return {
        "ids": [row[0] for row in rows],
        "scores": [float(row[1] or 0) for row in rows],
        "total": total,
        "facets": facets,
        "notices": [],
    }


@contextmanager
def time_limit():
    """SEARCH_TIME_LIMIT_S for the queries inside, then the timeout the connection had."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SHOW statement_timeout")
        before = cursor.fetchone()[0]
        limit = f"{int(settings.SEARCH_TIME_LIMIT_S * 1000)}ms"
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [limit])
        yield
        cursor.execute("SELECT set_config('statement_timeout', %s, true)", [before])


def _page(matched, rank_query, page: int, per_page: int, sort: str):
    start, end = (page - 1) * per_page, page * per_page
    if sort == "relevance" and rank_query is not None:
        ranked = matched.annotate(rank=SearchRank(F("body"), rank_query))
        ordered = ranked.order_by("-rank", "statement_id")
        return list(ordered.values_list("statement_id", "rank")[start:end])
    ordering = (
        ("date_ordinal", "statement_id") if sort == "date" else ("-date_ordinal", "-statement_id")
    )
    rows = matched.order_by(*ordering).values_list("statement_id", flat=True)[start:end]
    return [(statement_id, 0.0) for statement_id in rows]


FACETS_SQL = """
WITH matched AS MATERIALIZED ({matched})
SELECT 'total', '', count(*) FROM matched
UNION ALL SELECT 'speaker', value, count(*)
    FROM matched CROSS JOIN LATERAL unnest(matched.speakers) AS value GROUP BY value
UNION ALL SELECT 'country', value, count(*)
    FROM matched CROSS JOIN LATERAL unnest(matched.countries) AS value GROUP BY value
UNION ALL SELECT 'subject', value, count(*)
    FROM matched CROSS JOIN LATERAL unnest(matched.subjects) AS value GROUP BY value
UNION ALL SELECT 'type', meeting_type, count(*) FROM matched GROUP BY meeting_type
UNION ALL SELECT 'year', year::text, count(*) FROM matched WHERE year > 0 GROUP BY year
"""


def totals_and_facets(matched) -> tuple[int, dict[str, dict[str, int]]]:
    """The number of matches and every facet's counts, in one pass over the matches."""
    columns = matched.order_by().values("speakers", "countries", "subjects", "meeting_type", "year")
    inner, params = columns.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(FACETS_SQL.format(matched=inner), params)
        rows = cursor.fetchall()
    total = 0
    counts: dict[str, list[tuple[str, int]]] = {}
    for name, value, n in rows:
        if name == "total":
            total = n
        else:
            counts.setdefault(name, []).append((value, n))
    facets = {
        name: dict(sorted(counts.get(name, []), key=lambda row: (-row[1], row[0])))
        for name in ("speaker", "country", "subject", "type")
    }
    facets["year"] = dict(sorted(counts.get("year", []), key=_year_order))
    return total, facets


def _year_order(row) -> int:
    return int(row[0])


# ---------------------------------------------------------------- snippets, suggestions, related


def snippets(texts: dict[int, str], parsed: ParsedQuery) -> dict[int, str]:
    """Escaped text with <mark> around each word whose stem the query searched."""
    analysed = analyse(parsed.positive_words()).values()
    wanted = {stem for found in analysed for stem in searchable_stems(found)}
    spans_of = {statement_id: [] for statement_id in texts}
    if wanted:
        words = {
            statement_id: [(m.start(), m.end(), fold(m.group())) for m in WORD.finditer(text)]
            for statement_id, text in texts.items()
        }
        stems = analyse({word for found in words.values() for _, _, word in found})
        for statement_id, found in words.items():
            spans_of[statement_id] = [
                (start, end)
                for start, end, word in found
                if any(lexeme.text in wanted for lexeme in stems.get(word, []))
            ]
    return {
        statement_id: highlight.build_snippet(text, spans_of[statement_id])
        for statement_id, text in texts.items()
    }


def corrections(words: list[str]) -> dict[str, str]:
    """{unknown word: the likeliest indexed word}, as the Whoosh backend chooses it."""
    terms = {}
    for word in words:
        parts = words_of(word)
        if len(parts) == 1 and len(parts[0]) >= 3 and not parts[0].isdigit():
            terms[word] = parts[0]
    if not terms:
        return {}
    known = set(
        SearchVocabulary.objects.filter(word__in=set(terms.values())).values_list("word", flat=True)
    )
    found = {}
    for word, term in terms.items():
        if term not in known:
            better = _best_candidate(term)
            if better:
                found[word] = better
    return found


def known_words(words: Iterable[str]) -> set[str]:
    """The words every part of which some indexed statement has (by the vocabulary)."""
    parts = {word: words_of(word) for word in words}
    wanted = {part for found in parts.values() for part in found}
    known = set(
        SearchVocabulary.objects.filter(word__in=wanted, documents__gt=0).values_list(
            "word", flat=True
        )
    )
    return {word for word, found in parts.items() if found and set(found) <= known}


def _best_candidate(term: str) -> str | None:
    from rapidfuzz.distance import Levenshtein

    limit = 1 if len(term) <= 4 else 2
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT word, documents FROM meetings_searchvocabulary "
            "WHERE left(word, 1) = left(%s, 1) AND length(word) BETWEEN %s AND %s",
            [term, len(term) - limit, len(term) + limit],
        )
        rows = cursor.fetchall()
    close = [
        (common_prefix_length(term, word), documents, word)
        for word, documents in rows
        if Levenshtein.distance(term, word, score_cutoff=limit) <= limit
    ]
    for _, _, word in sorted(close, reverse=True)[:MAX_SUGGESTION_CANDIDATES]:
        if _is_indexed(word):
            return word
    return None


def _is_indexed(word: str) -> bool:
    """True when some indexed statement has `word` (counts may be stale after deletes)."""
    literal = word_tsquery(analyse([word])[word])
    return literal is not None and SearchDocument.objects.filter(body=TsQuery(literal)).exists()


def related(statement_id: int, text: str, limit: int) -> list[int]:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT lexeme FROM unnest(to_tsvector(%s::regconfig, %s)) "
            "WHERE length(lexeme) > 2 AND lexeme <> ALL(%s::text[]) "
            "ORDER BY array_length(positions, 1) DESC, lexeme LIMIT 12",
            [CONFIG, prepared(text), sorted(STOP_WORDS)],
        )
        lexemes = [row[0] for row in cursor.fetchall()]
    if not lexemes:
        return []
    any_of = TsQuery(" | ".join(_quoted(lexeme) for lexeme in lexemes))
    rows = (
        SearchDocument.objects.filter(body=any_of)
        .exclude(statement_id=statement_id)
        .annotate(rank=SearchRank(F("body"), any_of))
        .order_by("-rank", "statement_id")
        .values_list("statement_id", flat=True)[:limit]
    )
    return list(rows)


# ---------------------------------------------------------------- writing


def _field_tokens(doc: documents.StatementDoc, stems: dict) -> list[str]:
    tokens = [
        f"{prefix}_{word}"
        for prefix, text in (
            ("speaker", " ".join(doc.speaker_names)),
            ("country", " ".join(doc.countries)),
            ("location", doc.location),
        )
        for word in simple_tokens(text)
    ]
    for prefix, text in (("topic", doc.topic.replace("-", " ")), ("title", doc.title)):
        tokens.extend(f"{prefix}_{lexeme.text}" for lexeme in stems.get(text, []))
    return sorted(set(tokens))


def _row(doc: documents.StatementDoc, stems: dict) -> SearchDocument:
    return SearchDocument(
        statement_id=doc.id,
        meeting_id=doc.meeting_id,
        content_hash=doc.content_hash,
        body=SearchVector(Value(prepared(doc.text)), config=CONFIG),
        fields=Func(
            Value(_field_tokens(doc, stems), output_field=ArrayField(TextField())),
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


VOCABULARY_UPSERT = """
INSERT INTO meetings_searchvocabulary (word, documents)
SELECT word, n FROM unnest(%s::text[], %s::integer[]) AS counted(word, n)
ON CONFLICT (word) DO UPDATE
SET documents = meetings_searchvocabulary.documents + EXCLUDED.documents
"""


def _count_words(counts: Counter) -> None:
    words = sorted(counts)  # one order for every writer: no deadlocks between upserts
    if words:
        with connection.cursor() as cursor:
            cursor.execute(VOCABULARY_UPSERT, [words, [counts[word] for word in words]])


def _write(docs: list[documents.StatementDoc], counts: Counter | None = None) -> None:
    """Insert rows for `docs`; their words go to `counts`, or straight to the vocabulary."""
    stems = analyse({doc.topic.replace("-", " ") for doc in docs} | {doc.title for doc in docs})
    SearchDocument.objects.bulk_create([_row(doc, stems) for doc in docs], batch_size=200)
    words = Counter(word for doc in docs for word in set(words_of(doc.text)))
    if counts is None:
        _count_words(words)
    else:
        counts.update(words)


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
    counts: Counter = Counter()
    with transaction.atomic():
        SearchDocument.objects.all().delete()
        for batch in documents.iter_all_docs():
            _write(batch, counts)
            done += len(batch)
            if on_batch is not None:
                on_batch(done, total)
        SearchVocabulary.objects.all().delete()
        _count_words(counts)
    return done


def indexed_hashes() -> dict[int, str]:
    return dict(SearchDocument.objects.values_list("statement_id", "content_hash"))


def count() -> int:
    return SearchDocument.objects.count()
