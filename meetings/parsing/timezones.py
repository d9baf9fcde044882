"""Local dates of talks dated only in Japan time ("commencing at 3:10 a.m. (Japan time)"
in Munich is the evening before there), from the IANA time-zone database."""

from __future__ import annotations

import functools
from datetime import date, datetime
from importlib import resources
from zoneinfo import ZoneInfo

import pycountry

JAPAN = ZoneInfo("Asia/Tokyo")


@functools.cache
def _zone_table() -> list[tuple[str, str]]:
    """(ISO country code, zone name) of every zone, from tzdata's zone.tab."""
    text = resources.files("tzdata.zoneinfo").joinpath("zone.tab").read_text(encoding="utf-8")
    rows = []
    for line in text.splitlines():
        if line and not line.startswith("#"):
            code, _, zone = line.split("\t")[:3]
            rows.append((code, zone))
    return rows


def local_date(day: date, minutes: int, place: str | None, country: str | None) -> date | None:
    """The local date, where the talks were, of `day` at `minutes` after midnight Japan time;
    None when the place's zone is not known (or the country's zones disagree then)."""
    moment = datetime(day.year, day.month, day.day, minutes // 60, minutes % 60, tzinfo=JAPAN)
    dates = {moment.astimezone(ZoneInfo(zone)).date() for zone in _zones(place, country)}
    return dates.pop() if len(dates) == 1 else None


def _zones(place: str | None, country: str | None) -> list[str]:
    """The zone of a city named like one ("New York"), else every zone of the country."""
    by_city = {zone.rsplit("/", 1)[-1].replace("_", " ").lower(): zone for _, zone in _zone_table()}
    for part in (place or "").split(","):
        if part.strip().lower() in by_city:
            return [by_city[part.strip().lower()]]
    code = _country_code(country)
    return [zone for c, zone in _zone_table() if c == code] if code else []


def _country_code(country: str | None) -> str | None:
    if not country:
        return None
    try:
        return pycountry.countries.lookup(country).alpha_2
    except LookupError:
        return None
