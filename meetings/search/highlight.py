"""Snippets: escape the stored text to HTML first, then wrap matched terms in <mark>.

Backends find the character spans of matched terms (they know their own
stemming); this module picks the window with the most matches and builds the
only markup a snippet ever contains: `<mark>` tags and an ellipsis.
"""

from __future__ import annotations

from html import escape

SNIPPET_CHARS = 300
ELLIPSIS = "…"


def build_snippet(text: str, spans: list[tuple[int, int]], width: int = SNIPPET_CHARS) -> str:
    """Safe HTML for the best `width`-character window of `text`, matches marked."""
    spans = _clean(spans, len(text))
    start, end = _window(text, spans, width)
    pieces = [ELLIPSIS] if start > 0 else []
    cursor = start
    for span_start, span_end in spans:
        if span_start < start or span_end > end:
            continue
        pieces.append(escape(text[cursor:span_start], quote=True))
        pieces.append(f"<mark>{escape(text[span_start:span_end], quote=True)}</mark>")
        cursor = span_end
    pieces.append(escape(text[cursor:end], quote=True))
    if end < len(text):
        pieces.append(ELLIPSIS)
    return "".join(pieces)


def _clean(spans, length: int) -> list[tuple[int, int]]:
    """Sorted, in bounds, non-overlapping."""
    result = []
    for start, end in sorted(spans):
        start, end = max(0, start), min(length, end)
        if end <= start:
            continue
        if result and start < result[-1][1]:
            result[-1] = (result[-1][0], max(end, result[-1][1]))
        else:
            result.append((start, end))
    return result


def _window(text: str, spans, width: int) -> tuple[int, int]:
    if len(text) <= width:
        return 0, len(text)
    best_start, best_count = 0, -1
    for index, (span_start, _) in enumerate(spans):
        count = sum(1 for s, e in spans[index:] if e <= span_start + width)
        if count > best_count:
            best_start, best_count = span_start, count
    # Start a little before the first match, at a word boundary.
    start = max(0, best_start - width // 5)
    if start > 0:
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < best_start else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    return start, end
