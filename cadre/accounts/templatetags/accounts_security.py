from datetime import timedelta

from django import template
from django.utils import timezone
from django.utils.timesince import timeuntil

register = template.Library()


@register.filter
def duration(value: timedelta) -> str:
    """A length of time in words, in the active language ("1 hour", "2 days, 3 hours")."""
    now = timezone.now()
    return timeuntil(now + value, now)
