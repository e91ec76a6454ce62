"""Hostile input for the pages' tests: the values a form or a query string may carry, and a probe
that sends each one in turn and tells what went wrong with it.

What goes wrong: a server error; a refusal (a 4xx page, or a redirect with an error message)
that changed data anyway; a GET that changed data; a value that must be refused but was taken.
Each request runs in a savepoint rolled back after it, so every value meets the same data."""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.contrib import messages
from django.db import connection, transaction
from django.db.models import Model
from django.forms import BaseForm, BaseFormSet
from django.http import HttpResponse
from django.test import Client
from django.urls import get_resolver, reverse
from django.urls.converters import IntConverter

HUGE = str(2**70)

# Worth trying in any field or query parameter: none of them may cause a server error.
LONG = "x" * 10_000
NUL = ("\x00", "a\x00b")
DIGITS = "9" * 5_000  # past the digits int() reads
ANYWHERE: tuple[str, ...] = (
    "",
    " ",
    "abc",
    "-1",
    "0",
    HUGE,
    f"-{HUGE}",
    "²",  # a digit to str.isdigit(), not to int()
    "١٢",  # Arabic-Indic digits, which int() reads as 12
    "1.5",
    "1e3",
    "NaN",
    "2026-02-30",
    "99999-01-01",
    "9999-12-31",
    "0001-01-01",
    "25:61",
    LONG,
    DIGITS,
    *NUL,
    "<script>alert(1)</script>",
)
IDS = ("", "abc", "-1", "0", HUGE, f"-{HUGE}", "²", "1.5", DIGITS, *NUL)
# What is tried in a field of each kind, and what the field must refuse.
TRIED: dict[str, tuple[str, ...]] = {
    "text": ("", " ", LONG, *NUL),
    "required_text": ("", " ", LONG, *NUL),
    "id": IDS,
    "number": (*IDS, "١٢", "1e3", "NaN"),
    "date": ("", "abc", "2026-02-30", "99999-01-01", "9999-12-31", "0001-01-01", "\x00"),
    "time": ("", "abc", "25:61", "24:00", "\x00"),
    "choice": ("", "abc", HUGE, LONG, "\x00"),
    "flag": ("", "on", "abc", LONG, "\x00"),
    "any": ANYWHERE,
}
MUST_REFUSE: dict[str, tuple[str, ...]] = {
    "text": (*NUL, LONG),
    "required_text": ("", " ", *NUL, LONG),
    "id": ("abc", "-1", HUGE, f"-{HUGE}", "²", "1.5", DIGITS, *NUL),
    "number": ("abc", HUGE, f"-{HUGE}", "²", "1.5", "NaN", DIGITS, *NUL),
    "date": ("2026-02-30", "99999-01-01", "abc", *NUL),
    "time": ("25:61", "abc", *NUL),
    "choice": ("abc", *NUL),
    "flag": (),
    "any": (),
}

# The apps whose rows a refused request must leave as they were.
WATCHED_APPS = (
    "accounts",
    "audit",
    "courses",
    "instructors",
    "training_sessions",
    "certificates",
    "assessments",
)
HTMX = {"HX-Request": "true"}


def watched_models() -> list[type[Model]]:
    return [
        model
        for label in WATCHED_APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
    ]


def rows() -> dict[str, list[tuple[Any, ...]]]:
    """Every row of the watched apps, to compare before and after a request."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values_list())
        for model in watched_models()
    }


class Writes:
    """Notes whether a request wrote to a watched table (then its rows are compared: a write
    undone by the request's own savepoint changed nothing)."""

    def __init__(self) -> None:
        self.tables = tuple(model._meta.db_table for model in watched_models())
        self.seen = False

    def __call__(self, execute: Any, sql: str, params: Any, many: bool, context: Any) -> Any:
        verb = sql.lstrip()[:6].upper()
        if verb in ("INSERT", "UPDATE", "DELETE") and any(table in sql for table in self.tables):
            self.seen = True
        return execute(sql, params, many, context)


def error_messages(response: HttpResponse) -> list[str]:
    request = getattr(response, "wsgi_request", None)
    stored = getattr(request, "_messages", None)
    if stored is None:
        return []
    return [str(item) for item in stored._queued_messages if item.level == messages.ERROR]


def refused(response: HttpResponse) -> bool:
    """A 4xx page; or a page or redirect carrying an error message; or a part of a page for
    htmx (which swaps only successful answers) showing an error or a form's errors."""
    if 400 <= response.status_code < 500 or error_messages(response):
        return True
    values = _context_values(response)
    if values.get("error"):
        return True
    return any(_has_errors(value) for value in values.values())


def _context_values(response: HttpResponse) -> dict[str, Any]:
    context = getattr(response, "context", None)
    if context is None:
        return {}
    found: dict[str, Any] = {}
    for item in context if isinstance(context, list) else [context]:
        found.update(item.flatten())
    return found


def _has_errors(value: object) -> bool:
    if isinstance(value, BaseForm):
        return value.is_bound and bool(value.errors)
    if isinstance(value, BaseFormSet):
        return value.is_bound and bool(value.total_error_count())
    return False


class _Undo(Exception):
    pass


@dataclass
class Probe:
    """Sends requests to one address as the signed-in client, each undone after it."""

    client: Client
    url: str
    headers: Mapping[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)
    before: dict[str, Any] | None = None

    def report(self) -> str:
        return "\n".join(self.problems)

    def send(
        self, method: str, data: Any, *, must_refuse: bool = False, what: str = ""
    ) -> HttpResponse | None:
        if self.before is None:
            self.before = rows()
        response: HttpResponse | None = None
        writes = Writes()
        try:
            with transaction.atomic():
                with connection.execute_wrapper(writes):
                    response = getattr(self.client, method)(self.url, data, headers=dict(self.headers))
                    if response.streaming:  # a file written as it is sent fails only then
                        b"".join(response.streaming_content)
                self._judge(method, response, writes.seen, must_refuse, what)
                raise _Undo
        except _Undo:
            pass
        except Exception as error:  # noqa: BLE001 — the server error is what the test reports
            self.problems.append(f"{method.upper()} {what}: {type(error).__name__}: {str(error)[:160]}")
        return response

    def _judge(self, method: str, response: HttpResponse, wrote: bool, must_refuse: bool, what: str) -> None:
        label = f"{method.upper()} {what} -> {response.status_code}"
        if response.status_code >= 500:
            self.problems.append(f"{label}: server error")
            return
        is_refused = refused(response)
        if must_refuse and not is_refused:
            self.problems.append(f"{label}: taken, though it must be refused")
        if (method == "get" or is_refused) and wrote and rows() != self.before:
            self.problems.append(f"{label}: data changed")

    def fields(
        self,
        method: str,
        base: Mapping[str, Any],
        kinds: Mapping[str, str],
        *,
        foreign: Mapping[str, Iterable[Any]] | None = None,
        values: Sequence[str] | None = None,
    ) -> None:
        """Each field of `kinds` in turn, with every value tried for its kind (or `values`), left
        out, and (a list) with its values given twice; the rest of `base`, which must be taken,
        valid. A POST must refuse what the field's kind refuses, and the `foreign` values (ids
        of another session's or country's objects)."""
        foreign = foreign or {}
        response = self.send(method, dict(base), what="the valid form")
        if response is not None and (refused(response) or response.status_code >= 500):
            self.problems.append(f"{method.upper()} the valid form -> {response.status_code}: refused")
        for name, kind in kinds.items():
            refuse = set(MUST_REFUSE[kind]) if method == "post" else set()
            for value in TRIED[kind] if values is None else values:
                self.send(
                    method, {**base, name: value}, must_refuse=value in refuse, what=_shown(name, value)
                )
            for value in foreign.get(name, ()):
                self.send(
                    method,
                    {**base, name: value},
                    must_refuse=method == "post",
                    what=f"{name}=foreign {value}",
                )
            if name in base:
                self.send(
                    method, {key: item for key, item in base.items() if key != name}, what=f"without {name}"
                )
            if isinstance(base.get(name), list):
                self.send(method, {**base, name: base[name] * 2}, what=f"{name} twice")

    def query_strings(
        self, raw: Sequence[str] = ("q=%ff%fe%00", "page=abc", "page=999999", "page=-1")
    ) -> None:
        """Query strings not made by any form: bytes that are not UTF-8, pages that do not exist."""
        url = self.url
        for query in raw:
            self.url = f"{url}?{query}"
            self.send("get", {}, what=query)
        self.url = url


# What a part of an address may be, by its converter: none of them may cause a server error.
IN_ADDRESSES = {
    "int": (HUGE, "0"),
    "string": ("\x00", "a\x00b", "x" * 10_000, "é²", "%ff"),  # "%ff" is sent as the byte itself
    "slug": ("x" * 10_000, "-", "_"),
}


def addresses(namespace: str) -> list[str]:
    """Every address of a namespace with each part of it replaced by what the part's converter
    lets through but no object has (an id past any integer column, a NUL byte, a long text)."""
    found = []
    for pattern in get_resolver().namespace_dict[namespace][1].url_patterns:
        converters = pattern.pattern.converters
        plain = {name: _plain(converter) for name, converter in converters.items()}
        for name, converter in converters.items():
            kind = type(converter).__name__.removesuffix("Converter").lower()
            for value in IN_ADDRESSES.get(kind, ()):
                address = reverse(f"{namespace}:{pattern.name}", kwargs={**plain, name: value})
                found.append(address.replace("%25ff", "%ff"))  # a byte that is not UTF-8, as sent
    return found


def _plain(converter: Any) -> str:
    """A value the converter takes: a small id, a word, or the first of its alternatives."""
    if isinstance(converter, IntConverter):
        return "1"
    return str(converter.regex).split("|")[0] if "|" in str(converter.regex) else "abc"


def _shown(name: str, value: str) -> str:
    return f"{name}={value[:20]!r}{'...' if len(value) > 20 else ''}"


def probe_addresses(client: Client, namespace: str, method: str) -> Probe:
    """Send `method` to every address of `addresses(namespace)`: none may be a server error."""
    probe = Probe(client, "")
    for address in addresses(namespace):
        probe.url = address
        probe.send(method, {}, what=address[:80])
    return probe
