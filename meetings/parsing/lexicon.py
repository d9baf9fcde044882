"""Word lists the parser reads English meeting summaries with: countries, months, verbs,
words that are never names (offices: office_words.py; naming customs: naming_customs.py)."""

from __future__ import annotations

import re

from meetings.vocabulary import COUNTRY_FORMS

# Longest first, so "Russian Federation" wins over "Russian".
COUNTRY_PATTERN = re.compile(
    r"(?<![\w-])(?:the\s+)?("
    + "|".join(re.escape(k) for k in sorted(COUNTRY_FORMS, key=len, reverse=True))
    + r")(?![\w-])",
    re.IGNORECASE,
)

# Country words that name a portfolio, not a nationality ("Director of the Russian Division").
PORTFOLIO_NOUNS = {"division", "bureau", "department", "affairs", "desk", "section", "office"}


# Words that may sit inside a name but are not capitalised ("Dominique de Villepin").
NAME_PARTICLES = {"de", "van", "von", "bin", "al", "da", "di", "du", "le", "la", "der", "ter"}

MONTHS = {
    "january": 1, "february": 2, "march": 3, "april": 4, "may": 5, "june": 6, "july": 7,
    "august": 8, "september": 9, "october": 10, "november": 11, "december": 12,
    "jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9,
    "sept": 9, "oct": 10, "nov": 11, "dec": 12,
}  # fmt: skip
WEEKDAYS = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"}

# Capitalised words that start sentences or name things, not people.
NOT_NAME_WORDS = {
    # capitalised verbs of headline titles ("Foreign Minister X Meets Y"), post-nominals
    "meets", "pays", "holds", "visits", "receives", "attends", "hosts", "calls",
    "telephone", "telephones", "welcomes", "signs", "joins", "makes", "gives", "delivers",
    "has", "holding", "rt", "mp", "jr", "qc", "kbe", "obe", "phd",
    "the", "this", "that", "these", "those", "a", "an", "in", "on", "at", "to", "for", "from",
    "with", "by", "of", "and", "but", "or", "as", "he", "she", "it", "they", "we", "i", "his",
    "her", "their", "its", "our", "after", "before", "during", "following", "furthermore",
    "moreover", "however", "also", "both", "regarding", "concerning", "then", "there", "thus",
    "while", "when", "although", "if", "since", "under", "upon", "summit", "meeting",
    "meetings", "talks", "talk", "plan", "action", "project", "projects", "program",
    "programme", "protocol", "statement", "declaration", "memorandum", "agreement",
    "initiative", "hotel", "residence", "palace", "hall", "building", "conference", "forum",
    "visit", "year", "festival", "day", "island", "islands", "territories", "territory",
    "issue", "issues", "g8", "g7", "g20", "g4", "un", "apec", "asean", "nato", "wto", "iaea",
    "who", "what", "which", "where", "one", "two", "three", "all", "each", "some", "other",
    "others", "further", "in addition", "according", "japan-russia", "expo",
    "pipeline", "strait", "sea", "ocean", "river", "mountain", "airport",
    "station", "university", "school", "hospital", "province", "prefecture", "city",
    "photo", "back", "index", "top", "page", "note", "notes", "outline", "overview",
    "summary", "results", "time", "place", "venue", "date", "attendees", "participants",
    "yes", "no", "not", "first", "last", "next", "new", "old", "mr.", "ms.", "mrs.", "dr.",
}  # fmt: skip

# Verbs of saying and of the acts a summary reports; a person followed by one is its subject.
REPORT_VERBS = {
    "stated", "said", "explained", "expressed", "emphasized", "emphasised", "pointed",
    "noted", "commented", "requested", "asked", "welcomed", "appreciated", "agreed",
    "indicated", "responded", "replied", "answered", "added", "reiterated", "conveyed",
    "stressed", "articulated", "reconfirmed", "confirmed", "affirmed", "urged", "offered",
    "hoped", "proposed", "mentioned", "underlined", "underscored", "recounted", "listened",
    "extended", "concurred", "shared", "valued", "praised", "thanked", "invited",
    "suggested", "remarked", "observed", "declared", "announced", "acknowledged",
    "recognized", "recognised", "insisted", "argued", "maintained", "told", "gave",
    "made", "showed", "voiced", "called", "sought", "wished", "raised",
    "referred", "touched", "briefed", "reported", "presented", "described", "highlighted",
    "appraised", "evaluated", "congratulated", "condoled", "apologized", "apologised",
    "promised", "pledged", "undertook", "assured", "reassured", "informed", "accepted",
    "rejected", "refused", "declined", "decided", "discussed", "exchanged",
    "looked", "spoke", "talked", "thought", "felt", "believed", "considered", "reaffirmed",
    "restated", "recalled", "reminded", "cited", "quoted", "continued", "concluded",
    "opened", "began", "started", "closed", "ended", "wanted", "expected", "intended",
    "welcomes", "states", "says", "explains", "expresses", "emphasizes", "notes",
    "comments", "requests", "asks", "agrees", "indicates", "responds", "replies", "adds",
    "reiterates", "stresses", "confirms", "affirms", "hopes", "proposes", "mentions",
    "appreciates", "points", "conveys", "was", "were", "is", "has", "had", "have",
    "would", "will", "could", "can", "should", "may", "might", "did", "does",
}  # fmt: skip

# What a person did rather than said ("listened quietly"): narrative unless the clause
# goes on to a verb of saying ("nodded and stated that ...").
BEHAVIOUR_VERBS = {
    "listened", "nodded", "smiled", "laughed", "shook", "bowed", "applauded", "walked",
    "posed", "watched", "viewed", "enjoyed", "inspected", "toured", "planted", "sat", "stood",
}  # fmt: skip

# A subject with one of these held or attended the meeting rather than saying anything.
LOGISTIC_VERBS = {
    "held", "met", "paid", "visited", "arrived", "attended", "hosted", "accompanied",
    "participated", "departed", "left", "traveled", "travelled", "received", "toured",
    "laid", "signed", "holds", "meets", "pays", "visits", "visiting", "paying", "attending",
    "staying", "travelling", "traveling", "accompanying", "hosting", "issued", "went",
}  # fmt: skip

IRREGULAR_FINITE = {
    "said", "made", "gave", "told", "held", "met", "had", "sought", "took", "spoke",
    "thought", "felt", "was", "were", "is", "has", "have", "did", "does", "paid", "left",
    "laid", "undertook", "began", "would", "will", "could", "should", "can", "may", "might",
    "must", "shall", "went",
}  # fmt: skip

# Adverbs that may stand between a subject and its verb ("President Putin also stated").
SUBJECT_ADVERBS = {
    "also", "further", "again", "then", "too", "later", "subsequently", "first", "once",
    "strongly", "highly", "briefly", "finally", "additionally", "likewise", "similarly",
    "immediately", "himself", "herself", "themselves", "thereafter", "afterwards", "in",
    "response", "return", "turn", "reply", "addition", "particular", "twice",
    "repeatedly", "warmly", "clearly", "specifically", "firmly", "fully", "readily",
    "frankly", "sincerely", "earnestly", "deeply", "personally", "both", "each", "all",
}  # fmt: skip

# Words right before a name that make it an object, not a subject.
PREPOSITIONS = {
    "with", "by", "to", "for", "from", "between", "of", "on", "at", "about", "towards",
    "toward", "than", "including", "like", "as", "against", "among", "via", "upon", "into",
    "and", "asked", "welcomed", "thanked", "invited", "told", "urged", "congratulated",
}  # fmt: skip


def country_of(text: str) -> str | None:
    """The first country named in `text` ("of the Russian Federation" -> "Russian Federation")."""
    for match in COUNTRY_PATTERN.finditer(text or ""):
        following = text[match.end() :].split()
        if following and following[0].lower().strip(".,;)") in PORTFOLIO_NOUNS:
            continue
        return COUNTRY_FORMS[match.group(1).lower()]
    return None


def countries_in(text: str) -> list[str]:
    """Every country named in `text`, in order, once each (hyphen compounds split)."""
    found: list[str] = []
    for part in re.split(r"(?<=[a-z])-(?=[A-Z])", text or ""):
        for match in COUNTRY_PATTERN.finditer(part):
            country = COUNTRY_FORMS[match.group(1).lower()]
            if country not in found:
                found.append(country)
    return found
