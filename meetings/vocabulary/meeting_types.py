"""Meeting types: their values, labels and the words a searcher may use for them."""

from __future__ import annotations

# The meeting types, as the parser writes them and the archive stores them.
SUMMIT = "summit"
FOREIGN_MINISTERS = "foreign_ministers"
OFFICIAL_VISIT = "official_visit"
TELEPHONE = "telephone"
VIDEO = "video"
OTHER = "other"
# (value, label): what happened, not only what the title says
MEETING_TYPE_CHOICES = (
    (SUMMIT, "Summit"),
    (FOREIGN_MINISTERS, "Foreign ministers"),
    (OFFICIAL_VISIT, "Official visit"),
    (TELEPHONE, "Telephone talk"),
    (VIDEO, "Video conference"),
    (OTHER, "Other"),
)
MEETING_TYPES = tuple(value for value, _ in MEETING_TYPE_CHOICES)
MEETING_TYPE_ALIASES = {
    "visit": OFFICIAL_VISIT,
    "ministers": FOREIGN_MINISTERS,
    "fm": FOREIGN_MINISTERS,
    "phone": TELEPHONE,
    "call": TELEPHONE,
    "videoconference": VIDEO,
    "online": VIDEO,
}
