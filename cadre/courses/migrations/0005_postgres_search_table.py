"""The full-text index of the catalogue on PostgreSQL: one row per course and language with
its weighted documents (stemmed in the language's configuration, and unstemmed), under GIN
indexes per language, so that a search reads the index once instead of computing every
course's documents. SQLite has its FTS5 table (0002); nothing is created there."""

from django.db import migrations

TABLE = "courses_course_search"
LANGUAGES = ("ar", "en", "fr", "es")
CONFIGS = {"ar": "arabic", "en": "english", "fr": "french", "es": "spanish"}
FIELDS = (("title", "A"), ("summary", "B"), ("objectives", "C"), ("learning_outcomes", "C"))


def _document(language, config):
    order = [language, *(code for code in LANGUAGES if code != language)]
    parts = []
    for field, weight in FIELDS:
        text = "COALESCE(" + ", ".join(f"NULLIF({field}_{code}, '')" for code in order) + ", '')"
        parts.append(f"setweight(to_tsvector('{config}'::regconfig, {text}), '{weight}')")
    return " || ".join(parts)


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute("SELECT cfgname FROM pg_ts_config")
        available = {row[0] for row in cursor.fetchall()}
    schema_editor.execute(
        # No foreign key: Django empties the courses table with TRUNCATE (tests, flush), which
        # a table it does not know must not block; rows of a removed course are forgotten by
        # search_index.forget, and a search joins the courses, so a stray row matches nothing.
        f"CREATE TABLE {TABLE} (course_id integer NOT NULL, language varchar(2) NOT NULL, "
        "stemmed tsvector NOT NULL, plain tsvector NOT NULL, PRIMARY KEY (course_id, language))"
    )
    for language in LANGUAGES:
        config = CONFIGS[language] if CONFIGS[language] in available else "simple"
        schema_editor.execute(
            f"INSERT INTO {TABLE} (course_id, language, stemmed, plain) SELECT id, '{language}', "
            f"{_document(language, config)}, {_document(language, 'simple')} FROM courses_course"
        )
        for column in ("stemmed", "plain"):
            schema_editor.execute(
                f"CREATE INDEX {TABLE}_{column}_{language} ON {TABLE} USING gin ({column}) "
                f"WHERE language = '{language}'"
            )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP TABLE IF EXISTS {TABLE}")


class Migration(migrations.Migration):
    dependencies = [("courses", "0004_translated_descriptions")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
