"""A fixed, deterministic mix of search queries drawn from the corpus itself.

Each query is kept as structure (words, phrase, speaker, year, date range,
facet filters) so the same query can be written in our query language and
translated to an FTS5 MATCH for the baseline.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from dataclasses import dataclass, field

WORD = re.compile(r"[a-z]{3,}")
TOKEN = re.compile(r"[a-z0-9]+")
STOP_WORDS = frozenset(
    (
        "the",
        "and",
        "that",
        "was",
        "were",
        "with",
        "for",
        "from",
        "this",
        "his",
        "her",
        "their",
        "its",
        "had",
        "has",
        "have",
        "which",
        "would",
        "should",
        "could",
        "also",
        "between",
        "both",
        "two",
        "side",
        "sides",
        "been",
        "being",
        "into",
        "over",
        "under",
        "such",
        "other",
        "these",
        "those",
        "they",
        "them",
        "than",
        "then",
        "there",
        "will",
        "not",
        "are",
        "but",
        "all",
        "any",
        "can",
        "our",
        "out",
        "who",
        "whom",
    )
)
# How many queries of each kind: 225 in all.
MIX = {
    "common_word": 35,
    "rare_word": 35,
    "two_words": 30,
    "three_words": 20,
    "phrase": 25,
    "speaker": 20,
    "year": 15,
    "date_range": 15,
    "facets": 30,
}


@dataclass(frozen=True)
class BenchQuery:
    kind: str
    words: tuple[str, ...] = ()
    phrase: tuple[str, ...] = ()
    speaker: str | None = None  # canonical name
    year: int | None = None
    date_range: tuple[str, str] | None = None  # ("2003-01", "2004-06")
    filters: dict = field(default_factory=dict, hash=False)  # facet filters, search() form

    @property
    def text(self) -> str:
        """The query as a user types it into the search box."""
        parts = list(self.words)
        if self.phrase:
            parts.append('"' + " ".join(self.phrase) + '"')
        if self.speaker:
            parts.append(f'speaker:"{self.speaker}"')
        if self.year:
            parts.append(f"year:{self.year}")
        if self.date_range:
            parts.append(f"date:{self.date_range[0]}..{self.date_range[1]}")
        return " ".join(parts)

    def as_json(self) -> dict:
        return {"kind": self.kind, "q": self.text, "filters": self.filters}


@dataclass
class Sample:
    """One statement kept to draw queries from: its words in order and its facets."""

    tokens: list[str]  # every word, in order, so runs of them are phrases
    speakers: list[str]
    year: int | None
    meeting_type: str
    countries: list[str]

    @property
    def content(self) -> list[str]:
        return [w for w in self.tokens if len(w) >= 3 and w not in STOP_WORDS and w.isalpha()]


@dataclass
class CorpusStats:
    """What the mix is drawn from; filled one statement at a time."""

    words: Counter = field(default_factory=Counter)
    samples: list[Sample] = field(default_factory=list)
    seen: int = 0

    def add(self, text, speakers, year, meeting_type, countries=()) -> None:
        tokens = TOKEN.findall(text.lower())
        self.words.update(w for w in tokens if WORD.fullmatch(w))
        self.seen += 1
        if self.seen % 5 == 1 and len(self.samples) < 3000:
            self.samples.append(Sample(tokens, list(speakers), year, meeting_type, list(countries)))


def build_mix(stats: CorpusStats, seed: int = 0) -> list[BenchQuery]:
    rng = random.Random(f"bench-queries:{seed}")
    ranked = [w for w, _ in stats.words.most_common() if w not in STOP_WORDS]
    common = ranked[:60]
    rare = sorted(w for w, n in stats.words.items() if n <= 3 and len(w) >= 5) or ranked[-60:]
    samples = [s for s in stats.samples if len(s.content) >= 3]
    spoken = [s for s in samples if s.speakers]
    dated = [s for s in samples if s.year]
    queries: list[BenchQuery] = []

    def add(count: int, make) -> None:
        queries.extend(make() for _ in range(count))

    def words_of(sample: Sample, n: int) -> tuple[str, ...]:
        return tuple(rng.sample(sorted(set(sample.content)), n))

    def phrase() -> BenchQuery:
        for _ in range(100):
            sample, length = rng.choice(samples), rng.choice((2, 3))
            start = rng.randrange(max(1, len(sample.tokens) - length))
            run = sample.tokens[start : start + length]
            if len(run) == length and any(w in sample.content for w in run):
                return BenchQuery("phrase", phrase=tuple(run))
        return BenchQuery("phrase", phrase=tuple(common[:2]))

    def speaker() -> BenchQuery:
        sample = rng.choice(spoken)
        words = words_of(sample, 1) if rng.random() < 0.5 else ()
        return BenchQuery("speaker", words=words, speaker=rng.choice(sample.speakers))

    def year() -> BenchQuery:
        sample = rng.choice(dated)
        return BenchQuery("year", words=words_of(sample, 1), year=sample.year)

    def date_range() -> BenchQuery:
        sample = rng.choice(dated)
        first, last = sample.year - rng.randint(0, 1), sample.year + rng.randint(0, 2)
        span = (f"{first}-{rng.randint(1, 12):02d}", f"{last}-{rng.randint(1, 12):02d}")
        return BenchQuery("date_range", words=words_of(sample, 1), date_range=span)

    def facets() -> BenchQuery:
        sample = rng.choice(dated)
        filters: dict = {"type": sample.meeting_type}
        if sample.countries and rng.random() < 0.7:
            filters["country"] = rng.choice(sample.countries)
        if rng.random() < 0.5:
            filters["year"] = sample.year
        word = rng.choice([w for w in common[:15] if w in sample.content] or common[:1])
        return BenchQuery("facets", words=(word,), filters=filters)

    add(MIX["common_word"], lambda: BenchQuery("common_word", words=(rng.choice(common),)))
    add(MIX["rare_word"], lambda: BenchQuery("rare_word", words=(rng.choice(rare),)))
    add(MIX["two_words"], lambda: BenchQuery("two_words", words=words_of(rng.choice(samples), 2)))
    add(
        MIX["three_words"],
        lambda: BenchQuery("three_words", words=words_of(rng.choice(samples), 3)),
    )
    add(MIX["phrase"], phrase)
    add(MIX["speaker"], speaker)
    add(MIX["year"], year)
    add(MIX["date_range"], date_range)
    add(MIX["facets"], facets)
    return queries
