"""The full-text index behind the catalogue search, one per database.

PostgreSQL searches the translated columns directly with each language's text search
configuration. SQLite keeps an FTS5 table (created by migration 0002) with one row per course
and language; the course services call `reindex` after every write.
"""

import re
from typing import Any

from django.db import connection
from django.db.models import F, Q, QuerySet, TextField, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce, NullIf
from django.utils import translation

from cadre.courses.models import LANGUAGE_CODES, SEARCHED_FIELDS, Course

FTS_TABLE = "courses_course_fts"
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
    if uses_fts5():
        with connection.cursor() as cursor:
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
    # Only constants are formatted into the SQL; the search expression is a parameter.
    rank = RawSQL(  # noqa: S611
        f"SELECT -bm25({FTS_TABLE}) FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # noqa: S608
        f' AND rowid = "{table}"."id" * %s + %s',
        [expression, len(LANGUAGE_CODES), LANGUAGE_CODES.index(language)],
    )
    return courses.annotate(relevance=rank).filter(relevance__isnull=False)


def _fallback_column(field: str, language: str) -> Coalesce:
    order = [language, *(code for code in ("en", "fr", "es", "ar") if code != language)]
    text = TextField()
    columns = [NullIf(F(f"{field}_{code}"), Value(""), output_field=text) for code in order]
    return Coalesce(*columns, Value(""), output_field=text)


def _vector(language: str, config: str) -> Any:
    from django.contrib.postgres.search import SearchVector

    weights = ("A", "B", "C", "C")
    vectors = [
        SearchVector(_fallback_column(field, language), config=config, weight=weight)
        for field, weight in zip(SEARCHED_FIELDS, weights, strict=True)
    ]
    combined: Any = vectors[0]
    for vector in vectors[1:]:
        combined = combined + vector
    return combined


def _matching_postgres(courses: QuerySet[Course], terms: list[str], language: str) -> QuerySet[Course]:
    """Words match by their stem in the language's configuration (`investigations` finds
    `investigating`) or, unstemmed, by their beginning (`investigat` finds it too)."""
    from django.contrib.postgres.search import SearchQuery, SearchRank

    raw = " & ".join(f"'{term}':*" for term in terms)
    config = _pg_config(language)
    stemmed, plain = _vector(language, config), _vector(language, "simple")
    stemmed_query = SearchQuery(raw, config=config, search_type="raw")
    plain_query = SearchQuery(raw, config="simple", search_type="raw")
    return courses.annotate(
        stemmed_document=stemmed,
        plain_document=plain,
        relevance=SearchRank(stemmed, stemmed_query) + SearchRank(plain, plain_query),
    ).filter(Q(stemmed_document=stemmed_query) | Q(plain_document=plain_query))


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
