"""The five measurements, run inside the throwaway process (see runner.py).

Every stage goes through the project's real code: the importer, the search
package, the ORM and the pages through django.test.Client.
"""

from __future__ import annotations

import os
import resource
import time
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.test.utils import override_settings

from devtools import corpus
from meetings import importer, search
from meetings.models import Meeting, Statement
from meetings.search import documents

from .fts5 import Fts5Baseline
from .pages import page_urls, pages_ratio, stage_pages, stage_small_pages
from .parse_scaling import stage_parse_scaling
from .pg_fts import PostgresFtsBaseline
from .queries import BenchQuery, CorpusStats, build_mix
from .report import BASELINE_NAMES
from .timing import CallTimer, cpu_now, machine_info, ms, now, peak_rss_mb, summary_ms, tree_mb

FRESHNESS_EDITS = 100
FRESHNESS_TOKEN = "zqfreshnesszq"
FRESHNESS_TIMEOUT_S = 120


def write_corpus_for(statements: int, out_dir: Path, seed: int) -> dict:
    """Generate meetings until they hold at least `statements` statements."""
    out_dir.mkdir(parents=True, exist_ok=True)
    start, meetings, meant = now(), 0, 0
    for name, text, record in corpus.iter_corpus(None, seed):
        (out_dir / name).write_bytes(text.encode("utf-8"))
        meetings += 1
        meant += len(record["statements"])
        if meant >= statements:
            break
    return {"meetings": meetings, "statements_meant": meant, "generate_s": round(now() - start, 2)}


def stage_import(corpus_dir: Path) -> dict:
    parse, index = CallTimer(), CallTimer()
    start, cpu_start = now(), cpu_now()
    with parse.around(importer.entry, "parse_source"), index.around(search, "index_meetings"):
        summary = importer.import_paths([corpus_dir])
    total = now() - start
    importer_cpu = cpu_now() - cpu_start  # parse + store (+ index when inline)
    index_seconds, index_cpu = index.seconds, index.cpu_seconds
    store_s = total - parse.seconds - index.seconds
    in_second_process = summary.index_worker_seconds is not None
    if in_second_process:  # indexing overlapped parse + store; only our waiting adds up
        index_seconds = summary.index_worker_seconds
        index_cpu = summary.index_worker_cpu_seconds or 0.0
        store_s = total - parse.seconds - summary.index_wait_seconds
    store_cpu = importer_cpu - parse.cpu_seconds - index.cpu_seconds
    indexed_during_import = index.calls > 0 or in_second_process
    if not indexed_during_import:  # the search side does not index per file: rebuild once
        rebuild_start, rebuild_cpu = now(), cpu_now()
        search.rebuild()
        index_seconds += now() - rebuild_start
        index_cpu += cpu_now() - rebuild_cpu
        total += now() - rebuild_start
    statements = Statement.objects.count()
    store_s = max(store_s, 1e-9)
    stages = {
        "parse": _stage(statements, parse.seconds, parse.cpu_seconds),
        "store": _stage(statements, store_s, store_cpu),
        "index": _stage(statements, index_seconds, index_cpu),
    }
    return {
        "statements": statements,
        "meetings": Meeting.objects.count(),
        "files_failed": summary.failed,
        "errors": [str(m) for m in summary.errors[:5]],
        "seconds": round(total, 2),
        "statements_per_s": round(statements / total, 1),
        "stages": stages,
        # CPU of every stage, whichever process ran it: what the cores must do per statement.
        "cpu_ms_per_statement": round(sum(s["cpu_ms_per_statement"] for s in stages.values()), 3),
        "load_avg_1m": round(os.getloadavg()[0], 2),  # others' work on the same cores
        "indexed_per_file": indexed_during_import,
        "index_in_second_process": in_second_process,
        "index_wait_s": round(summary.index_wait_seconds, 2),
        "index_batches": summary.index_batches,
        "index_writes": summary.index_writes,
        # The importer's peak, and the indexing process's (they run side by side).
        "peak_rss_mb": peak_rss_mb(),
        "index_process_peak_rss_mb": peak_rss_mb(resource.RUSAGE_CHILDREN),
        "db_mb": database_mb(),
        "index_mb": index_mb(),
    }


def _stage(statements: int, seconds: float, cpu_seconds: float) -> dict:
    return {
        "seconds": round(seconds, 2),
        "statements_per_s": round(statements / seconds, 1) if seconds > 0 else None,
        "cpu_s": round(cpu_seconds, 2),
        "cpu_ms_per_statement": round(cpu_seconds * 1000 / statements, 3) if statements else 0.0,
    }


def database_mb() -> float:
    if connection.vendor == "sqlite":
        name = Path(settings.DATABASES["default"]["NAME"])
        return round(sum(p.stat().st_size for p in _sqlite_files(name)) / 1e6, 2)
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return round(cursor.fetchone()[0] / 1e6, 2)


def _sqlite_files(name: Path) -> list[Path]:
    return [p for p in (name, Path(f"{name}-wal"), Path(f"{name}-shm")) if p.exists()]


def index_mb() -> float | None:
    if settings.SEARCH_BACKEND == "postgres":
        return None  # the index lives inside the database (db_mb counts it)
    path = Path(settings.SEARCH_INDEX_DIR)
    return tree_mb(path) if path.exists() else 0.0


# ---------------------------------------------------------------- search


class SharedDocs:
    """One pass over every statement's StatementDoc, feeding two consumers.

    Building the docs (ORM rows, prefetches, build_doc) is the costly part at a
    million statements, so it is done once: each batch is added to `stats`
    (the word, speaker and year counts the query mix is drawn from), then
    handed on to whoever iterates (the baseline's loader). `seconds` is the
    time spent here, making and counting the docs, so that the baseline's
    build time can leave it out.
    """

    def __init__(self):
        self.stats = CorpusStats()
        self.seconds = 0.0

    def __iter__(self):
        batches = documents.iter_all_docs()
        while True:
            start = now()
            batch = next(batches, None)
            for doc in batch or ():
                self.stats.add(
                    doc.text, _canonical(doc), doc.year or None, doc.meeting_type, doc.countries
                )
            self.seconds += now() - start
            if batch is None:
                return
            yield batch


def _canonical(doc) -> list[str]:
    """The canonical names among a doc's speaker names (aliases follow each name)."""
    return [name for name in doc.speaker_names if name in _canonical_names()]


_names_cache: set[str] | None = None


def _canonical_names() -> set[str]:
    global _names_cache
    if _names_cache is None:
        from meetings.models import Person

        _names_cache = set(Person.objects.values_list("name", flat=True))
    return _names_cache


def search_path(query: BenchQuery) -> dict:
    """What the search page does: search, rows for the hits, snippets, facets."""
    result = search.search(query.text, query.filters, page=1, per_page=20)
    rows = Statement.objects.for_display().in_bulk(result.ids)
    snippets = [hit.snippet for hit in result.hits if hit.statement_id in rows]
    facet_values = sum(len(values) for values in result.facets.values())
    return {
        "total": result.total,
        "shown": len(snippets),
        "facet_values": facet_values,
        "error": result.error,
        "notice": result.notice,
    }


Baseline = Fts5Baseline | PostgresFtsBaseline


@override_settings(SEARCH_RESULTS_KEPT=0)
def stage_search(queries: list[BenchQuery], baseline: Baseline) -> dict:
    """Each query timed against the baseline. No search result is kept: the warm-up
    would make every timed query a look-up, which the baseline has no equal of."""
    for query in queries:  # warm-up: caches, searcher, page cache
        search_path(query)
        baseline.run(query)
    ours, theirs, details = [], [], []
    for query in queries:
        start = now()
        found = search_path(query)
        ours.append(now() - start)
        start = now()
        base = baseline.run(query)
        theirs.append(now() - start)
        details.append(
            {
                **query.as_json(),
                "ms": ms(ours[-1]),
                "baseline_ms": ms(theirs[-1]),
                "total": found["total"],
                "baseline_total": base["total"],
                "error": found["error"],
                "notice": found["notice"],
            }
        )
    ours_summary, base_summary = summary_ms(ours), summary_ms(theirs)
    return {
        "ours": ours_summary,
        "baseline": base_summary,
        "ratio_p50": _ratio(ours_summary["p50_ms"], base_summary["p50_ms"]),
        "ratio_p95": _ratio(ours_summary["p95_ms"], base_summary["p95_ms"]),
        "queries": len(queries),
        "by_kind": _by_kind(details),
        "errors": sum(1 for d in details if d["error"]),
        # Stopped by SEARCH_TIME_LIMIT_MS: fast, but not a full answer.
        "time_limited": sum(1 for d in details if _time_limited(d["notice"])),
        "zero_hits": sum(1 for d in details if not d["total"]),
        "details": details,
    }


def _time_limited(notice: str | None) -> bool:
    return bool(notice) and ("the search took" in notice or "the search stopped" in notice)


def _ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def _by_kind(details: list[dict]) -> dict:
    kinds: dict[str, dict] = {}
    for kind in dict.fromkeys(d["kind"] for d in details):
        rows = [d for d in details if d["kind"] == kind]
        ours = summary_ms([d["ms"] / 1000 for d in rows])
        base = summary_ms([d["baseline_ms"] / 1000 for d in rows])
        kinds[kind] = {
            "queries": len(rows),
            "p50_ms": ours["p50_ms"],
            "p95_ms": ours["p95_ms"],
            "baseline_p50_ms": base["p50_ms"],
            "baseline_p95_ms": base["p95_ms"],
        }
    return kinds


def baseline_engine() -> str:
    """The baseline to measure against: the raw engine under our search backend."""
    return "postgresql-fts" if settings.SEARCH_BACKEND == "postgres" else "sqlite-fts5"


def open_baseline(engine: str, work_dir: Path) -> Baseline:
    if engine == "postgresql-fts":  # tables of its own in the bench's throwaway database
        return PostgresFtsBaseline()
    return Fts5Baseline(work_dir / "fts5.sqlite3")


def build_baseline(work_dir: Path) -> tuple[Baseline, dict, CorpusStats]:
    """The baseline loaded and indexed, and the corpus stats, from one pass over the docs.

    build_s is the baseline's own loading and indexing: the time spent making
    the StatementDocs and counting them into the stats (shared by both, see
    SharedDocs) is left out and reported apart as docs_s.
    """
    engine = baseline_engine()
    baseline = open_baseline(engine, work_dir)
    feed = SharedDocs()
    start = now()
    rows = baseline.build(feed)
    seconds = now() - start - feed.seconds
    build = {
        "engine": engine,
        "rows": rows,
        "build_s": round(seconds, 2),
        "docs_s": round(feed.seconds, 2),
        "db_mb": baseline.size_mb(),
    }
    return baseline, build, feed.stats


# ---------------------------------------------------------------- freshness


def stage_freshness() -> dict:
    """Edit 100 statements in one transaction; ms from commit until search finds all."""
    ids = list(Statement.objects.order_by("id").values_list("id", flat=True))
    step = max(1, len(ids) // FRESHNESS_EDITS)
    chosen = ids[::step][:FRESHNESS_EDITS]
    with transaction.atomic():
        for statement in Statement.objects.filter(id__in=chosen):
            statement.text = f"{statement.text} {FRESHNESS_TOKEN}"
            statement.save()
        committed = now()  # on_commit handlers run as the block exits
    found, polls = 0, 0
    while now() - committed < FRESHNESS_TIMEOUT_S:
        polls += 1
        found = search.search(FRESHNESS_TOKEN, per_page=20).total
        if found >= len(chosen):
            break
        time.sleep(0.005)
    elapsed = now() - committed
    return {
        "edited": len(chosen),
        "found": found,
        "polls": polls,
        "ms": ms(elapsed) if found >= len(chosen) else None,
    }


# ---------------------------------------------------------------- all of it


def run_all(
    statements: int,
    work_dir: Path,
    seed: int = 0,
    progress=print,
    save=lambda result: None,
    small_statements: int = 0,
    pages_only: bool = False,
) -> dict:
    """Every stage in order; `save(result)` after each, so a stopped run keeps what it has.

    With `small_statements`, the pages are first timed with that many statements
    imported, and the ratio of both sizes reported; `pages_only` leaves out the
    search, parser and freshness stages (a quicker run of the pages alone).
    """
    result: dict = {"statements": statements, "backend": settings.SEARCH_BACKEND, "seed": seed}
    result["machine"] = machine_info()
    result["database"] = connection.vendor
    result["workspace"] = {  # where this run wrote: never the user's var/
        "database": str(settings.DATABASES["default"]["NAME"]),
        "index": str(settings.SEARCH_INDEX_DIR),
        "var": str(settings.VAR_DIR),
    }
    progress(f"generating a corpus of >= {statements} statements")
    corpus_dir = work_dir / "corpus"
    result["corpus"] = write_corpus_for(statements, corpus_dir, seed)
    if small_statements:
        progress(f"timing pages at about {small_statements} statements")
        result["pages_small"] = stage_small_pages(corpus_dir, small_statements, seed)
        save(result)
    progress(f"importing {result['corpus']['meetings']} meetings")
    result["import"] = stage_import(corpus_dir)
    result["statements"] = result["import"]["statements"]
    save(result)
    if not pages_only:
        result["search"] = _search_stages(result, work_dir, seed, progress)
        save(result)
    progress("timing pages")
    urls = result["pages_small"]["urls"] if small_statements else page_urls()
    result["pages"] = stage_pages(urls)
    if small_statements:
        result["pages_ratio"] = pages_ratio(result["pages_small"]["pages"], result["pages"])
    save(result)
    if not pages_only:
        progress("timing the parser on one long text")
        result["parse_scaling"] = stage_parse_scaling()
        save(result)
        progress("measuring freshness")
        result["freshness"] = stage_freshness()
        result["freshness_ms"] = result["freshness"]["ms"]
    result["peak_rss_mb_all"] = peak_rss_mb()
    return result


def _search_stages(result: dict, work_dir: Path, seed: int, progress) -> dict:
    progress(f"building the {BASELINE_NAMES[baseline_engine()]} baseline")
    baseline, result["baseline_build"], stats = build_baseline(work_dir)
    queries = build_mix(stats, seed)
    progress(f"running {len(queries)} queries (ours and baseline)")
    found = stage_search(queries, baseline)
    baseline.close()
    return found
