"""The query's syntax tree (search/query.py) as one Q object over SearchDocument rows.

`body` holds the stems, `fields` prefixed tokens ("speaker_putin", and for
topic and title the stems: "topic_fisheri"), arrays hold the facet values.
"""

from __future__ import annotations

from django.db.models import Q

from .. import fields, query
from ..contract import Filters
from .analysis import TsQuery, all_of, analyse, phrase_tsquery, searchable_stems, word_tsquery


def _texts_to_analyse(node) -> list[str]:
    if isinstance(node, query.Word):
        return [node.text]
    if isinstance(node, query.Phrase):
        return [" ".join(node.words)]
    if isinstance(node, query.FieldTerm) and node.field in ("topic", "subject", "title"):
        return [_field_text(node)]
    if isinstance(node, query.Not):
        return _texts_to_analyse(node.child)
    if isinstance(node, query.And | query.Or):
        return [text for child in node.children for text in _texts_to_analyse(child)]
    return []


def _field_text(node: query.FieldTerm) -> str:
    return node.value if node.field == "title" else node.value.replace("-", " ")


class Translator:
    """The syntax tree as one Q object, its words analysed in one round trip."""

    def __init__(self, parsed: query.ParsedQuery):
        self.parsed = parsed
        self.lexemes = analyse(_texts_to_analyse(parsed.tree) + parsed.positive_words())

    def text_query(self, node: query.Word | query.Phrase) -> TsQuery | None:
        if isinstance(node, query.Word):
            literal = word_tsquery(self.lexemes.get(node.text, []))
        else:
            literal = phrase_tsquery(self.lexemes.get(" ".join(node.words), []))
        return TsQuery(literal) if literal else None

    def translate(self, node) -> Q | None:
        if isinstance(node, query.MatchAll):
            return Q()
        if isinstance(node, query.Word | query.Phrase):
            tsquery = self.text_query(node)
            return Q(body=tsquery) if tsquery is not None else None
        if isinstance(node, query.FieldTerm):
            return self.field_query(node)
        if isinstance(node, query.Range):
            return range_condition(node)
        if isinstance(node, query.Not):
            child = self.translate(node.child)
            return ~child if child is not None else None
        if isinstance(node, query.And | query.Or):
            children = [q for q in map(self.translate, node.children) if q is not None]
            if not children:
                return None
            combined = children[0]
            for child in children[1:]:
                combined = combined & child if isinstance(node, query.And) else combined | child
            return combined
        return None

    def field_query(self, node: query.FieldTerm) -> Q | None:
        value = node.value
        if node.field == "type":
            return Q(meeting_type=query.canonical_type(value))
        if node.field == "speaker":
            tokens = query.simple_tokens(value.replace("-", " "))
        elif node.field == "country":
            tokens = query.simple_tokens(query.canonical_country(value))
        elif node.field == "location":
            tokens = query.simple_tokens(value)
        else:
            tokens = searchable_stems(self.lexemes.get(_field_text(node), []))
        prefix = "topic" if node.field == "subject" else node.field
        tsquery = all_of([f"{prefix}_{token}" for token in tokens])
        words = Q(fields=tsquery) if tsquery is not None else None
        if node.field == "subject":
            by_slug = Q(subjects__contains=[value])
            return by_slug | words if words is not None else by_slug
        return words

    def ranking_query(self) -> TsQuery | None:
        words = self.parsed.positive_words()
        literals = [word_tsquery(self.lexemes.get(word, [])) for word in words]
        literals = [literal for literal in literals if literal]
        return TsQuery(" | ".join(literals)) if literals else None


RANGE_COLUMNS = {
    spec.query_field: spec.postgres_column for spec in fields.FILTERS if spec.kind == fields.RANGE
}


def range_condition(node: query.Range) -> Q:
    column = RANGE_COLUMNS[node.field]
    condition = Q(**{f"{column}__gte": node.low or 1})
    if node.high is not None:
        condition &= Q(**{f"{column}__lte": node.high})
    return condition


def filter_condition(filters: Filters) -> Q:
    condition = Q()
    for name, values in filters.facets.items():
        spec = fields.BY_NAME.get(name)
        if spec is None or spec.kind != fields.FACET:
            continue
        for value in values:
            value = query.canonical_value(spec.query_field, value)
            if spec.many:
                condition &= Q(**{f"{spec.postgres_column}__contains": [value]})
            else:
                condition &= Q(**{spec.postgres_column: value})
    for node in filters.ranges:
        condition &= range_condition(node)
    return condition
