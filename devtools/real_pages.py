"""Score the parser on the real pages in ../shared/real (full gold) and
../shared/real/batch-headers (header gold), by field and by decade.

    python -m devtools.real_pages            # print the tables
    python -m devtools.real_pages --write    # also regenerate docs/parser.md

The scoring rules are shared/tools/score_records.py's; this module only converts
the two gold formats and groups the scores. Standard library and the parser only.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
REAL = SHARED / "real"
BATCH = REAL / "batch-headers"
DOC = ROOT / "docs" / "parser.md"

FULL_FIELDS = [
    "title", "subtitle", "provisional", "published", "meeting_dates", "duration",
    "location", "venue", "participants", "principals", "participant_country",
    "participant_title",
]  # fmt: skip
COMPLETE_ONLY = ["sections", "speakers"]
HEADER_FIELDS = [
    "title", "published", "meeting_dates", "duration", "principals",
    "principal_country", "meeting_type",
]  # fmt: skip


def scoring_rules():
    """shared/tools/score_records.py, loaded by path (it is not a package)."""
    path = SHARED / "tools" / "score_records.py"
    spec = importlib.util.spec_from_file_location("score_records", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@dataclass
class PageScore:
    name: str
    year: int | None
    fields: dict[str, float]
    record: dict | None
    error: str | None = None

    @property
    def mean(self) -> float:
        return sum(self.fields.values()) / len(self.fields)


@dataclass
class SetScore:
    label: str
    pages: list[PageScore] = field(default_factory=list)
    attribution: float | None = None

    def field_means(self) -> dict[str, float]:
        sums: dict[str, list[float]] = defaultdict(list)
        for page in self.pages:
            for name, value in page.fields.items():
                sums[name].append(value)
        return {name: sum(v) / len(v) for name, v in sums.items()}

    def overall(self) -> float:
        return sum(p.mean for p in self.pages) / len(self.pages) if self.pages else 0.0

    def by_decade(self) -> dict[str, float]:
        groups: dict[str, list[float]] = defaultdict(list)
        for page in self.pages:
            decade = f"{page.year // 10 * 10}s" if page.year else "unknown"
            groups[decade].append(page.mean)
        return {d: sum(v) / len(v) for d, v in sorted(groups.items())}

    @property
    def refused(self) -> list[PageScore]:
        return [p for p in self.pages if p.record is None]


def parse_pages(paths: list[Path]) -> dict[str, tuple[dict | None, str | None]]:
    from meetings.parsing import ParseError, load_default_authority, parse_file

    authority = load_default_authority()
    out: dict[str, tuple[dict | None, str | None]] = {}
    for path in paths:
        try:
            records = parse_file(path, authority)
            out[path.name] = (records[0].to_json(), None)
        except ParseError as error:
            out[path.name] = (None, str(error))
    return out


def _year(gold: dict) -> int | None:
    for value in [*(gold.get("meeting_dates") or []), gold.get("published")]:
        if value:
            return int(value[:4])
    for token in Path(gold.get("source", "")).stem.split("-")[::-1]:
        if token.isdigit() and len(token) == 4:
            return int(token)
    return None


def _page_year(stem: str, gold: dict) -> int | None:
    tail = stem.rsplit("-", 1)[-1]
    return int(tail) if tail.isdigit() and len(tail) == 4 else _year(gold)


def score_full_set(rules) -> SetScore | None:
    docs = sorted((REAL / "docs").glob("*.txt")) if (REAL / "docs").is_dir() else []
    if not docs:
        return None
    parsed = parse_pages(docs)
    result = SetScore("real pages, full gold")
    for doc in docs:
        gold = json.loads((REAL / "gold" / f"{doc.stem}.json").read_text())
        complete = bool(gold.get("text_complete"))
        record, error = parsed[doc.name]
        names = FULL_FIELDS + (COMPLETE_ONLY if complete else [])
        scores = rules.score_record(record, _full_gold(gold)) if record else {}
        if record and gold.get("subtitle_accept"):
            scores["subtitle"] = float(
                any(
                    rules.similar(record.get("subtitle"), alt, 0.95)
                    for alt in gold["subtitle_accept"]
                )
            )
        fields = {n: scores.get(n, 0.0) for n in names}
        result.pages.append(PageScore(doc.stem, _page_year(doc.stem, gold), fields, record, error))
    attributions = json.loads((REAL / "attributions.json").read_text())
    produced = [p.record for p in result.pages if p.record]
    scored = rules.attribution_scores(produced, attributions)
    result.attribution = sum(ok for _, ok in scored) / len(scored) if scored else None
    return result


def _full_gold(g: dict) -> dict:
    return {
        "title": g["title"],
        "subtitle": g.get("subtitle"),
        "provisional_translation": g.get("provisional_translation", False),
        "published": g.get("published"),
        "meeting_dates": g.get("meeting_dates") or [],
        "location": g.get("location"),
        "venue": g.get("venue"),
        "duration_minutes": g.get("duration_minutes"),
        "participants": [dict(p, role="principal") for p in g.get("leaders") or []]
        + [dict(p, role="attendee") for p in g.get("other_attendees") or []],
        "sections": [
            {"number": str(i + 1), "heading": h, "subsections": []}
            for i, h in enumerate(g.get("sections") or [])
        ],
        "speakers": g.get("speakers") or [],
    }


def score_header_set(rules, folder: Path = BATCH, label: str = "") -> SetScore | None:
    docs = sorted((folder / "docs").glob("*.txt")) if (folder / "docs").is_dir() else []
    if not docs:
        return None
    parsed = parse_pages(docs)
    result = SetScore(label or "real pages, header gold")
    for doc in docs:
        gold = json.loads((folder / "gold" / f"{doc.stem}.json").read_text())
        record, error = parsed[doc.name]
        fields = header_scores(rules, record, gold) if record else dict.fromkeys(HEADER_FIELDS, 0.0)
        result.pages.append(PageScore(doc.stem, _page_year(doc.stem, gold), fields, record, error))
    return result


def header_scores(rules, record: dict, gold: dict) -> dict[str, float]:
    principals = [p for p in record.get("participants") or [] if p.get("role") == "principal"]
    gold_principals = gold.get("principals") or []
    pairs = rules.matched_pairs(principals, gold_principals)
    if pairs:
        country = sum(rules.same_country(a.get("country"), b.get("country")) for a, b in pairs)
        country /= len(pairs)
    else:
        country = 0.0 if gold_principals else 1.0
    pd, gd = record.get("duration_minutes"), gold.get("duration_minutes")
    return {
        "title": float(
            any(rules.similar(t, gold.get("title"), 0.97) for t in _title_lines(record))
        ),
        "published": float(record.get("published") == gold.get("published")),
        "meeting_dates": rules.f1(
            record.get("meeting_dates") or [], gold.get("meeting_dates") or [], lambda a, b: a == b
        ),
        "duration": float(
            (pd is None and gd is None) or (None not in (pd, gd) and abs(pd - gd) <= 1)
        ),
        "principals": rules.f1(principals, gold_principals, rules.same_person),
        "principal_country": country,
        "meeting_type": float(record.get("meeting_type") == gold.get("meeting_type")),
    }


def _title_lines(record: dict) -> list[str | None]:
    """Header gold keeps a "(Summary)" that sits on the title line; RECORD_FORMAT moves it
    to `subtitle`. The line as written is the title followed by its subtitle."""
    title, subtitle = record.get("title"), record.get("subtitle")
    return [title, f"{title} ({subtitle})"] if title and subtitle else [title]


def report(sets: list[SetScore]) -> str:
    lines = [
        "# The parser on real pages",
        "",
        "Generated by `make parser-report` (`python -m devtools.real_pages --write`) from the",
        "real pages in `../shared/real/` (full gold) and `../shared/real/batch-headers/` (header",
        "gold). Rules are `../shared/tools/score_records.py`'s. Do not edit by hand.",
        "",
    ]
    for scores in sets:
        lines += _set_section(scores)
    return "\n".join(lines) + "\n"


def _set_section(scores: SetScore) -> list[str]:
    means = scores.field_means()
    lines = [f"## {scores.label}: {len(scores.pages)} pages", ""]
    lines.append(f"- overall: **{scores.overall():.3f}**")
    if scores.attribution is not None:
        lines.append(f"- attribution: **{scores.attribution:.3f}**")
    lines.append(f"- refused: {len(scores.refused)}")
    lines += ["", "| field | score |", "|---|---|"]
    lines += [f"| {name} | {value:.3f} |" for name, value in means.items()]
    lines += ["", "| decade | pages | overall |", "|---|---|---|"]
    counts = defaultdict(int)
    for page in scores.pages:
        counts[f"{page.year // 10 * 10}s" if page.year else "unknown"] += 1
    lines += [f"| {d} | {counts[d]} | {v:.3f} |" for d, v in scores.by_decade().items()]
    low = [p for p in scores.pages if p.mean < 1]
    if low:
        lines += ["", "Pages below 1.000 (fields below 1):", ""]
        for page in low:
            wrong = ", ".join(f"{k} {v:.2f}" for k, v in page.fields.items() if v < 1)
            lines.append(f"- `{page.name}`: {page.mean:.3f} ({wrong})")
    return [*lines, ""]


def score_all(extra: list[Path] = ()) -> list[SetScore]:
    rules = scoring_rules()
    sets = [score_full_set(rules), score_header_set(rules)]
    sets += [score_header_set(rules, folder, f"header gold in {folder}") for folder in extra]
    return [s for s in sets if s]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m devtools.real_pages")
    parser.add_argument("--write", action="store_true", help=f"rewrite {DOC.relative_to(ROOT)}")
    parser.add_argument(
        "--headers",
        action="append",
        type=Path,
        default=[],
        metavar="DIR",
        help="also score a folder of pages with header gold (DIR/docs, DIR/gold); "
        "printed only, never written",
    )
    args = parser.parse_args(argv)
    if not REAL.is_dir():
        print(f"error: {REAL} is absent: nothing to score", file=sys.stderr)
        return 1
    if args.write:
        DOC.write_text(report(score_all()))
    print(report(score_all(args.headers)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
