"""The query's syntax tree (search/query.py) as a Whoosh query.

Phrases become look-ups in the word-pair field `pairs`; top-level date and
year ranges are split off to become cached filter sets (filtersets.py).
"""

from __future__ import annotations

from whoosh import query as wq

from .. import query
from .schema import NAME_ANALYZER, PAIR_ANALYZER, TEXT_ANALYZER, tokens


def translate(node) -> wq.Query | None:
    """The syntax tree as a Whoosh query; None when nothing searchable is left."""
    if isinstance(node, query.MatchAll):
        return wq.Every()
    if isinstance(node, query.Word):
        words = tokens(TEXT_ANALYZER, node.text)
        if len(words) > 1:
            return _phrase_query(node.text)
        return wq.Term("text", words[0]) if words else None
    if isinstance(node, query.Phrase):
        return _phrase_query(" ".join(node.words))
    if isinstance(node, query.FieldTerm):
        return _field_query(node)
    if isinstance(node, query.Range):
        return wq.NumericRange(node.field, node.low or 1, node.high)
    if isinstance(node, query.Not):
        child = translate(node.child)
        return wq.Not(child) if child is not None else None
    if isinstance(node, query.And | query.Or):
        children = [q for q in (translate(child) for child in node.children) if q is not None]
        if not children:
            return None
        if len(children) == 1:
            return children[0]
        return wq.And(children) if isinstance(node, query.And) else wq.Or(children)
    return None


def _phrase_query(text: str) -> wq.Query | None:
    pairs = tokens(PAIR_ANALYZER, text)
    if len(pairs) == 1 and " " not in pairs[0]:
        words = tokens(TEXT_ANALYZER, text)
        return wq.Term("text", words[0]) if words else wq.Term("pairs", pairs[0])
    if not pairs:
        return None
    return wq.And([wq.Term("pairs", pair) for pair in pairs])


def _all_terms(field_name: str, words: list[str]) -> wq.Query | None:
    if not words:
        return None
    terms = [wq.Term(field_name, word) for word in words]
    return terms[0] if len(terms) == 1 else wq.And(terms)


def _field_query(node: query.FieldTerm) -> wq.Query | None:
    value = node.value
    if node.field == "speaker":
        return _all_terms("speaker", tokens(NAME_ANALYZER, value.replace("-", " ")))
    if node.field == "country":
        return _all_terms("country", tokens(NAME_ANALYZER, query.canonical_country(value)))
    if node.field == "type":
        return wq.Term("type", query.canonical_type(value))
    if node.field == "location":
        return _all_terms("location", tokens(NAME_ANALYZER, value))
    if node.field == "title":
        return _all_terms("title", tokens(TEXT_ANALYZER, value))
    words = _all_terms("topic", tokens(TEXT_ANALYZER, value.replace("-", " ")))
    if node.field == "subject":
        by_slug = wq.Term("f_subject", value)
        return wq.Or([by_slug, words]) if words is not None else by_slug
    return words


def excluded_queries(tree) -> list[wq.Query] | None:
    """For a tree of only NOT-parts (and MatchAll), the Whoosh queries they exclude.

    None for any other tree. Whoosh would answer And(Every, Not(...)) by
    visiting and scoring every document: 25 times the cost of a word search.
    """
    parts = tree.children if isinstance(tree, query.And) else (tree,)
    negated = [part.child for part in parts if isinstance(part, query.Not)]
    if not negated or any(not isinstance(part, query.Not | query.MatchAll) for part in parts):
        return None
    return [found for found in map(translate, negated) if found is not None]


def split_ranges(tree) -> tuple[object, list[query.Range]]:
    """Top-level AND-ed ranges come out of the tree to become cached filter sets."""
    if isinstance(tree, query.Range):
        return query.MatchAll(), [tree]
    if isinstance(tree, query.And):
        ranges = [child for child in tree.children if isinstance(child, query.Range)]
        rest = [child for child in tree.children if not isinstance(child, query.Range)]
        if ranges:
            if not rest:
                return query.MatchAll(), ranges
            return (rest[0] if len(rest) == 1 else query.And(tuple(rest))), ranges
    return tree, []
