"""The PostgreSQL search backend's table (meetings/search/postgres/models.py).

Created only on PostgreSQL: on SQLite this migration does nothing, so the
default set-up never needs tsvector or GIN.
"""

from django.db import migrations

CREATE = """
CREATE TABLE IF NOT EXISTS meetings_searchdocument (
    statement_id bigint PRIMARY KEY,
    meeting_id bigint NOT NULL,
    content_hash varchar(32) NOT NULL,
    body tsvector NOT NULL,
    fields tsvector NOT NULL,
    speakers text[] NOT NULL,
    countries text[] NOT NULL,
    subjects text[] NOT NULL,
    meeting_type varchar(20) NOT NULL,
    year integer NOT NULL,
    date_ordinal integer NOT NULL
);
CREATE INDEX IF NOT EXISTS meetings_searchdocument_body ON meetings_searchdocument USING gin (body);
CREATE INDEX IF NOT EXISTS meetings_searchdocument_fields ON meetings_searchdocument USING gin (fields);
CREATE INDEX IF NOT EXISTS meetings_searchdocument_meeting ON meetings_searchdocument (meeting_id);
CREATE INDEX IF NOT EXISTS meetings_searchdocument_date ON meetings_searchdocument (date_ordinal);
"""
DROP = "DROP TABLE IF EXISTS meetings_searchdocument;"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("meetings", "0001_initial")]

    operations = [migrations.RunPython(create, drop)]
