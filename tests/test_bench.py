"""manage.py bench at a small size: the JSON's shape and sanity, never its timings."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from devtools.bench.fts5 import Fts5Baseline, match_expression
from devtools.bench.queries import MIX, BenchQuery
from devtools.bench.runner import throwaway_postgres
from devtools.bench.timing import percentile, summary_ms

STATEMENTS = 1500
SMALL = 300  # the pages are first timed with this many statements
PAGE_TYPES = {
    "home",
    "meeting_list",
    "meeting_list_filtered",
    "meeting_detail",
    "person_detail",
    "person_list",
    "subject_detail",
    "subject_list",
    "search",
    "positions",
    "feed",
    "api_meetings",
    "sitemap",
    "sitemap_meetings",
    "meetings_csv",
}


def _server_url(request) -> str | None:
    """With --db=postgres the bench makes its throwaway database on the test server."""
    if request.config.getoption("--db") != "postgres":
        return None
    server = request.getfixturevalue("postgresql_server")
    password = f":{server.password}" if server.password else ""
    return f"postgresql://{server.user}{password}@{server.host}:{server.port}/postgres"


def _needs_postgres(request) -> str:
    url = _server_url(request)
    if url is None:
        pytest.skip("the PostgreSQL baseline needs a PostgreSQL server: run with --db=postgres")
    return url


def _run_bench(tmp_path_factory, statements=STATEMENTS, **options) -> dict:
    out = tmp_path_factory.mktemp("bench") / "bench.json"
    stdout, stderr = io.StringIO(), io.StringIO()
    options.setdefault("small_statements", SMALL)
    call_command(
        "bench", statements=statements, out=str(out), stdout=stdout, stderr=stderr, **options
    )
    return {
        "result": json.loads(out.read_text(encoding="utf-8")),
        "stdout": stdout.getvalue(),
        "stderr": stderr.getvalue(),
    }


@pytest.fixture(scope="module")
def bench_run(request, tmp_path_factory):
    return _run_bench(tmp_path_factory, database_url=_server_url(request))


@pytest.fixture(scope="module")
def postgres_bench_run(request, tmp_path_factory):
    """The PostgreSQL search backend, measured against raw PostgreSQL FTS."""
    url = _needs_postgres(request)
    return _run_bench(tmp_path_factory, backend="postgres", database_url=url)


def test_result_has_the_documented_shape(bench_run):
    result = bench_run["result"]
    for key in ("statements", "backend", "import", "search", "pages", "freshness_ms", "machine"):
        assert key in result
    assert result["backend"] == "whoosh"
    for key in ("statements_per_s", "peak_rss_mb", "db_mb", "index_mb"):
        assert result["import"][key] > 0
    for key in ("p50_ms", "p95_ms", "max_ms"):
        assert result["search"]["ours"][key] > 0
    for key in ("p50_ms", "p95_ms"):
        assert result["search"]["baseline"][key] > 0
    assert result["search"]["ratio_p50"] > 0 and result["search"]["ratio_p95"] > 0
    assert set(result["pages"]) == PAGE_TYPES
    for page in result["pages"].values():
        assert page["p50_ms"] > 0 and page["queries"] > 0
    assert result["machine"]["date"] and result["machine"]["cpus"] >= 1


def test_every_page_is_timed_at_both_sizes_with_its_ratio(bench_run):
    result = bench_run["result"]
    small = result["pages_small"]
    assert SMALL <= small["statements"] < result["statements"]
    assert set(small["pages"]) == set(result["pages_ratio"]) == PAGE_TYPES
    for name, row in result["pages_ratio"].items():
        # The same address at both sizes: one page compared with itself.
        assert small["urls"][name] == result["pages"][name]["url"]
        assert small["pages"][name]["status"] == 200, name
        assert row["small_p95_ms"] > 0 and row["large_p95_ms"] > 0
        expected = row["large_p95_ms"] / row["small_p95_ms"]
        assert row["ratio_p95"] == pytest.approx(expected, abs=0.006)  # rounded to 2 places
        assert row["held"] is (row["ratio_p95"] <= 1.5)
        assert row["small_queries"] > 0 and row["large_queries"] > 0
    assert "| page | p50 / p95 at" in bench_run["stdout"]
    assert "| meeting_list_filtered |" in bench_run["stdout"]


def test_pages_only_runs_import_and_pages_alone(tmp_path_factory):
    run = _run_bench(tmp_path_factory, statements=400, small_statements=150, pages_only=True)
    result = run["result"]
    assert "search" not in result and "freshness_ms" not in result
    assert result["import"]["statements"] == result["statements"] >= 400
    assert set(result["pages_ratio"]) == PAGE_TYPES
    assert {page["status"] for page in result["pages"].values()} == {200}
    assert "| page | p50 / p95 at" in run["stdout"] and "FTS5 baseline" not in run["stdout"]


def test_the_small_size_must_be_below_the_full_one():
    with pytest.raises(CommandError, match="--small-statements"):
        call_command("bench", statements=500, small_statements=500)


def test_reports_parse_time_per_megabyte_at_two_sizes(bench_run):
    scaling = bench_run["result"]["parse_scaling"]
    small, large = scaling["sizes"]
    assert small["mb"] < large["mb"] and large["mb"] >= 0.9
    assert small["s_per_mb"] > 0 and large["s_per_mb"] > 0
    assert scaling["ratio"] == pytest.approx(large["s_per_mb"] / small["s_per_mb"], rel=0.05)
    assert "s/MB at" in bench_run["stdout"]


def test_the_whole_corpus_was_imported_and_indexed(bench_run):
    result = bench_run["result"]
    imported = result["import"]
    assert imported["files_failed"] == 0, imported["errors"]
    assert imported["statements"] == result["statements"] >= STATEMENTS
    assert imported["statements"] == result["corpus"]["statements_meant"]
    assert imported["meetings"] == result["corpus"]["meetings"]
    assert result["baseline_build"]["rows"] == imported["statements"]
    # Over INDEX_BATCH_FILES files on a file database: indexed by the second process.
    assert imported["index_in_second_process"] is True
    assert result["baseline_build"]["engine"] == "sqlite-fts5"
    for stage in ("parse", "store", "index"):
        assert imported["stages"][stage]["statements_per_s"] > 0
        # CPU per statement, each stage in the process that ran it (index: the worker's own).
        assert imported["stages"][stage]["cpu_ms_per_statement"] > 0
    cpu_total = sum(
        imported["stages"][stage]["cpu_ms_per_statement"] for stage in imported["stages"]
    )
    assert imported["cpu_ms_per_statement"] == pytest.approx(cpu_total, abs=0.01)


def test_search_ran_the_whole_mix_without_errors(bench_run):
    found = bench_run["result"]["search"]
    assert found["queries"] == sum(MIX.values()) >= 200
    assert found["errors"] == 0, [d for d in found["details"] if d["error"]][:3]
    assert found["time_limited"] == 0
    ours = found["ours"]
    assert ours["p50_ms"] <= ours["p95_ms"] <= ours["max_ms"]
    assert set(found["by_kind"]) == set(MIX)
    by_kind = {}
    for detail in found["details"]:
        by_kind.setdefault(detail["kind"], []).append(detail)
    # Words drawn from the corpus are found, by us and by the baseline.
    for kind in ("common_word", "rare_word", "phrase"):
        assert all(d["total"] > 0 for d in by_kind[kind]), kind
        assert all(d["baseline_total"] > 0 for d in by_kind[kind]), kind
    assert all(d["total"] > 0 for d in by_kind["speaker"])


def test_pages_answer_and_edits_become_searchable(bench_run):
    result = bench_run["result"]
    assert {page["status"] for page in result["pages"].values()} == {200}
    assert result["freshness"]["found"] == result["freshness"]["edited"] == 100
    assert result["freshness_ms"] is not None


def test_prints_a_markdown_table_and_the_json(bench_run):
    printed = bench_run["stdout"]
    assert "| stage | measure | value |" in printed
    assert "SQLite FTS5 baseline" in printed
    assert "| search | errors / stopped by the time limit / no hits | 0 / 0 /" in printed
    assert "| import | importer waiting on indexing |" in printed
    assert "| import | index |" in printed and "ms CPU per statement" in printed
    summary = json.loads(printed[printed.index("\n{") :])
    assert summary["statements"] == bench_run["result"]["statements"]
    assert "details" not in summary["search"]
    assert "importing" in bench_run["stderr"]


def test_the_run_writes_only_to_its_throwaway_places(bench_run):
    var = Path(settings.VAR_DIR).resolve()
    workspace = bench_run["result"]["workspace"]
    for place in (workspace["index"], workspace["var"]):
        assert not Path(place).resolve().is_relative_to(var)
        assert not Path(place).exists()  # the temporary folder is gone afterwards
    if bench_run["result"]["database"] == "sqlite":
        assert not Path(workspace["database"]).resolve().is_relative_to(var)
    else:
        assert workspace["database"].startswith("archive_bench_")


def test_postgres_backend_is_measured_against_raw_postgresql_fts(postgres_bench_run):
    result = postgres_bench_run["result"]
    assert result["backend"] == "postgres" and result["database"] == "postgresql"
    build = result["baseline_build"]
    assert build["engine"] == "postgresql-fts"
    assert build["rows"] == result["import"]["statements"] == result["statements"] >= STATEMENTS
    assert build["build_s"] > 0 and build["docs_s"] > 0 and build["db_mb"] > 0
    found = result["search"]
    assert found["queries"] == sum(MIX.values())
    assert found["errors"] == 0, [d for d in found["details"] if d["error"]][:3]
    for key in ("p50_ms", "p95_ms"):
        assert found["ours"][key] > 0 and found["baseline"][key] > 0
    assert found["ratio_p95"] > 0
    by_kind = {}
    for detail in found["details"]:
        by_kind.setdefault(detail["kind"], []).append(detail)
    # Words drawn from the corpus are found by both; for single words, both
    # count the same statements, all but a few (a word PostgreSQL's english
    # configuration treats as a stop word, which our backend still searches).
    for kind in ("common_word", "rare_word", "phrase"):
        assert all(d["total"] > 0 for d in by_kind[kind]), kind
    single = by_kind["common_word"] + by_kind["rare_word"]
    agree = [d for d in single if d["total"] == d["baseline_total"]]
    assert len(agree) >= 0.9 * len(single), [d for d in single if d not in agree][:5]
    assert sum(d["baseline_total"] > 0 for d in single) >= 0.9 * len(single)
    printed = postgres_bench_run["stdout"]
    assert "PostgreSQL FTS baseline" in printed and "SQLite FTS5" not in printed


def test_refuses_bad_arguments(monkeypatch):
    with pytest.raises(CommandError, match="at least 100"):
        call_command("bench", statements=10)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(CommandError, match="needs a PostgreSQL server"):
        call_command("bench", statements=500, backend="postgres")
    with pytest.raises(CommandError, match="must be a PostgreSQL URL"):
        call_command("bench", statements=500, database_url="sqlite:///x.db")
    with pytest.raises(CommandError, match="no folder"):
        call_command("bench", statements=500, out="/nonexistent/folder/x.json")
    with pytest.raises(CommandError, match="cannot connect to the PostgreSQL server"):
        call_command("bench", statements=500, database_url="postgresql://x@127.0.0.1:1/postgres")


# ---------------------------------------------------------------- pieces


def test_percentiles_use_the_nearest_rank():
    values = [float(v) for v in range(1, 101)]
    assert percentile(values, 0.5) == 50
    assert percentile(values, 0.95) == 95
    assert percentile([7.0], 0.95) == 7
    assert summary_ms([0.001, 0.003, 0.002]) == {
        "p50_ms": 2.0,
        "p95_ms": 3.0,
        "max_ms": 3.0,
        "runs": 3,
    }


class Doc:
    """What the baselines read of a StatementDoc."""

    def __init__(self, id, text, year, kind, speaker, country="Japan"):
        self.id, self.text, self.year, self.meeting_type = id, text, year, kind
        self.date_ordinal = 730000 + id
        self.speaker_slugs, self.speaker_names = [speaker.lower()], [speaker]
        self.countries, self.subject_slugs = [country], ["energy"]


def test_fts5_baseline_ranks_filters_and_counts_facets(tmp_path):
    baseline = Fts5Baseline(tmp_path / "fts.sqlite3")
    baseline.build(
        [
            [
                Doc(1, "The pipelines were discussed at length.", 2003, "summit", "Koizumi"),
                Doc(2, "A peace treaty and a pipeline project.", 2004, "summit", "Putin"),
                Doc(3, "Nothing about energy here.", 2004, "other", "Putin"),
            ]
        ]
    )
    stemmed = baseline.run(BenchQuery("common_word", words=("pipeline",)))
    assert stemmed["total"] == 2  # porter: pipelines = pipeline
    assert stemmed["facets"]["year"] == {2003: 1, 2004: 1}
    assert stemmed["facets"]["speaker"] == {"koizumi": 1, "putin": 1}
    phrase = baseline.run(BenchQuery("phrase", phrase=("peace", "treaty")))
    assert phrase["ids"] == [2]
    by_speaker = baseline.run(BenchQuery("speaker", speaker="Putin"))
    assert sorted(by_speaker["ids"]) == [2, 3]
    in_year = baseline.run(BenchQuery("year", words=("pipeline",), year=2004))
    assert in_year["ids"] == [2]
    assert match_expression(BenchQuery("x", words=('say "hi"',))) == '"say ""hi"""'
    baseline.close()


def test_postgresql_baseline_ranks_filters_and_counts_facets(request):
    from devtools.bench.pg_fts import PostgresFtsBaseline

    docs = [
        Doc(1, "The pipelines were discussed at length.", 2003, "summit", "Koizumi"),
        Doc(2, "A peace treaty and a pipeline project.", 2004, "summit", "Putin", "Russia"),
        Doc(3, "Nothing about energy here.", 2004, "other", "Putin", "Russia"),
        Doc(4, "Pipeline, pipeline and the pipeline again.", 2005, "summit", "Koizumi"),
    ]
    with throwaway_postgres(_needs_postgres(request)) as url:
        baseline = PostgresFtsBaseline(url)
        try:
            assert baseline.build([docs[:3], docs[3:]]) == 4
            assert baseline.size_mb() > 0
            found = baseline.run(BenchQuery("common_word", words=("pipeline",)))
            assert found["total"] == 3  # english stems: pipelines = pipeline
            assert found["ids"][0] == 4  # said three times: ranked first by ts_rank
            assert sorted(found["ids"]) == [1, 2, 4]
            assert found["facets"] == {
                "speaker": {"koizumi": 2, "putin": 1},
                "country": {"Japan": 2, "Russia": 1},
                "type": {"summit": 3},
                "year": {2003: 1, 2004: 1, 2005: 1},
                "subject": {"energy": 3},
            }
            both = baseline.run(BenchQuery("two_words", words=("pipeline", "peace")))
            assert both["ids"] == [2] and both["total"] == 1
            phrase = baseline.run(BenchQuery("phrase", phrase=("peace", "treaty")))
            assert phrase["ids"] == [2]
            assert baseline.run(BenchQuery("phrase", phrase=("treaty", "peace")))["total"] == 0
            # Stop words keep their place in a phrase: "treaty and a pipeline".
            spaced = baseline.run(BenchQuery("phrase", phrase=("treaty", "and", "a", "pipeline")))
            assert spaced["ids"] == [2]
            by_speaker = baseline.run(BenchQuery("speaker", speaker="putin"))  # any case
            assert by_speaker["ids"] == [3, 2]  # no words: the newest first
            assert by_speaker["total"] == 2 and by_speaker["facets"]["type"] == {
                "summit": 1,
                "other": 1,
            }
            in_year = baseline.run(BenchQuery("year", words=("pipeline",), year=2004))
            assert in_year["ids"] == [2] and in_year["facets"]["year"] == {2004: 1}
            filtered = baseline.run(
                BenchQuery("facets", words=("pipeline",), filters={"country": "Japan"})
            )
            assert sorted(filtered["ids"]) == [1, 4]
            dated = baseline.run(
                BenchQuery("date_range", words=("pipeline",), date_range=("1999-09", "1999-09"))
            )
            assert dated["total"] == 3
            assert baseline.run(BenchQuery("common_word", words=("the",)))["total"] == 0
            # A second build starts again from empty tables.
            assert baseline.build([docs[:1]]) == 1
            assert baseline.run(BenchQuery("common_word", words=("pipeline",)))["ids"] == [1]
        finally:
            baseline.close()
