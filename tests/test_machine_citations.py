"""meetings/citations.py and the citation downloads /meetings/<id>/[s<N>/]cite.<fmt>.

One `Citation` is built per meeting or statement and every format renders it:
these tests read each format back and check they say the same thing, and
that what they say is what the database holds.
"""

from __future__ import annotations

import csv
import html as html_lib
import json
import re
import shutil
from datetime import date, datetime
from pathlib import Path

import pytest
from django.urls import reverse
from django.utils import timezone
from machine_seeds import import_seeds

from devtools.corpus import write_corpus
from meetings import importer
from meetings.citations import (
    ARCHIVE_NAME,
    INSTITUTION,
    KEY_MAX_LENGTH,
    as_bibtex,
    as_csl,
    as_ris,
    as_text,
    bibtex_escape,
    citation_for,
    citation_key,
)
from meetings.models import Meeting, Statement

HOSTILE_TITLE = "Talks on 50% {tariffs} & R&D_costs #1 $5 ~ ^ \\ — Kōno"
URL = "https://archive.example/meetings/2004-06-09-talks/"
ACCESSED = date(2025, 3, 4)
FORMATS = ("txt", "csl", "ris", "bibtex")
SOURCES_CSV = Path(__file__).resolve().parents[1] / "fixtures" / "seeds" / "sources.csv"
KEY_FORM = re.compile(r"mofa(\d{8}|nd)-[0-9a-f]{6}(-s\d+)?")


def hostile_meeting(**fields) -> Meeting:
    values = {
        "public_id": "2004-06-09-talks",
        "title": HOSTILE_TITLE,
        "subtitle": "Summary of Results",
        "published": date(2004, 6, 10),
        "date_start": date(2004, 6, 9),
        "location": "Sea Island, Georgia",
        **fields,
    }
    return Meeting(**values)


def hostile_citation(**fields):
    return citation_for(hostile_meeting(**fields), URL, ACCESSED)


# --- Reading each format back -------------------------------------------------------

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"


def day(text: str) -> date:
    return datetime.strptime(text, "%d %B %Y").date()


def days_of_span(text: str) -> tuple[date, ...]:
    """ "15–16 December 2003" -> (2003-12-15, 2003-12-16); "9 June 2004" -> (2004-06-09,)."""
    same_month = re.fullmatch(rf"(\d+)–(\d+) ({MONTHS}) (\d{{4}})", text)
    if same_month:
        first, last, month, year = same_month.groups()
        return day(f"{first} {month} {year}"), day(f"{last} {month} {year}")
    same_year = re.fullmatch(rf"(\d+ (?:{MONTHS})) – (\d+ (?:{MONTHS})) (\d{{4}})", text)
    if same_year:
        first, last, year = same_year.groups()
        return day(f"{first} {year}"), day(f"{last} {year}")
    return tuple(day(part) for part in text.split(" – "))


def spoken_facts(text: str) -> dict:
    """What a citation says in words (text, or the note of the other formats)."""
    meeting = re.search(rf"Meeting of ((?:\d+[– ]*)+(?:(?:{MONTHS}) )?[^;.]*?\d{{4}})", text)
    published = re.search(rf"published (\d+ (?:{MONTHS}) \d{{4}})", text)
    label = re.search(r"§ \d+, [^.]+", text)
    return {
        "meeting": days_of_span(meeting.group(1)) if meeting else (),
        "published": day(published.group(1)) if published else None,
        "provisional": "Provisional translation." in text,
        "statement": label.group() if label else "",
        "credit": text[text.index("Source: ") :].strip() if "Source: " in text else "",
    }


def parts_to_days(value: dict | None) -> tuple[date, ...]:
    return tuple(date(*parts) for parts in value["date-parts"]) if value else ()


def ris_tags(body: str) -> dict[str, list[str]]:
    tags: dict[str, list[str]] = {}
    for line in body.split("\r\n"):
        if line:
            tag, _, value = line.partition("  - ")
            tags.setdefault(tag, []).append(value)
    return tags


def bibtex_fields(body: str) -> dict[str, str]:
    fields = dict(re.findall(r"^  (\w+) = (.*?),?$", body, re.M))
    return {name: value.removeprefix("{").removesuffix("}") for name, value in fields.items()}


def bibtex_unescape(text: str) -> str:
    return re.sub(r"\\([%&#_{}$])", r"\1", text.removeprefix("{").removesuffix("}"))


def facts(fmt: str, body: str) -> dict:
    """The author, dates, flags, statement, URL, key and credit a citation carries."""
    if fmt == "txt":
        said = spoken_facts(body)
        issued = said["published"] or (said["meeting"][0] if said["meeting"] else None)
        url = re.search(r" (\S+) \(accessed ", body).group(1)
        return {**said, "author": body.split(". “")[0], "issued": issued, "url": url, "key": None}
    if fmt == "csl":
        [item] = json.loads(body)
        said = spoken_facts(item["note"])
        [author] = item["author"]
        return {
            **said,
            "author": author["literal"],
            "publisher": item["publisher"],
            "issued": parts_to_days(item.get("issued"))[0],
            "meeting": parts_to_days(item.get("event-date")),
            "provisional": item.get("status") == "provisional translation",
            "locator": item.get("section", ""),
            "url": item["URL"],
            "key": item["id"],
        }
    if fmt == "ris":
        tags = ris_tags(body)
        said = spoken_facts(" ".join(note.removesuffix(".") + "." for note in tags["N1"]))
        return {
            **said,
            "author": tags["AU"][0],
            "publisher": tags["PB"][0],
            "issued": datetime.strptime(tags["DA"][0], "%Y/%m/%d").date(),
            "locator": tags.get("SE", [""])[0],
            "url": tags["UR"][0],
            "key": tags["ID"][0],
        }
    fields = bibtex_fields(body)
    said = spoken_facts(bibtex_unescape(fields["note"]))
    return {
        **said,
        "author": bibtex_unescape(fields["author"]),
        "publisher": bibtex_unescape(fields["publisher"]),
        "issued": date.fromisoformat(fields["date"]),
        "meeting": tuple(date.fromisoformat(d) for d in fields["eventdate"].split("/")),
        "provisional": fields.get("pubstate") == "provisional translation",
        "url": fields["url"],
        "key": re.match(r"@misc\{([^,]+),", body).group(1),
    }


SHARED_FACTS = ("author", "issued", "meeting", "published", "provisional", "statement", "url")


def assert_formats_agree(bodies: dict[str, str]) -> dict:
    """Every format says the same; returns what they say."""
    read = {fmt: facts(fmt, body) for fmt, body in bodies.items()}
    for name in SHARED_FACTS:
        values = {fmt: read[fmt][name] for fmt in bodies}
        assert len(set(values.values())) == 1, f"the formats disagree on {name}: {values}"
    keys = {read[fmt]["key"] for fmt in ("csl", "ris", "bibtex")}
    assert len(keys) == 1, keys
    credits = {read[fmt]["credit"] for fmt in bodies}
    assert len(credits) == 1, credits
    return read["csl"] | {"credit": credits.pop()}


# --- The formats, from a meeting held in memory ------------------------------------


def test_bibtex_escapes_every_special_character():
    assert bibtex_escape("50% {a} & b_c #1 $5 ~ ^ \\") == (
        r"50\% \{a\} \& b\_c \#1 \$5 \~{} \^{} \textbackslash{}"
    )


def test_bibtex_entry_is_balanced_with_a_short_ascii_key():
    entry = as_bibtex(hostile_citation())
    key = re.match(r"@misc\{([^,]+),\n", entry).group(1)
    assert KEY_FORM.fullmatch(key) and key.startswith("mofa20040609-")
    assert len(key) <= KEY_MAX_LENGTH
    assert r"title = {{Talks on 50\% \{tariffs\} \& R\&D\_costs \#1 \$5 \~{} \^{}" in entry
    assert "Kōno (Summary of Results)}}" in entry
    assert f"author = {{{{{INSTITUTION}}}}}" in entry
    assert "month = jun," in entry
    assert "date = {2004-06-10}" in entry
    assert "eventdate = {2004-06-09}" in entry
    assert f"url = {{{URL}}}" in entry
    assert "urldate = {2025-03-04}" in entry
    # Braces balance once the escaped ones are set aside.
    unescaped = entry.replace(r"\{", "").replace(r"\}", "")
    assert unescaped.count("{") == unescaped.count("}")


def test_ris_is_a_govdoc_with_one_line_per_tag():
    ris = as_ris(hostile_citation())
    lines = ris.split("\r\n")
    assert lines[0] == "TY  - GOVDOC"
    assert lines[-2:] == ["ER  -", ""]
    assert f"AU  - {INSTITUTION}" in lines
    assert f"PB  - {INSTITUTION}" in lines
    assert f"TI  - {HOSTILE_TITLE} (Summary of Results)" in lines
    assert "DA  - 2004/06/10" in lines
    assert "N1  - Meeting of 9 June 2004 in Sea Island, Georgia; published 10 June 2004" in lines
    assert f"UR  - {URL}" in lines
    assert f"DB  - {ARCHIVE_NAME}" in lines
    assert "Y2  - 2025/03/04" in lines
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - ?.*", line) for line in lines[:-1])


def test_csl_item_has_institution_issued_event_date_and_accessed():
    [item] = as_csl(hostile_citation())
    assert item["type"] == "document"
    assert item["author"] == [{"literal": INSTITUTION}]
    assert item["publisher"] == INSTITUTION
    assert item["issued"] == {"date-parts": [[2004, 6, 10]]}
    assert item["event-date"] == {"date-parts": [[2004, 6, 9]]}
    assert item["accessed"] == {"date-parts": [[2025, 3, 4]]}
    assert item["URL"] == URL
    assert item["archive"] == ARCHIVE_NAME
    assert "status" not in item  # not a provisional translation


def test_text_citation_reads_as_sentences_naming_both_dates():
    assert as_text(hostile_citation()) == (
        f"{INSTITUTION}. “{HOSTILE_TITLE} (Summary of Results).” "
        "Meeting of 9 June 2004 in Sea Island, Georgia; published 10 June 2004. "
        f"{ARCHIVE_NAME}. {URL} (accessed 4 March 2025)."
    )


def test_a_provisional_translation_over_two_days_says_so_in_every_format():
    citation = hostile_citation(
        date_start=date(2003, 12, 15),
        date_end=date(2003, 12, 16),
        published=date(2003, 12, 16),
        provisional_translation=True,
        source_url="https://www.mofa.go.jp/region/europe/russia/pmv0312.html",
        source_publisher=INSTITUTION,
        source_accessed=date(2026, 12, 3),
    )
    bodies = {
        "txt": as_text(citation),
        "csl": json.dumps(as_csl(citation)),
        "ris": as_ris(citation),
        "bibtex": as_bibtex(citation),
    }
    said = assert_formats_agree(bodies)
    assert said["meeting"] == (date(2003, 12, 15), date(2003, 12, 16))
    assert said["issued"] == said["published"] == date(2003, 12, 16)
    assert said["provisional"] is True
    assert said["author"] == said["publisher"] == INSTITUTION
    assert said["credit"] == (
        "Source: Ministry of Foreign Affairs of Japan website. "
        "URL: https://www.mofa.go.jp/region/europe/russia/pmv0312.html. Accessed 2026-12-03."
    )
    assert "Meeting of 15–16 December 2003 in Sea Island, Georgia" in bodies["txt"]
    assert "eventdate = {2003-12-15/2003-12-16}" in bodies["bibtex"]


def test_undated_meeting_is_cited_without_a_date():
    citation = citation_for(Meeting(public_id="x", title="Talks"), URL, ACCESSED)
    assert "“Talks.” n.d. " in as_text(citation)
    assert "issued" not in as_csl(citation)[0]
    assert "event-date" not in as_csl(citation)[0]
    assert "year =" not in as_bibtex(citation)
    assert "DA  -" not in as_ris(citation)
    assert citation.key.startswith("mofand-")


def test_keys_are_short_and_made_from_the_public_id_alone():
    longest = "2004-06-09-" + "japan-russian-federation-summit-meeting-" * 3
    assert citation_key(longest) == citation_key(longest)
    assert citation_key(longest) != citation_key(longest + "-2")
    assert len(citation_key(longest, statement_order=123456789)) <= KEY_MAX_LENGTH
    assert KEY_FORM.fullmatch(citation_key(longest, statement_order=12))
    assert citation_key(longest, 12) == citation_key(longest) + "-s12"


# --- Downloads and the page, on the seeds ------------------------------------------

CONTENT_TYPES = {
    "txt": "text/plain; charset=utf-8",
    "csl": "application/vnd.citationstyles.csl+json; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bibtex": "application/x-bibtex; charset=utf-8",
}


def download(client, route: str, args: list, fmt: str) -> str:
    response = client.get(reverse(f"machine:{route}", args=[*args, fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == CONTENT_TYPES[fmt]
    assert response["Content-Disposition"].startswith("attachment; filename=")
    return response.content.decode()


def seed_sources() -> dict[str, dict]:
    with open(SOURCES_CSV, encoding="utf-8") as handle:
        return {row["file"]: row for row in csv.DictReader(handle)}


def expected_credit(row: dict) -> str:
    return f"Source: {row['publisher']} website. URL: {row['url']}. Accessed {row['accessed']}."


def assert_says_what_the_database_holds(said: dict, meeting: Meeting, row: dict) -> None:
    assert said["author"] == said["publisher"] == row["publisher"]
    assert said["published"] == said["issued"] == meeting.published
    start, end = meeting.date_start, meeting.date_end
    assert said["meeting"] == ((start, end) if end and end > start else (start,))
    assert said["provisional"] is meeting.provisional_translation
    assert said["credit"] == expected_credit(row)
    assert said["url"].startswith(f"http://testserver{meeting.get_absolute_url()}")


@pytest.mark.django_db
def test_every_seed_meeting_is_cited_alike_in_every_format(client, seeds):
    rows = seed_sources()
    for meeting in seeds:
        bodies = {
            fmt: download(client, "meeting_citation", [meeting.public_id], fmt) for fmt in FORMATS
        }
        said = assert_formats_agree(bodies)
        assert_says_what_the_database_holds(said, meeting, rows[meeting.source_name])
        assert said["url"] == f"http://testserver{meeting.get_absolute_url()}"
        assert said["statement"] == ""
        today = timezone.localdate()
        assert json.loads(bodies["csl"])[0]["accessed"]["date-parts"][0] == list(
            today.timetuple()[:3]
        )


@pytest.mark.django_db
def test_every_statement_is_cited_alike_in_every_format(client, seeds):
    rows = seed_sources()
    statements = Statement.objects.select_related("meeting").prefetch_related("speakers")
    assert statements.count() > 100
    for statement in statements:
        meeting = statement.meeting
        args = [meeting.public_id, statement.order]
        bodies = {fmt: download(client, "statement_citation", args, fmt) for fmt in FORMATS}
        said = assert_formats_agree(bodies)
        assert_says_what_the_database_holds(said, meeting, rows[meeting.source_name])
        assert said["url"] == f"http://testserver{statement.get_absolute_url()}"
        assert said["locator"] == f"§ {statement.order}"
        assert said["statement"].startswith(f"§ {statement.order}, ")
        for speaker in statement.speakers.all():
            assert speaker.name in said["statement"]
        if statement.kind == "narrative":
            assert said["statement"] == f"§ {statement.order}, narrative"
        assert said["key"] == citation_key(meeting.public_id) + f"-s{statement.order}"


@pytest.mark.django_db
def test_the_page_citation_is_the_text_download_and_agrees_with_bibtex_on_the_dates(client, seeds):
    """The issue's case: the page said 15 December 2003 where BibTeX said 2003-12-16."""
    two_days = next(m for m in seeds if m.date_end and m.date_end > m.date_start)
    assert two_days.published != two_days.date_start
    for meeting in seeds:
        html = client.get(meeting.get_absolute_url()).content.decode()
        box = re.search(r'<p class="citation-text" id="citation-text"[^>]*>(.*?)</p>', html, re.S)
        text = download(client, "meeting_citation", [meeting.public_id], "txt")
        assert html_lib.unescape(box.group(1)) == text.strip()
    bibtex = download(client, "meeting_citation", [two_days.public_id], "bibtex")
    text = download(client, "meeting_citation", [two_days.public_id], "txt")
    assert f"date = {{{two_days.published.isoformat()}}}" in bibtex
    assert f"published {two_days.published.day} {two_days.published:%B %Y}" in text
    assert f"eventdate = {{{two_days.date_start}/{two_days.date_end}}}" in bibtex
    assert "Meeting of 15–16 December 2003" in text


@pytest.mark.django_db
def test_every_statement_on_the_page_has_a_copy_link_and_its_citation(client, seeds):
    for meeting in seeds:
        html = client.get(meeting.get_absolute_url()).content.decode()
        blocks = dict(
            re.findall(r'<article class="statement[^"]*" id="(s\d+)">(.*?)</article>', html, re.S)
        )
        orders = list(meeting.statements.order_by("order").values_list("order", flat=True))
        assert list(blocks) == [f"s{order}" for order in orders]
        for order in orders:
            block = blocks[f"s{order}"]
            permalink = f"http://testserver{meeting.get_absolute_url()}#s{order}"
            assert f'class="copy-button copy-link" data-copy-text="{permalink}"' in block
            cited = re.search(rf'<p class="citation-text" id="cite-s{order}"[^>]*>(.*?)</p>', block)
            text = download(client, "statement_citation", [meeting.public_id, order], "txt")
            assert html_lib.unescape(cited.group(1)) == text.strip()
            for fmt in FORMATS:
                url = reverse("machine:statement_citation", args=[meeting.public_id, order, fmt])
                assert f'href="{url}"' in block


# --- Keys: short, and stable across re-imports -------------------------------------


def all_keys() -> dict[str, str]:
    """Every meeting's and statement's key, by what identifies it in the archive."""
    keys = {}
    for meeting in Meeting.objects.all():
        url = f"http://testserver{meeting.get_absolute_url()}"
        keys[meeting.public_id] = citation_for(meeting, url, ACCESSED).key
    for statement in Statement.objects.select_related("meeting").prefetch_related("speakers"):
        citation = citation_for(statement.meeting, URL, ACCESSED, statement)
        keys[f"{statement.meeting.public_id}#{statement.anchor}"] = citation.key
    return keys


@pytest.mark.django_db
def test_keys_of_the_seeds_and_a_corpus_are_short_and_unique(tmp_path, seed_paths):
    write_corpus(60, tmp_path, seed=12, expected=False)
    import_seeds(seed_paths)
    summary = importer.import_paths([tmp_path])
    assert not summary.errors
    keys = all_keys()
    assert len(keys) > 1000
    longest = max(keys.values(), key=len)
    assert len(longest) <= KEY_MAX_LENGTH, longest
    assert all(KEY_FORM.fullmatch(key) for key in keys.values())
    assert len(set(keys.values())) == len(keys)
    assert (
        max(len(public_id) for public_id in Meeting.objects.values_list("public_id", flat=True))
        > 60
    )


@pytest.mark.django_db
def test_keys_survive_a_re_import_of_a_changed_file_and_a_fresh_import(tmp_path, seed_paths):
    folder = tmp_path / "seeds"
    folder.mkdir()
    for path in [*seed_paths, seed_paths[0].with_name("sources.csv")]:
        shutil.copy(path, folder / path.name)
    import_seeds([folder])
    before = all_keys()

    changed = folder / "002_b30558d5cb043e87.txt"
    text = changed.read_text(encoding="utf-8")
    assert "\nDecember 16, 2003\n" in text
    changed.write_text(text.replace("\nDecember 16, 2003\n", "\nDecember 18, 2003\n"), "utf-8")
    summary = importer.import_paths([folder])
    assert (summary.updated, summary.unchanged) == (1, 4), summary
    meeting = Meeting.objects.get(source_name=changed.name)
    assert meeting.published == date(2003, 12, 18)
    assert all_keys() == before

    Meeting.objects.all().delete()
    import_seeds([folder])
    assert all_keys() == before


# --- Errors -------------------------------------------------------------------------


@pytest.mark.django_db
def test_citation_of_unknown_meeting_or_statement_is_404(client, seeds):
    public_id = seeds[0].public_id
    assert client.get("/meetings/no-such-meeting/cite.bibtex").status_code == 404
    assert client.get("/meetings/no-such-meeting/s1/cite.ris").status_code == 404
    assert client.get(f"/meetings/{public_id}/s99999/cite.csl").status_code == 404
    assert client.get(f"/meetings/{public_id}/s1/cite.csl").status_code == 200


@pytest.mark.django_db
def test_unknown_citation_format_is_not_served(client, seeds):
    public_id = seeds[0].public_id
    assert client.get(f"/meetings/{public_id}/cite.docx").status_code == 404
    assert client.get(f"/meetings/{public_id}/s1/cite.docx").status_code == 404


@pytest.mark.django_db
def test_citations_only_read(client, seeds):
    url = reverse("machine:statement_citation", args=[seeds[0].public_id, 1, "ris"])
    assert client.post(url).status_code == 405
