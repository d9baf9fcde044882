"""Word lists the parser reads English meeting summaries with: offices, countries, verbs."""

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

# Office words that can stand right before a person's name ("Premier Wen").
HEAD_WORDS = {
    "president",
    "vice-president",
    "premier",
    "vice-premier",
    "chancellor",
    "minister",
    "vice-minister",
    "secretary",
    "secretary-general",
    "under-secretary",
    "chairman",
    "vice-chairman",
    "chairperson",
    "chairwoman",
    "chair",
    "director",
    "director-general",
    "ambassador",
    "speaker",
    "governor",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "emperor",
    "empress",
    "sultan",
    "emir",
    "sheikh",
    "advisor",
    "adviser",
    "assistant",
    "aide",
    "sherpa",
    "representative",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "councilor",
    "councillor",
    "counsellor",
    "counselor",
    "senator",
    "congressman",
    "envoy",
    "commissioner",
    "inspector",
    "chief",
    "head",
    "leader",
    "consul",
    "consul-general",
    "deputy",
    "general",
    "admiral",
    "mr",
    "h.e",
    "h.m",
    "h.h",
    "h.r.h",
    "hon",
    "undersecretary",
    "honourable",
    "honorable",
    "ms",
    "mrs",
    "dr",
    "prof",
    "amb",
    "rev",
    "reverend",
    "u",
    "daw",
    "professor",
    "majesty",
    "highness",
    "excellency",
    "officer",
    "administrator",
    "governor-general",
    "president-elect",
}

# Capitalised words that belong to an office or an organisation, never to a name.
TITLE_WORDS = HEAD_WORDS | {
    # portfolios: "Minister of Foreign Affairs, Regional Integration and International Trade"
    "integration",
    "co-operation",
    "worship",
    "mobility",
    "immigration",
    "emigration",
    "diaspora",
    "abroad",
    "investment",
    "communities",
    "human",
    "rights",
    "lands",
    "natural",
    "resources",
    "mines",
    "mining",
    "water",
    "sport",
    "sports",
    "youth",
    "women",
    "family",
    "housing",
    "media",
    "digital",
    "innovation",
    "climate",
    "change",
    "blue",
    "shipping",
    "marine",
    "aviation",
    "solid",
    "waste",
    "management",
    # parliaments named by their own word: "Speaker of the Majlis Mehdi Karroubi"
    "majlis",
    "shura",
    "knesset",
    "bundestag",
    "sejm",
    "rada",
    "storting",
    "riksdag",
    "folketing",
    "seimas",
    "saeima",
    "riigikogu",
    # military and police ranks before a name: "H.E. Pol. Lt. Col. Thaksin Shinawatra"
    "pol",
    "lt",
    "col",
    "gen",
    "maj",
    "capt",
    "brig",
    "adm",
    "vice",
    "state",
    "senior",
    "first",
    "second",
    "executive",
    "special",
    "personal",
    "permanent",
    "parliamentary",
    "cabinet",
    "affairs",
    "ministry",
    "government",
    "office",
    "bureau",
    "division",
    "department",
    "policy",
    "planning",
    "press",
    "public",
    "relations",
    "economy",
    "economic",
    "trade",
    "industry",
    "defense",
    "defence",
    "finance",
    "financial",
    "justice",
    "development",
    "energy",
    "atomic",
    "nuclear",
    "council",
    "committee",
    "commission",
    "house",
    "representatives",
    "councillors",
    "councilors",
    "diet",
    "parliament",
    "duma",
    "federation",
    "federal",
    "assembly",
    "national",
    "international",
    "european",
    "asian",
    "oceanian",
    "eurasian",
    "american",
    "african",
    "association",
    "organizations",
    "organization",
    "organisation",
    "business",
    "chamber",
    "commerce",
    "central",
    "eastern",
    "western",
    "northern",
    "southern",
    "europe",
    "asia",
    "pacific",
    "bank",
    "agency",
    "security",
    "safety",
    "science",
    "technology",
    "education",
    "culture",
    "cultural",
    "health",
    "labour",
    "labor",
    "welfare",
    "agriculture",
    "forestry",
    "fisheries",
    "land",
    "infrastructure",
    "transport",
    "tourism",
    "environment",
    "internal",
    "communications",
    "home",
    "interior",
    "navy",
    "army",
    "forces",
    "staff",
    "joint",
    "military",
    "presidential",
    "administration",
    "party",
    "communist",
    "democratic",
    "liberal",
    "upper",
    "lower",
    "senate",
    "congress",
    "embassy",
    "mission",
    "cooperation",
    "promotion",
    "institute",
    "center",
    "centre",
    "prefecture",
    "city",
    "region",
    "regional",
    "republic",
    "kingdom",
    "union",
    "united",
    "nations",
    "states",
    "people's",
    "peoples",
    "policies",
    "legal",
    "treaties",
    "treaty",
    "intelligence",
    "information",
    "foreign",
    "consular",
    "protocol",
    "coordination",
    "strategy",
    "strategic",
    "reform",
    "reforms",
    "emergency",
    "disaster",
    "research",
    "policy-making",
    "secretariat",
    "board",
    "corporation",
    "company",
    "group",
    "inc",
    "ltd",
    "delegation",
    "plenipotentiary",
    "extraordinary",
    "resident",
    "acting",
    "honorary",
    "chief-of-staff",
    "cabinet-level",
    "territorial",
    "maritime",
    "secretary/director-general",
    "external",
    "economics",
    "people",
    "majesty's",
    "hashemite",
    "islamic",
    "arab",
    "socialist",
    "federative",
    "his",
    "her",
    "prime",
    # portfolio words of offices seen beyond the seeds ("Under Secretary of State for
    # Political Affairs", "Middle Eastern and African Affairs Bureau")
    "under",
    "political",
    "global",
    "multilateral",
    "bilateral",
    "middle",
    "east",
    "latin",
    "oceania",
    "americas",
    "arms",
    "control",
    "disarmament",
    "non-proliferation",
    "commonwealth",
    "overseas",
    "social",
    "treasury",
    "fiscal",
    "monetary",
    "revenue",
    "environmental",
    "legislative",
    "standing",
    "politburo",
    "chief",
}

# Small words that may join the words of one office ("Minister of State for Defense").
TITLE_CONNECTORS = {"of", "the", "for", "and", "to", "in", "on", "with", "his", "her", "&", "/"}

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


def is_title_word(word: str) -> bool:
    lower = word.lower().replace(" ", "").rstrip(".")  # "H. E." as "h.e"
    if lower in TITLE_WORDS or lower in COUNTRY_FORMS:
        return True
    if lower.endswith("-general"):
        return True
    if "-" in lower:
        parts = lower.split("-")
        return any(p in TITLE_WORDS or p in COUNTRY_FORMS for p in parts)
    bare = word.rstrip(".")
    return bare.isupper() and len(bare) > 1  # "UN Secretary-General", "MOFA"


def is_head_word(word: str) -> bool:
    lower = word.lower().replace(" ", "").rstrip(".")
    return lower in HEAD_WORDS or lower.endswith("-general") or lower.endswith("-president")


# Naming customs that decide which words of a new person's name the record keeps.
# Spanish names end with two family names, the father's first: "Felipe Calderón Hinojosa"
# is Felipe Calderón.
HISPANIC_NAMING = {
    "Spain", "Mexico", "Argentina", "Chile", "Colombia", "Peru", "Venezuela", "Ecuador",
    "Bolivia", "Paraguay", "Uruguay", "Cuba", "Dominican Republic", "Guatemala", "Honduras",
    "El Salvador", "Nicaragua", "Costa Rica", "Panama", "Equatorial Guinea",
}  # fmt: skip
# Portuguese names end with the family name the person is known by: "Mauro Luiz Iecker
# Vieira" is Mauro Vieira.
LUSOPHONE_NAMING = {"Brazil", "Portugal", "Angola", "Cabo Verde", "Guinea-Bissau"}
# Given name and father's name, no family name: "Abiy Ahmed Ali" is Abiy Ahmed.
PATRONYMIC_NAMING = {"Ethiopia", "Eritrea"}
# No family name, every word is the name: "Aung San Suu Kyi", "Min Aung Hlaing".
WHOLE_NAMING = {"Myanmar"}
# Given names that stand second in Spanish and Portuguese names ("Santiago Andrés
# Cafiero"): a second given name, not the family name.
IBERIAN_GIVEN_NAMES = {
    "adolfo", "agustín", "alberto", "alejandro", "alfonso", "alfredo", "alicia", "álvaro",
    "ana", "andrés", "ángel", "ángela", "antonio", "ariel", "arturo", "beatriz", "benito",
    "camilo", "carlos", "carmen", "catalina", "césar", "cristina", "cristóbal", "daniel",
    "david", "diego", "dolores", "eduardo", "elena", "elisa", "emilio", "enrique", "ernesto",
    "esteban", "eugenio", "federico", "felipe", "fernanda", "fernando", "francisco", "gabriel",
    "gabriela", "gerardo", "gonzalo", "guillermo", "gustavo", "héctor", "hugo", "ignacio",
    "inés", "isabel", "jaime", "javier", "jesús", "joão", "jorge", "josé", "josefa", "juan",
    "julia", "julio", "laura", "leonardo", "lorenzo", "lucía", "luis", "luiz", "luisa",
    "manuel", "marcelo", "marcos", "margarita", "maría", "mario", "marta", "martín",
    "mauricio", "miguel", "nicolás", "óscar", "pablo", "patricia", "paulo", "pedro", "rafael",
    "ramón", "raúl", "ricardo", "roberto", "rodrigo", "rosa", "salvador", "santiago",
    "sebastián", "sergio", "silvia", "soledad", "teresa", "tomás", "vicente", "víctor",
}  # fmt: skip
IBERIAN_FAMILY_PARTICLES = {"de", "del", "la", "las", "los", "da", "das", "do", "dos", "y", "e"}
