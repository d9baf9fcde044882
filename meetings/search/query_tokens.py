"""The query text as tokens: words, quoted phrases, parentheses, fields, operators."""

from __future__ import annotations

import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"""
    (?P<space>\s+)
  | (?P<lparen>\()
  | (?P<rparen>\))
  | (?P<quote>"[^"]*"?)
  | (?P<minus>-+(?=[^\s-]))
  | (?P<field>[A-Za-z_]+:)
  | (?P<word>[^\s()"]+)
    """,
    re.VERBOSE,
)
OPERATORS = {"AND": "and", "OR": "or", "NOT": "not", "&&": "and", "||": "or"}


@dataclass
class Token:
    kind: str  # lparen rparen phrase word field and or not minus
    text: str
    closed: bool = True


def tokenize(text: str) -> list[Token]:
    tokens: list[Token] = []
    for match in _TOKEN.finditer(text):
        kind, value = match.lastgroup, match.group()
        if kind == "space":
            continue
        if kind == "quote":
            closed = len(value) > 1 and value.endswith('"')
            tokens.append(Token("phrase", value[1:-1] if closed else value[1:], closed))
        elif kind == "word" and value in OPERATORS:
            tokens.append(Token(OPERATORS[value], value))
        elif kind == "minus":
            tokens.append(Token("minus", "-"))
        elif kind == "field":
            tokens.append(Token("field", value[:-1].lower()))
        else:
            tokens.append(Token(kind, value))
    return tokens
