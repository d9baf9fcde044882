"""Template helpers: facet links built from the current query string, Markdown."""

from __future__ import annotations

from functools import lru_cache

import markdown as markdown_lib
import nh3
from django import template
from django.template.loader import get_template
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html
from django.utils.safestring import mark_safe

register = template.Library()

# Changing a filter or the sort starts again from the first page.
RESETS_PAGE = "page"


def _link(request, query) -> str:
    encoded = query.urlencode()
    return f"{request.path}?{encoded}" if encoded else request.path


def _query(context, name):
    query = context["request"].GET.copy()
    if name != RESETS_PAGE:
        query.pop(RESETS_PAGE, None)
    return query


@register.simple_tag(takes_context=True)
def add_qsarg(context, name, value):
    """The current URL with `name` set to `value` (replacing any earlier value)."""
    query = _query(context, name)
    query[name] = str(value)
    return _link(context["request"], query)


@register.simple_tag(takes_context=True)
def remove_qsarg(context, name, value=None):
    """The current URL without `name` (or without just that one value of it)."""
    query = _query(context, name)
    if value is None:
        query.pop(name, None)
    else:
        kept = [v for v in query.getlist(name) if v != str(value)]
        query.setlist(name, kept)
    return _link(context["request"], query)


@register.simple_tag(takes_context=True)
def toggle_qsarg(context, name, value):
    """Remove `name` if it already has `value`, otherwise set it."""
    if context["request"].GET.get(name) == str(value):
        return remove_qsarg(context, name)
    return add_qsarg(context, name, value)


@register.simple_tag
def url_or_empty(name, *args):
    """`{% url %}` that gives "" for a route not (yet) defined, so the link is left out."""
    try:
        return reverse(name, args=args)
    except NoReverseMatch:
        return ""


def render_markdown(text: str) -> str:
    html = markdown_lib.markdown(text or "", extensions=["extra", "sane_lists"])
    return nh3.clean(html)


@register.filter
def minutes(value):
    """A duration in minutes as people say it: "1 hour 30 minutes"."""
    if not value:
        return ""
    hours, rest = divmod(value, 60)
    if not hours:
        return f"{rest} minutes"
    hours_text = f"{hours} hour{'s' if hours > 1 else ''}"
    return f"{hours_text} {rest} minutes" if rest else hours_text


@register.filter(name="markdown")
def markdown_filter(text):
    """Markdown to HTML, sanitised: editors' notes may contain anything."""
    return mark_safe(render_markdown(text))


@lru_cache(maxsize=8)
def _markdown_template(name: str) -> str:
    source = get_template(name).template.source
    return render_markdown(source)


@register.simple_tag
def markdown_template(name):
    """A Markdown file from the templates folder (e.g. the search help), as HTML."""
    return mark_safe(_markdown_template(name))


@register.simple_tag
def date_range(meeting):
    """ "9 June 2004", or "15–16 December 2003" for a meeting over several days."""
    start, end = meeting.date_start, meeting.date_end
    if start is None:
        return ""
    if end is None or end <= start:
        text = f"{start.day} {start:%B %Y}"
    elif (start.year, start.month) == (end.year, end.month):
        text = f"{start.day}–{end.day} {end:%B %Y}"
    elif start.year == end.year:
        text = f"{start.day} {start:%B} – {end.day} {end:%B %Y}"
    else:
        text = f"{start.day} {start:%B %Y} – {end.day} {end:%B %Y}"
    return format_html('<time datetime="{}">{}</time>', start.isoformat(), text)
