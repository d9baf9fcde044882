"""Meeting summary parser: pure Python, no Django imports.

parse_text(text, source, authority) -> list[MeetingRecord]
"""
