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
    # a word of a name as the home country's people write theirs in Latin letters: a
    # principal whose country the text leaves unsaid is on the home side when it fits
    home_name_word: re.Pattern[str] | None = None

    def is_site_line(self, line: str) -> bool:
        text = " ".join(line.split())
        return any(pattern.fullmatch(text) for pattern in self.site_lines)

    def is_home_name(self, name: str) -> bool:
        words = [re.sub(r"oh(?![aiueo])", "o", w) for w in name.lower().split()]
        pattern = self.home_name_word
        return bool(pattern and len(words) >= 2 and all(pattern.fullmatch(w) for w in words))


REGIONS = (
    r"Asia|Europe|Africa|Oceania|Middle East|Latin America(?: and the Caribbean)?"
    r"|North America|Central America|South America|Central Asia|Caucasus|Asia-Pacific"
    r"|Middle East and Africa|Southeast Asia|South Asia|Russia and Central Asia"
)

# Hepburn romanisation, the way Japanese names are written in English: syllables of a
# consonant (or sh, ch, ts, j, a consonant with y) and a vowel, a bare vowel, a syllabic n
# (m before b, p, m), a doubled consonant ("oh" for a long o is read as "o"). Hepburn has
# no "si", "ti",
# "tu", "hu", "we" or "fi", which keeps most Chinese, Korean and Western names out.
ROMAJI_WORD = re.compile(
    r"(?:(?:[kgnhbpmr]y|sh|ch|j)[auoōū]|(?:sh|ch|j)i|tsu|fu|[kgnbpmr][aiueoōū]|[sz][aueoōū]"
    r"|[td][aeoō]|h[aieoō]|y[auoōū]|w[ao]|[aiueoōū]|n(?![aiueoyōū])"
    r"|m(?=[bpm])|([kstpgd])(?=\1)|t(?=ch))+"
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
    home_name_word=ROMAJI_WORD,
)

DEFAULT_PROFILE = MOFA_JAPAN
