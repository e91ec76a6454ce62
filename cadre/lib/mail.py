"""E-mail in the recipient's language, rendered from a pair of templates."""

from typing import Any

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation


def send_in_language(*, to: str, language: str, template: str, context: dict[str, Any]) -> int:
    """Render `<template>_subject.txt` and `<template>_body.txt` in `language` and send them."""
    with translation.override(language):
        subject = " ".join(render_to_string(f"{template}_subject.txt", context).split())
        body = render_to_string(f"{template}_body.txt", context)
    return send_mail(subject, body, None, [to])
