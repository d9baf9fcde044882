"""Small helpers shared by the browser tests: page addresses from the data, focus, layout."""

from __future__ import annotations

from pathlib import Path

from django.db.models import Count

from devtools.corpus import write_corpus
from meetings.models import Meeting, Person, Subject

PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}
VIEWPORTS = {"desktop": DESKTOP, "phone": PHONE}
# Generated meetings beside the seeds: dates over 1990-2025, long lists, long facets.
CORPUS_MEETINGS = 40
CORPUS_SEED = 12


def seeds_and_corpus(seed_paths: list[Path], folder: Path) -> list[Path]:
    """The seeds and a generated corpus written to `folder`: a module's `archive_paths`."""
    write_corpus(CORPUS_MEETINGS, folder, seed=CORPUS_SEED, expected=False)
    return [*seed_paths, folder]


def busiest_meeting() -> Meeting:
    """The seed meeting with the most statements: the longest page."""
    return Meeting.objects.annotate(n=Count("statements")).order_by("-n", "public_id").first()


def page_paths() -> dict[str, str]:
    """One address per page type, taken from the imported seeds."""
    speaker = (
        Person.objects.annotate(n=Count("statements")).filter(n__gt=0).order_by("-n", "slug")[0]
    )
    subject = Subject.objects.annotate(n=Count("topics")).order_by("-n", "slug")[0]
    return {
        "home": "/",
        "meeting_list": "/meetings/",
        "meeting": busiest_meeting().get_absolute_url(),
        "person": speaker.get_absolute_url(),
        "people_list": "/people/",
        "subject_list": "/subjects/",
        "subject": subject.get_absolute_url(),
        "subject_filtered": f"{subject.get_absolute_url()}?side=japan&year=2004",
        "search": "/search/?q=peace+treaty",
        "search_hint": "/search/?q=putin+peace+treaty+2004",
        "search_error": "/search/?q=year:abcd",
        "not_found": "/no-such-page/",
    }


PAGE_TYPES = (
    "home",
    "meeting_list",
    "meeting",
    "person",
    "people_list",
    "subject_list",
    "subject",
    "subject_filtered",
    "search",
    "search_hint",
    "search_error",
    "not_found",
)


def focus_state(page) -> dict:
    """What has the focus, and the computed styles that would make that visible."""
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                tag: el.tagName.toLowerCase(),
                id: el.id,
                className: typeof el.className === "string" ? el.className : "",
                type: el.getAttribute("type") || "",
                text: (el.textContent || el.value || "").trim().slice(0, 60),
                outlineStyle: style.outlineStyle,
                outlineWidth: style.outlineWidth,
                boxShadow: style.boxShadow,
            };
        }"""
    )


def focus_is_visible(state: dict) -> bool:
    outline = state["outlineStyle"] != "none" and state["outlineWidth"] not in ("0px", "")
    return outline or state["boxShadow"] != "none"


def horizontal_overflow(page) -> int:
    """How many CSS pixels the page is wider than the window (0 when it fits)."""
    return page.evaluate(
        "() => Math.max(0, document.scrollingElement.scrollWidth - window.innerWidth)"
    )


def widest_elements(page, limit: int = 5) -> list[str]:
    """The elements reaching furthest past the right edge, to name them in a failure."""
    return page.evaluate(
        """(limit) => {
            const width = window.innerWidth;
            const wide = [];
            for (const el of document.querySelectorAll("body *")) {
                const right = el.getBoundingClientRect().right;
                if (right > width + 1) {
                    const name = el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
                        + (el.classList.length ? "." + [...el.classList].join(".") : "");
                    wide.push([right, name]);
                }
            }
            wide.sort((a, b) => b[0] - a[0]);
            return wide.slice(0, limit).map(([right, name]) => `${name} (${Math.round(right)}px)`);
        }""",
        limit,
    )
