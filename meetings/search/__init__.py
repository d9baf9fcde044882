"""Full-text search over statements, behind one interface.

The rest of the project calls only the functions here; the backend packages
(`whoosh/`, the only code importing whoosh, and `postgres/`) are chosen by
settings.SEARCH_BACKEND. The query language is parsed once, in
`query.py`, and each backend translates the same tree.

    search(query, filters=None, page=1, per_page=20, sort="relevance") -> SearchResult
    index_meetings(ids), remove_meetings(ids), index_statements(ids),
    remove_statements(ids), index_people(ids), rebuild(), check(fix=False)
    related(statement_id, limit=5) -> list[int]

The interface contract (SearchResult and its JSON form) lives in `results.py`
and `serialize.py`; what a backend must provide (SearchBackend, Filters, Found)
in `contract.py`.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import re
from collections.abc import Callable, Iterable

from django.conf import settings

from . import documents, explain, fields, hints, people, query
from .contract import Filters, Found, SearchBackend
from .errors import DocumentsNotIndexed, IndexBusy, SearchError
from .results import Hit, SearchResult

logger = logging.getLogger(__name__)

SORTS = ("relevance", "date", "-date")


def backend() -> SearchBackend:
    """The backend package settings.SEARCH_BACKEND names."""
    name = getattr(settings, "SEARCH_BACKEND", "whoosh")
    if name not in ("whoosh", "postgres"):
        raise SearchError(f"SEARCH_BACKEND must be 'whoosh' or 'postgres', not {name!r}")
    return importlib.import_module(f"{__name__}.{name}")


# ---------------------------------------------------------------- searching


def search(
    query_text: str,
    filters: dict | None = None,
    page: int = 1,
    per_page: int = 20,
    sort: str = "relevance",
    every_match: int | None = None,
) -> SearchResult:
    """Run a query; never raises for bad input (problems come back in error/notice).

    `every_match=N` asks for the first N matches in one page, in `sort` order, without
    snippets or suggestion: for a page that lays every match out (positions over time).
    """
    page, per_page, sort, notices = _bounds(page, per_page, sort)
    page, per_page = (1, every_match) if every_match else (page, per_page)
    query_text = query_text if isinstance(query_text, str) else ""
    parsed = query.parse(query_text, settings.SEARCH_MAX_QUERY_LENGTH, settings.SEARCH_MAX_TERMS)
    result = SearchResult(query=parsed.text, page=page, per_page=per_page, sort=sort)
    normalised, filter_notices = normalise_filters(filters or {})
    notices += parsed.notices + filter_notices
    if parsed.is_empty and query_text.strip():
        reason = "; ".join(notices) or "the query has no words to look for"
        return _failed(result, f"Nothing was searched: {reason}.", notices)
    result.understood = explain.describe(parsed.tree)
    sort = result.sort = _sort_for(parsed, sort, notices)
    engine = backend()
    expansion = people.expand(parsed, engine.known_words)
    notices += expansion.notices
    try:
        found = engine.run_search(expansion.parsed, normalised, page, per_page, sort)
    except IndexBusy as error:
        return _failed(result, str(error), notices)
    except Exception:  # the page must still render; the log keeps the details
        logger.exception("search failed for %r", query_text[:200])
        return _failed(result, "the search could not be run; please try a simpler query", notices)
    if not every_match:
        result.suggestion = _suggestion(engine, parsed, expansion)
        result.hint = _field_hint(engine, parsed, normalised, expansion)
    result.people = people.found_people(expansion.matches)
    return _filled(result, found, _snippets(engine, found, expansion, every_match), notices)


def _sort_for(parsed: query.ParsedQuery, sort: str, notices: list[str]) -> str:
    if parsed.excludes_only and sort == "relevance":
        # Nothing to rank by, and scoring every statement cost 25 times a word search.
        notices.append("a query that only excludes words lists everything else, newest first")
        return "-date"
    return sort


def _failed(result: SearchResult, error: str, notices: list[str]) -> SearchResult:
    result.error = error
    result.notices = notices
    return result


def _snippets(
    engine: SearchBackend, found: Found, expansion: people.Expansion, every_match
) -> dict[int, str]:
    if every_match:
        return {}
    texts = dict(documents.Statement.objects.filter(id__in=found.ids).values_list("id", "text"))
    return engine.snippets(texts, expansion.parsed)


def _filled(
    result: SearchResult, found: Found, snippets: dict[int, str], notices: list[str]
) -> SearchResult:
    result.total = found.total
    result.facets.update(found.facets)
    result.hits = [
        Hit(statement_id, score, snippets.get(statement_id, ""))
        for statement_id, score in zip(found.ids, found.scores, strict=False)
    ]
    for notice in notices + found.notices:
        result.add_notice(notice)
    return result


def _bounds(page, per_page, sort) -> tuple[int, int, str, list[str]]:
    notices = []
    page = _whole(page, 1)
    per_page = _whole(per_page, 20)
    cap = settings.SEARCH_MAX_PER_PAGE
    if per_page > cap:
        notices.append(f"at most {cap} results per page")
        per_page = cap
    max_page = max(1, 10000 // per_page)
    if page > max_page:
        notices.append(f"pages beyond {max_page} are not shown")
        page = max_page
    if sort not in SORTS:
        notices.append(f"unknown sort {str(sort)[:20]!r}; sorted by relevance")
        sort = "relevance"
    return page, per_page, sort, notices


def _whole(value, default: int) -> int:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return default
    return number if number >= 1 else default


def _values(value) -> list:
    if value is None or value == "":
        return []
    if isinstance(value, list | tuple | set):
        return [item for item in value if item not in (None, "")]
    return [value]


def normalise_filters(filters: dict) -> tuple[Filters, list[str]]:
    """Filters from views (slugs, names, ints, dates, lists of them) in one form.

    Returns (Filters, notices): one line for each value not understood, and left out.
    """
    facets: dict[str, list[str]] = {}
    ranges: list[query.Range] = []
    notices = []
    for name, raw in filters.items():
        spec = fields.BY_NAME.get(name)
        if spec is None:
            notices.append(f"unknown filter {str(name)[:30]!r} was ignored")
            continue
        for value in _values(raw):
            if spec.kind == fields.FACET:
                facets.setdefault(name, []).append(_facet_value(spec, value))
            elif (found := _range(spec, value)) is not None:
                ranges.append(found)
            else:
                notices.append(_not_understood(spec, value))
    return Filters(facets, ranges), notices


def _facet_value(spec: fields.Filter, value) -> str:
    """People and subjects by slug (from a name too), other values as given."""
    return _slug_of(spec.name, value) if spec.form_field in ("person", "subject") else str(value)


def _range(spec: fields.Filter, value) -> query.Range | None:
    """A year (both bounds) or a day (the low or high bound) as a range; None if not one."""
    if spec.query_field == "year":
        if not str(value).strip().isdigit():
            return None
        low = high = int(value)
    else:
        low = high = _date_bound(value, upper=(spec.bound == "high"))
        if low is None:
            return None
    return query.Range(
        spec.query_field,
        None if spec.bound == "high" else low,
        None if spec.bound == "low" else high,
    )


def _not_understood(spec: fields.Filter, value) -> str:
    if spec.query_field == "year":
        return f"year filter {str(value)[:20]!r} is not a year; ignored"
    return f"{spec.name} {str(value)[:20]!r} is not a date; ignored"


def _slug_of(name: str, value) -> str:
    """Slugs pass through; names (any alias) and subject keys are looked up."""
    slug = getattr(value, "slug", None)
    if slug:
        return slug
    value = str(value)
    if re.fullmatch(r"[a-z0-9-]+", value):
        return value
    from meetings.models import Person, Subject, normalize_heading

    if name == "speaker":
        person = Person.objects.by_any_name(value).first()
    else:
        person = Subject.objects.filter(key=normalize_heading(value)).first()
    return person.slug if person else value


def _date_bound(value, upper: bool) -> int | None:
    if isinstance(value, dt.datetime):
        value = value.date()
    if isinstance(value, dt.date):
        return value.toordinal()
    day = query.parse_date_bound(str(value), upper=upper)
    return day.toordinal() if day else None


def _suggestion(
    engine: SearchBackend, parsed: query.ParsedQuery, expansion: people.Expansion
) -> str | None:
    """The query with misspelled names as the archive writes them, then other words fixed."""
    named = expansion.covered_words()
    words = [word for word in parsed.plain_words() if not set(query.simple_tokens(word)) & named]
    fixes = {}
    if words:
        try:
            fixes = engine.corrections(words)
        except Exception:
            logger.exception("suggestion failed")
    text = parsed.text
    for typed, better in expansion.corrections().items():
        text = _replace_first(text, typed, better, after_colon=True)
    for word, better in fixes.items():
        text = _replace_first(text, word, better, after_colon=False)
    return text if text != parsed.text else None


def _replace_first(text: str, typed: str, better: str, after_colon: bool) -> str:
    """`typed` (words as the query has them, any spacing) replaced once by `better`."""
    words = r"\s+".join(re.escape(word) for word in typed.split())
    before = r"(?<!\w)" if after_colon else r"(?<![\w:])"
    pattern = rf"{before}{words}(?!\w)"
    return re.sub(pattern, lambda _m: better, text, count=1, flags=re.I)


def _field_hint(
    engine: SearchBackend, parsed: query.ParsedQuery, filters: Filters, expansion: people.Expansion
) -> str | None:
    def matches(text: str) -> bool:
        candidate = query.parse(text, settings.SEARCH_MAX_QUERY_LENGTH, settings.SEARCH_MAX_TERMS)
        candidate = people.expand(candidate, engine.known_words).parsed  # as if it were typed
        return engine.run_search(candidate, filters, 1, 1, "relevance").total > 0

    try:
        return hints.field_hint(parsed.tree, hints.speaker_values(expansion.matches), matches)
    except Exception:
        logger.exception("field hint failed")
        return None


def related(statement_id: int, limit: int = 5) -> list[int]:
    """Statements most like this one (more like this), best first."""
    text = (
        documents.Statement.objects.filter(id=statement_id).values_list("text", flat=True).first()
    )
    if not text:
        return []
    limit = max(1, min(int(limit), settings.SEARCH_MAX_PER_PAGE))
    return backend().related(int(statement_id), text, limit)


# ---------------------------------------------------------------- keeping the index true


def index_statements(ids: Iterable[int]) -> int:
    """(Re)index these statements as the database has them; ids gone from it are removed."""
    return backend().sync_statements(ids)


def remove_statements(ids: Iterable[int]) -> None:
    backend().remove_statements(list(ids))


def index_meetings(meeting_ids: Iterable[int]) -> int:
    """Re-index every statement of these meetings (after an import or edit)."""
    return backend().sync_meetings(meeting_ids)


def remove_meetings(meeting_ids: Iterable[int]) -> None:
    backend().remove_meetings(list(meeting_ids))


def index_people(person_ids: Iterable[int]) -> int:
    """Re-index the statements these people spoke (a name or alias changed)."""
    return index_statements(documents.statement_ids_for_people(person_ids))


def rebuild(on_batch: Callable[[int, int], None] | None = None) -> int:
    """Index every statement afresh; returns how many were indexed."""
    return backend().rebuild(on_batch)


def check(fix: bool = False) -> dict:
    """Compare index and database: {"missing", "stale", "changed": [ids], "fixed": bool}.

    With `fix`, statements that still cannot be indexed are listed in
    "not_indexed" ({id: reason}); everything else is repaired.
    """
    engine = backend()
    indexed = engine.indexed_hashes()
    stored = documents.database_hashes()
    report = {
        "missing": sorted(set(stored) - set(indexed)),
        "stale": sorted(set(indexed) - set(stored)),
        "changed": sorted(i for i in set(stored) & set(indexed) if stored[i] != indexed[i]),
        "indexed": len(indexed),
        "statements": len(stored),
        "fixed": False,
        "not_indexed": {},
    }
    if fix and (report["missing"] or report["stale"] or report["changed"]):
        if report["stale"]:
            engine.remove_statements(report["stale"])
        try:
            engine.sync_statements(report["missing"] + report["changed"])
        except DocumentsNotIndexed as error:
            report["not_indexed"] = error.failures
        report["fixed"] = True
    return report
