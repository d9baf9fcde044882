"""Parse time per MB on one long text at two sizes: linear parsing keeps the two equal.

The text is a seed's body repeated under its own title and date line, so every part of
the parser (mentions, cast, clauses, attribution) runs on realistic prose.
"""

from __future__ import annotations

import time
from pathlib import Path

from meetings.parsing import load_default_authority, parse_text

SEEDS = Path(__file__).resolve().parents[2] / "fixtures" / "seeds"
SIZES_MB = (0.1, 1.0)


def long_text(megabytes: float) -> str:
    seed = sorted(SEEDS.glob("*.txt"))[0].read_text(encoding="utf-8")
    title, date_line, body = seed.split("\n\n", 2)
    copies = max(1, round(megabytes * 1_000_000 / len(body.encode("utf-8"))))
    return "\n\n".join([title, date_line, *([body] * copies)])


def stage_parse_scaling(sizes_mb: tuple[float, ...] = SIZES_MB) -> dict:
    authority = load_default_authority()
    rows = []
    for size in sizes_mb:
        text = long_text(size)
        megabytes = len(text.encode("utf-8")) / 1_000_000
        started = time.perf_counter()
        parse_text(text, "long.txt", authority)
        seconds = time.perf_counter() - started
        rows.append({"mb": round(megabytes, 2), "seconds": round(seconds, 2)})
        rows[-1]["s_per_mb"] = round(seconds / megabytes, 2)
    ratio = rows[-1]["s_per_mb"] / rows[0]["s_per_mb"] if rows[0]["s_per_mb"] else None
    return {"sizes": rows, "ratio": round(ratio, 2) if ratio else None}
