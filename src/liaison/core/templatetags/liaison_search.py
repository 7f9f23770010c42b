"""{{ text|highlight:query }}: the text with the words a full-text search found marked (core.fulltext.highlight)."""

from __future__ import annotations

from django import template
from django.utils.html import escape
from django.utils.safestring import SafeString

from liaison.core.fulltext.highlight import highlight as _highlight

register = template.Library()


@register.filter(is_safe=True)
def highlight(text: object, query: object) -> SafeString:
    if not query:
        return escape("" if text is None else str(text))
    return _highlight("" if text is None else str(text), str(query))
