"""The result JSON as a Markdown table, and the short form kept in --out files."""

from __future__ import annotations

# result["baseline_build"]["engine"] -> how the table names the baseline; runs
# from before the engine was recorded were all SQLite FTS5.
BASELINE_NAMES = {"sqlite-fts5": "SQLite FTS5", "postgresql-fts": "PostgreSQL FTS"}
SHORT_NAMES = {"sqlite-fts5": "FTS5", "postgresql-fts": "PG FTS"}


def _fmt(value, unit: str = "") -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        value = f"{value:,.1f}" if value >= 100 else f"{value:g}"
    elif isinstance(value, int):
        value = f"{value:,}"
    return f"{value}{unit}"


def _rss(imp: dict) -> str:
    child = imp.get("index_process_peak_rss_mb")
    if not child:
        return _fmt(imp["peak_rss_mb"], " MB")
    return f"{_fmt(imp['peak_rss_mb'])} / {_fmt(child)} MB"


def _stage(stage: dict) -> str:
    value = f"{_fmt(stage['statements_per_s'])} statements/s ({_fmt(stage['seconds'])} s)"
    if "cpu_ms_per_statement" in stage:  # runs from before CPU was measured lack it
        value += f", {_fmt(stage['cpu_ms_per_statement'])} ms CPU per statement"
    return value


def markdown(result: dict) -> str:
    imp, machine = result["import"], result["machine"]
    found = result.get("search")  # absent in a --pages-only run
    stages = imp["stages"]
    engine = result.get("baseline_build", {}).get("engine", "sqlite-fts5")
    rows = [
        ("import", "statements / meetings", f"{_fmt(imp['statements'])} / {_fmt(imp['meetings'])}"),
        ("import", "end to end", _fmt(imp["statements_per_s"], " statements/s")),
    ]
    for name in ("parse", "store", "index"):
        rows.append(("import", name, _stage(stages[name])))
    if "cpu_ms_per_statement" in imp:
        total_cpu = _fmt(imp["cpu_ms_per_statement"], " ms CPU per statement")
        rows.append(("import", "all stages", f"{total_cpu}, load {_fmt(imp.get('load_avg_1m'))}"))
    if imp.get("index_in_second_process"):
        rows.append(("import", "importer waiting on indexing", _fmt(imp.get("index_wait_s"), " s")))
    rows += [
        ("import", "peak RSS (importer / indexing process)", _rss(imp)),
        ("import", "database on disk", _fmt(imp["db_mb"], " MB")),
        ("import", "index on disk", _fmt(imp["index_mb"], " MB")),
    ]
    rows += _search_rows(found, engine) if found else []
    for name, page in result["pages"].items():
        rows.append(
            (
                "pages",
                f"{name} (HTTP {page['status']})",
                f"p50 {_fmt(page['p50_ms'])} ms, p95 {_fmt(page['p95_ms'])} ms,"
                f" {page['queries']} SQL queries",
            )
        )
    scaling = result.get("parse_scaling")
    if scaling:
        sizes = ", ".join(f"{r['s_per_mb']} s/MB at {r['mb']} MB" for r in scaling["sizes"])
        rows.append(("parse", "one long text", f"{sizes}; ratio {_fmt(scaling['ratio'])}×"))
    if "freshness_ms" in result:
        rows.append(("freshness", "100 edits → all found", _fmt(result["freshness_ms"], " ms")))
    lines = [
        f"Benchmark: {_fmt(result['statements'])} statements, backend {result['backend']},"
        f" database {result['database']}; {machine['date']}, {machine['cpu']}"
        f" ({machine['cpus']} CPUs), Python {machine['python']}",
        "",
        "| stage | measure | value |",
        "|---|---|---|",
    ]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    by_kind = (found or {}).get("by_kind") or {}
    if by_kind:
        lines += [
            "",
            f"| query kind | n | ours p50 | ours p95 | {SHORT_NAMES[engine]} p50"
            f" | {SHORT_NAMES[engine]} p95 |",
            "|---|---|---|---|---|---|",
        ]
        for kind, row in by_kind.items():
            lines.append(
                f"| {kind} | {row['queries']} | {_fmt(row['p50_ms'])} | {_fmt(row['p95_ms'])} |"
                f" {_fmt(row['baseline_p50_ms'])} | {_fmt(row['baseline_p95_ms'])} |"
            )
    lines += pages_ratio_table(result)
    return "\n".join(lines)


def _search_rows(found: dict, engine: str) -> list[tuple]:
    return [
        (
            "search",
            f"ours, {found['queries']} queries",
            f"p50 {_fmt(found['ours']['p50_ms'])} ms, p95 {_fmt(found['ours']['p95_ms'])} ms,"
            f" max {_fmt(found['ours']['max_ms'])} ms",
        ),
        (
            "search",
            f"{BASELINE_NAMES[engine]} baseline",
            f"p50 {_fmt(found['baseline']['p50_ms'])} ms,"
            f" p95 {_fmt(found['baseline']['p95_ms'])} ms",
        ),
        (
            "search",
            "ratio ours / baseline",
            f"p50 {_fmt(found['ratio_p50'])}×, p95 {_fmt(found['ratio_p95'])}×",
        ),
        (
            "search",
            "errors / stopped by the time limit / no hits",
            f"{_fmt(found.get('errors'))} / {_fmt(found.get('time_limited'))}"
            f" / {_fmt(found.get('zero_hits'))}",
        ),
    ]


def pages_ratio_table(result: dict) -> list[str]:
    """Each page at the small and the full size, and the p95 ratio against the target."""
    ratios = result.get("pages_ratio")
    if not ratios:
        return []
    small = _fmt(result["pages_small"]["statements"])
    large = _fmt(result["statements"])
    lines = [
        "",
        f"| page | p50 / p95 at {small} | p50 / p95 at {large} | p95 ratio (≤ 1.5×)"
        " | p50 ratio | first request | SQL |",
        "|---|---|---|---|---|---|---|",
    ]
    for name, row in ratios.items():
        mark = "" if row["held"] else " **over**"
        lines.append(
            f"| {name} | {_fmt(row['small_p50_ms'])} / {_fmt(row['small_p95_ms'])} ms"
            f" | {_fmt(row['large_p50_ms'])} / {_fmt(row['large_p95_ms'])} ms"
            f" | {_fmt(row['ratio_p95'])}×{mark} | {_fmt(row.get('ratio_p50'))}×"
            f" | {_fmt(row.get('small_first_ms'))} / {_fmt(row.get('large_first_ms'))} ms"
            f" | {row['small_queries']} / {row['large_queries']} |"
        )
    return lines
