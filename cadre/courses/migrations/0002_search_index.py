"""The full-text index of the catalogue on SQLite: an FTS5 table with one row per course and
language (rowid = course id * 4 + language position), kept up to date by the course services.
PostgreSQL searches the columns themselves, so nothing is created there."""

from django.db import migrations

CREATE = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS courses_course_fts USING fts5("
    "body, tokenize = 'unicode61 remove_diacritics 2')"
)
DROP = "DROP TABLE IF EXISTS courses_course_fts"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(CREATE)


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("courses", "0001_initial")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
