"""What is particular to one publisher's pages, in one object the parser is given.

The rest of the parser knows no publisher: it reads a title, a date line and
meeting sentences. A profile says which country is the home side of every page
and which lines are site furniture rather than a title. (The citation's credit is
made from each meeting's stored publisher, URL and access date: meetings/citations.py.)
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field


@dataclass(frozen=True)
class SourceProfile:
    key: str
    publisher: str
    home_country: str
    # lines the site prints above a page's own title: section headers, breadcrumbs
    site_lines: tuple[re.Pattern[str], ...] = field(default_factory=tuple)

    def is_site_line(self, line: str) -> bool:
        text = " ".join(line.split())
        return any(pattern.fullmatch(text) for pattern in self.site_lines)


REGIONS = (
    r"Asia|Europe|Africa|Oceania|Middle East|Latin America(?: and the Caribbean)?"
    r"|North America|Central America|South America|Central Asia|Caucasus|Asia-Pacific"
    r"|Middle East and Africa|Southeast Asia|South Asia|Russia and Central Asia"
)

MOFA_JAPAN = SourceProfile(
    key="mofa-japan",
    publisher="Ministry of Foreign Affairs of Japan",
    home_country="Japan",
    site_lines=tuple(
        re.compile(p, re.IGNORECASE)
        for p in (
            r"Japan\s*-\s*[\w .,'’()&-]{2,60}\s+Relations",
            # "Japan and the United Nations": a section of the site, unless it names a meeting
            r"Japan and (?!.*\b(?:Meeting|Summit|Talks?|Visit|Call)\b)[\w .,'’()&-]{2,60}",
            r"Countries\s*(?:&|and)\s*Regions",
            rf"(?:{REGIONS})",
            r"Press Releases?|Press Conferences?|Diplomatic Bluebook|Foreign Policy",
            r"Speeches?(?: and Statements)?|Announcements?|Statements?|Topics|What's New",
            r"Prime Minister'?s? (?:Visits?|Diplomacy)",
            r"Ministry of Foreign Affairs(?: of Japan)?|MOFA|Home|Japanese|English",
        )
    ),
)

DEFAULT_PROFILE = MOFA_JAPAN
