"""The PostgreSQL backend's search documents: one row per indexed statement.

Unmanaged: the tables exist only on PostgreSQL, created by the vendor-guarded
migration 0002_search_document, so SQLite databases never see them. Imported
only by the postgres backend package, never at start-up.
"""

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    statement_id = models.BigIntegerField(primary_key=True)
    meeting_id = models.BigIntegerField()
    content_hash = models.CharField(max_length=32)
    body = SearchVectorField()  # english stems of the accent-folded text
    fields = SearchVectorField()  # "speaker_putin", "country_japan", "topic_korea", ...
    speakers = ArrayField(models.TextField())  # person slugs (facets)
    countries = ArrayField(models.TextField())
    subjects = ArrayField(models.TextField())  # subject slugs
    meeting_type = models.CharField(max_length=20)
    year = models.IntegerField()
    date_ordinal = models.IntegerField()

    class Meta:
        app_label = "meetings"
        db_table = "meetings_searchdocument"
        managed = False

    def __str__(self):
        return f"search document for statement {self.statement_id}"


class SearchVocabulary(models.Model):
    """Folded words of the indexed text and how many documents had them ("did you mean").

    Counts grow at index time and are exact after a rebuild; a word whose
    statements are gone is never suggested, because a suggestion must match.
    """

    word = models.TextField(primary_key=True)
    documents = models.IntegerField()

    class Meta:
        app_label = "meetings"
        db_table = "meetings_searchvocabulary"
        managed = False

    def __str__(self):
        return self.word
