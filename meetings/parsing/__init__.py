"""Meeting summary parser: pure Python, no Django imports.

parse_text(text, source, authority) -> list[MeetingRecord]
"""

from .names import PeopleAuthority
from .parser import load_default_authority, parse_file, parse_text
from .record import ParseError

__all__ = ["ParseError", "PeopleAuthority", "load_default_authority", "parse_file", "parse_text"]
