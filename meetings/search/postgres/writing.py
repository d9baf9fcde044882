"""Keeping the search rows true to the database; a rebuild runs in one transaction,
so searches see the old rows until it commits."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.db import connection, transaction
from django.db.models import Func, TextField, Value

from .. import documents, query
from .analysis import CONFIG, analyse, prepared, words_of
from .models import SearchDocument, SearchVocabulary


def _field_tokens(doc: documents.StatementDoc, stems: dict) -> list[str]:
    tokens = [
        f"{prefix}_{word}"
        for prefix, text in (
            ("speaker", " ".join(doc.speaker_names)),
            ("country", " ".join(doc.countries)),
            ("location", doc.location),
        )
        for word in query.simple_tokens(text)
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
