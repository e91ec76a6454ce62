from django import template

from cadre.imports.problems import Problem, explain

register = template.Library()


@register.filter
def explained(stored: Problem) -> str:
    """A stored problem as a sentence in the reader's language."""
    return explain(stored)
