"""The PostgreSQL search backend's text search configuration and word list.

Created only on PostgreSQL, like 0002. `archive_search` stems English with the
Porter stemmer, as Whoosh's StemFilter does, and keeps every word: stop words
are dropped from single query words in Python (query.STOP_WORDS), like
Whoosh, yet phrases keep them in place. Creating it needs only the CREATE
right on the schema, no extension. The word list (SearchVocabulary, in
meetings/search/postgres/models.py) feeds "did you mean"; it is filled from
the statements already in the database when a search index exists. An index
built before this migration used the `english` configuration: run
`manage.py rebuild_index` once.
"""

import re
import unicodedata
from collections import Counter

from django.db import migrations

CREATE = """
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'archive_search') THEN
        CREATE TEXT SEARCH DICTIONARY archive_porter (TEMPLATE = snowball, LANGUAGE = porter);
        CREATE TEXT SEARCH CONFIGURATION archive_search (COPY = english);
        ALTER TEXT SEARCH CONFIGURATION archive_search
            ALTER MAPPING FOR asciiword, asciihword, hword_asciipart, word, hword, hword_part
            WITH archive_porter;
    END IF;
END
$$;
CREATE TABLE IF NOT EXISTS meetings_searchvocabulary (
    word text PRIMARY KEY,
    documents integer NOT NULL
);
CREATE INDEX IF NOT EXISTS meetings_searchvocabulary_initial
    ON meetings_searchvocabulary (left(word, 1), length(word));
"""
DROP = """
DROP TABLE IF EXISTS meetings_searchvocabulary;
DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_search;
DROP TEXT SEARCH DICTIONARY IF EXISTS archive_porter;
"""
UPSERT = """
INSERT INTO meetings_searchvocabulary (word, documents)
SELECT word, n FROM unnest(%s::text[], %s::integer[]) AS counted(word, n)
ON CONFLICT (word) DO UPDATE
SET documents = meetings_searchvocabulary.documents + EXCLUDED.documents
"""
BASE_LETTERS = str.maketrans({"ß": "s", "ø": "o", "ł": "l", "đ": "d", "þ": "t", "ð": "d", "ı": "i"})


def _words(text):
    # A frozen copy of meetings.search.postgres.analysis.words_of.
    decomposed = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
    return set(re.findall(r"[^\W_]+", folded.translate(BASE_LETTERS)))


def create(apps, schema_editor):
    connection = schema_editor.connection
    if connection.vendor != "postgresql":
        return
    schema_editor.execute(CREATE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM meetings_searchdocument)")
        if not cursor.fetchone()[0]:
            return
        counts = Counter()
        texts = apps.get_model("meetings", "Statement").objects.values_list("text", flat=True)
        for text in texts.iterator(chunk_size=2000):
            counts.update(_words(text))
        words = sorted(counts)
        cursor.execute(UPSERT, [words, [counts[word] for word in words]])


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0002_search_document")]

    operations = [migrations.RunPython(create, drop)]
