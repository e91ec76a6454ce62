"""The full-text index behind the catalogue search, one per database, each with one row per
course and language, joined once by the search (never a lookup per course).

PostgreSQL keeps `courses_course_search` (migration 0005): the course's texts as the reader of
each language sees them, as two weighted documents — stemmed with the language's text search
configuration, and unstemmed for word beginnings — under GIN indexes. SQLite keeps an FTS5
table (migration 0002). The course services call `reindex` after every write.
"""

import re

from django.db import connection
from django.db.models import QuerySet
from django.db.models.expressions import RawSQL
from django.utils import translation

from cadre.courses.models import LANGUAGE_CODES, SEARCHED_FIELDS, Course

FTS_TABLE = "courses_course_fts"
PG_TABLE = "courses_course_search"
PG_WEIGHTS = ("A", "B", "C", "C")
PG_CONFIGS = {"ar": "arabic", "en": "english", "fr": "french", "es": "spanish"}
_WORD = re.compile(r"\w+", re.UNICODE)
MAX_TERMS = 8


def terms_of(query: str) -> list[str]:
    """The words of a query, without any search syntax the person may have typed."""
    return _WORD.findall(query.casefold())[:MAX_TERMS]


def _rowid(course_id: int, language: str) -> int:
    return course_id * len(LANGUAGE_CODES) + LANGUAGE_CODES.index(language)


def _text_in(course: Course, language: str) -> str:
    """The course's text as a reader of `language` sees it (falling back like the pages)."""
    with translation.override(language):
        return "\n".join(str(getattr(course, name) or "") for name in SEARCHED_FIELDS)


def uses_fts5() -> bool:
    return connection.vendor == "sqlite"


def reindex(course: Course) -> None:
    if not uses_fts5():
        _reindex_postgres(course.pk)
        return
    with connection.cursor() as cursor:
        for language in LANGUAGE_CODES:
            rowid = _rowid(course.pk, language)
            cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [rowid])  # noqa: S608
            cursor.execute(
                f"INSERT INTO {FTS_TABLE} (rowid, body) VALUES (%s, %s)",  # noqa: S608
                [rowid, _text_in(course, language)],
            )


def forget(course_id: int) -> None:
    with connection.cursor() as cursor:
        if not uses_fts5():
            cursor.execute(f"DELETE FROM {PG_TABLE} WHERE course_id = %s", [course_id])  # noqa: S608
            return
        rowids = [_rowid(course_id, language) for language in LANGUAGE_CODES]
        cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid IN (%s, %s, %s, %s)", rowids)  # noqa: S608


def matching(courses: QuerySet[Course], query: str, language: str) -> QuerySet[Course]:
    """`courses` narrowed to those matching every word of `query` in `language`, annotated
    with `relevance` (higher is better)."""
    terms = terms_of(query)
    if not terms:
        return courses
    if uses_fts5():
        return _matching_fts5(courses, terms, language)
    return _matching_postgres(courses, terms, language)


def _matching_fts5(courses: QuerySet[Course], terms: list[str], language: str) -> QuerySet[Course]:
    expression = " ".join('"{}"*'.format(term.replace('"', "")) for term in terms)
    table = Course._meta.db_table
    size = len(LANGUAGE_CODES)
    # Only constants are formatted into the SQL; the search expression is a parameter.
    joined = courses.extra(  # noqa: S610
        tables=[FTS_TABLE],
        where=[
            f"{FTS_TABLE} MATCH %s",
            f'"{table}"."id" = {FTS_TABLE}.rowid / %s',
            f"{FTS_TABLE}.rowid %% %s = %s",
        ],
        params=[expression, size, size, LANGUAGE_CODES.index(language)],
    )
    return joined.annotate(relevance=RawSQL(f"-bm25({FTS_TABLE})", []))  # noqa: S611


def pg_document(language: str, config: str) -> str:
    """SQL for a course's weighted document in `language`, falling back like the pages."""
    order = [language, *(code for code in LANGUAGE_CODES if code != language)]
    parts = []
    for field, weight in zip(SEARCHED_FIELDS, PG_WEIGHTS, strict=True):
        text = "COALESCE(" + ", ".join(f"NULLIF({field}_{code}, '')" for code in order) + ", '')"
        parts.append(f"setweight(to_tsvector('{config}'::regconfig, {text}), '{weight}')")
    return " || ".join(parts)


def _reindex_postgres(course_id: int) -> None:
    with connection.cursor() as cursor:
        for language in LANGUAGE_CODES:
            # Only constants are formatted into the SQL; the course id is a parameter.
            cursor.execute(
                f"INSERT INTO {PG_TABLE} (course_id, language, stemmed, plain) "  # noqa: S608
                f"SELECT id, %s, {pg_document(language, _pg_config(language))}, "
                f"{pg_document(language, 'simple')} FROM {Course._meta.db_table} WHERE id = %s "
                "ON CONFLICT (course_id, language) DO UPDATE "
                "SET stemmed = EXCLUDED.stemmed, plain = EXCLUDED.plain",
                [language, course_id],
            )


def _matching_postgres(courses: QuerySet[Course], terms: list[str], language: str) -> QuerySet[Course]:
    """Words match by their stem in the language's configuration (`investigations` finds
    `investigating`) or, unstemmed, by their beginning (`investigat` finds it too)."""
    raw = " & ".join(f"'{term}':*" for term in terms)
    stemmed = f"to_tsquery('{_pg_config(language)}'::regconfig, %s)"
    plain = "to_tsquery('simple'::regconfig, %s)"
    table = Course._meta.db_table
    # Only constants are formatted into the SQL; the words are parameters.
    joined = courses.extra(  # noqa: S610
        tables=[PG_TABLE],
        where=[
            f'{PG_TABLE}.course_id = "{table}"."id"',
            f"{PG_TABLE}.language = %s",
            f"({PG_TABLE}.stemmed @@ {stemmed} OR {PG_TABLE}.plain @@ {plain})",
        ],
        params=[language, raw, raw],
    )
    relevance = RawSQL(  # noqa: S611
        f"ts_rank({PG_TABLE}.stemmed, {stemmed}) + ts_rank({PG_TABLE}.plain, {plain})", [raw, raw]
    )
    return joined.annotate(relevance=relevance)


_available_configs: set[str] | None = None


def _pg_config(language: str) -> str:
    """The language's text search configuration, or 'simple' where the server lacks it."""
    global _available_configs  # noqa: PLW0603
    if _available_configs is None:
        with connection.cursor() as cursor:
            cursor.execute("SELECT cfgname FROM pg_ts_config")
            _available_configs = {row[0] for row in cursor.fetchall()}
    wanted = PG_CONFIGS.get(language, "simple")
    return wanted if wanted in _available_configs else "simple"
