"""Filters splitting a nomination's checks into those met and those not met, so that lists of
many nominations show what stands in the way and only count what passed."""

from collections.abc import Iterable
from typing import Any

from django import template

register = template.Library()


@register.filter
def met(checks: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [check for check in checks if check.get("ok")]


@register.filter
def unmet(checks: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    return [check for check in checks if not check.get("ok")]
