"""The Whoosh index's fields and analysers, and how a statement fills them."""

from __future__ import annotations

from whoosh import analysis, fields, formats
from whoosh.support.charset import accent_map

from .. import documents
from ..fields import FACETS
from ..query import MIN_WORD_LENGTH, STOP_WORDS

KEY_SEPARATOR = "\x1f"
# The facets with several values per statement, each in a keys field (f_speaker ...).
FACET_FIELDS = {spec.name: spec.whoosh_field for spec in FACETS if spec.many}
RANKED_FIELDS = ("text", "pairs")  # the only fields with frequencies and lengths

FOLD = analysis.CharsetFilter(accent_map)
TEXT_ANALYZER = (
    analysis.RegexTokenizer()
    | analysis.LowercaseFilter()
    | FOLD
    | analysis.StopFilter(stoplist=STOP_WORDS, minsize=MIN_WORD_LENGTH)
    | analysis.StemFilter(cachesize=100000)
)
PAIR_ANALYZER = (
    analysis.RegexTokenizer()
    | analysis.LowercaseFilter()
    | FOLD
    | analysis.StemFilter(cachesize=100000)
    | analysis.BiWordFilter(sep=" ")
)
NAME_ANALYZER = analysis.RegexTokenizer() | analysis.LowercaseFilter() | FOLD
KEY_ANALYZER = analysis.RegexTokenizer(r"[^\x1f]+")


def _keys_field() -> fields.FieldType:
    return fields.FieldType(formats.Existence(), KEY_ANALYZER)


def _filter_field(analyzer) -> fields.FieldType:
    """Words a document has or not: no frequencies, no lengths, never ranked on.

    Only `text` (and `pairs`, for phrases) rank; speaker, country, topic, title
    and location only narrow. Unscored fields skip Whoosh's per-posting length
    bookkeeping, the costliest part of a commit.
    """
    return fields.FieldType(formats.Existence(), analyzer, scorable=False)


def make_schema() -> fields.Schema:
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        meeting=fields.ID(),
        hash=fields.STORED(),
        text=fields.TEXT(analyzer=TEXT_ANALYZER, phrase=False),
        pairs=fields.TEXT(analyzer=PAIR_ANALYZER, phrase=False),
        vocab=fields.FieldType(formats.Existence(), NAME_ANALYZER),
        speaker=_filter_field(NAME_ANALYZER),
        country=_filter_field(NAME_ANALYZER),
        topic=_filter_field(TEXT_ANALYZER),
        title=_filter_field(TEXT_ANALYZER),
        location=_filter_field(NAME_ANALYZER),
        f_speaker=_keys_field(),
        f_country=_keys_field(),
        f_subject=_keys_field(),
        type=fields.ID(),
        # Ranges are answered from cached arrays (range_docs); only a range
        # nested in OR/NOT reaches Whoosh, so one term per value (no tiers)
        # spares 14 postings per document.
        year=fields.NUMERIC(int, bits=32, sortable=True, shift_step=0),
        date=fields.NUMERIC(int, bits=32, sortable=True, shift_step=0),
    )


def doc_fields(doc: documents.StatementDoc) -> dict:
    return {
        "id": str(doc.id),
        "meeting": str(doc.meeting_id),
        "hash": doc.content_hash,
        "text": doc.text,
        "pairs": doc.text,
        "vocab": doc.text,
        "speaker": " | ".join(doc.speaker_names),
        "country": " | ".join(doc.countries),
        "topic": doc.topic,
        "title": doc.title,
        "location": doc.location,
        "f_speaker": KEY_SEPARATOR.join(doc.speaker_slugs),
        "f_country": KEY_SEPARATOR.join(doc.countries),
        "f_subject": KEY_SEPARATOR.join(doc.subject_slugs),
        "type": doc.meeting_type,
        "year": doc.year,
        "date": doc.date_ordinal,
    }


def tokens(analyzer, text: str) -> list[str]:
    return [token.text for token in analyzer(text, mode="query")]
