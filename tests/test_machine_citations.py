"""meetings/citations.py and the citation downloads /meetings/<id>/cite.<fmt>."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from machine_seeds import import_seeds, seed_meetings

from meetings.citations import (
    ARCHIVE_NAME,
    INSTITUTION,
    as_bibtex,
    as_csl,
    as_ris,
    as_text,
    bibtex_escape,
    citation_for,
)
from meetings.models import Meeting

HOSTILE_TITLE = "Talks on 50% {tariffs} & R&D_costs #1 $5 ~ ^ \\ — Kōno"
URL = "https://archive.example/meetings/2004-06-09-talks/"
ACCESSED = date(2025, 3, 4)


def hostile_citation():
    meeting = Meeting(
        public_id="2004-06-09-talks",
        title=HOSTILE_TITLE,
        subtitle="Summary of Results",
        published=date(2004, 6, 10),
        date_start=date(2004, 6, 9),
        location="Sea Island, Georgia",
    )
    return citation_for(meeting, URL, ACCESSED)


def test_bibtex_escapes_every_special_character():
    assert bibtex_escape("50% {a} & b_c #1 $5 ~ ^ \\") == (
        r"50\% \{a\} \& b\_c \#1 \$5 \~{} \^{} \textbackslash{}"
    )


def test_bibtex_entry_is_balanced_with_safe_ascii_key():
    entry = as_bibtex(hostile_citation())
    key = re.match(r"@misc\{([^,]+),\n", entry).group(1)
    assert key == "mofa2004-2004-06-09-talks"
    assert key.isascii() and re.fullmatch(r"[A-Za-z0-9_:-]+", key)
    assert r"title = {{Talks on 50\% \{tariffs\} \& R\&D\_costs \#1 \$5 \~{} \^{}" in entry
    assert "Kōno (Summary of Results)}}" in entry
    assert f"author = {{{{{INSTITUTION}}}}}" in entry
    assert "month = jun," in entry
    assert "date = {2004-06-10}" in entry
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
    assert f"TI  - {HOSTILE_TITLE} (Summary of Results)" in lines
    assert "DA  - 2004/06/10" in lines
    assert f"UR  - {URL}" in lines
    assert f"DB  - {ARCHIVE_NAME}" in lines
    assert "Y2  - 2025/03/04" in lines
    assert all(re.fullmatch(r"[A-Z][A-Z0-9]  - ?.*", line) for line in lines[:-1])


def test_csl_item_has_institution_issued_and_accessed():
    [item] = as_csl(hostile_citation())
    assert item["type"] == "document"
    assert item["author"] == [{"literal": INSTITUTION}]
    assert item["issued"] == {"date-parts": [[2004, 6, 10]]}
    assert item["accessed"] == {"date-parts": [[2025, 3, 4]]}
    assert item["URL"] == URL
    assert item["archive"] == ARCHIVE_NAME


def test_text_citation_reads_as_a_sentence():
    assert as_text(hostile_citation()) == (
        f"{INSTITUTION}. “{HOSTILE_TITLE} (Summary of Results).” 10 June 2004. "
        f"{ARCHIVE_NAME}. {URL} (accessed 4 March 2025)."
    )


def test_undated_meeting_is_cited_without_a_date():
    citation = citation_for(Meeting(public_id="x", title="Talks"), URL, ACCESSED)
    assert "n.d." in as_text(citation)
    assert "issued" not in as_csl(citation)[0]
    assert "year =" not in as_bibtex(citation)
    assert "DA  -" not in as_ris(citation)


CONTENT_TYPES = {
    "csl": "application/vnd.citationstyles.csl+json; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "bibtex": "application/x-bibtex; charset=utf-8",
}


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["csl", "ris", "bibtex"])
def test_citation_download_of_every_seed(client, seed_paths, fmt):
    import_seeds(seed_paths)
    meetings = seed_meetings()
    assert len(meetings) == len(seed_paths)
    for meeting in meetings:
        url = reverse("machine:meeting_citation", args=[meeting.public_id, fmt])
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == CONTENT_TYPES[fmt]
        assert response["Content-Disposition"].startswith("attachment; filename=")
        body = response.content.decode()
        page_url = f"http://testserver{meeting.get_absolute_url()}"
        assert page_url in body
        if fmt == "csl":
            [item] = json.loads(body)
            assert item["title"].startswith(meeting.title)
            assert item["issued"]["date-parts"][0] == list(meeting.published.timetuple()[:3])
            today = timezone.localdate()
            assert item["accessed"]["date-parts"][0] == [today.year, today.month, today.day]
        else:
            assert bibtex_escape(meeting.title) in body or meeting.title in body
            assert meeting.published.strftime("%Y/%m/%d" if fmt == "ris" else "%Y-%m-%d") in body


@pytest.mark.django_db
def test_citation_of_unknown_meeting_is_404(client):
    response = client.get("/meetings/no-such-meeting/cite.bibtex")
    assert response.status_code == 404


@pytest.mark.django_db
def test_unknown_citation_format_is_not_served(client, seed_paths):
    import_seeds(seed_paths[:1])
    public_id = seed_meetings()[0].public_id
    assert client.get(f"/meetings/{public_id}/cite.docx").status_code == 404
