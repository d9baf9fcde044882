"""Words the parser, the models and search share: one copy, no Django.

Meeting types are kept here with their labels and the words a searcher may use
for them; countries live in meetings/parsing/lexicon.py (the parser's) and are
read from there by search.
"""

from __future__ import annotations

# (value, label): what happened, not only what the title says
MEETING_TYPE_CHOICES = (
    ("summit", "Summit"),
    ("foreign_ministers", "Foreign ministers"),
    ("official_visit", "Official visit"),
    ("telephone", "Telephone talk"),
    ("video", "Video conference"),
    ("other", "Other"),
)
MEETING_TYPES = tuple(value for value, _ in MEETING_TYPE_CHOICES)
MEETING_TYPE_ALIASES = {
    "visit": "official_visit",
    "ministers": "foreign_ministers",
    "fm": "foreign_ministers",
    "phone": "telephone",
    "call": "telephone",
    "videoconference": "video",
    "online": "video",
}
