"""Words the parser, the models and search share: one copy, no Django.

Meeting types with their labels and the words a searcher may use for them;
countries from ISO 3166 (pycountry) with the forms it lacks kept by us; how a
person's name is normalised and keyed; the subject key of a section heading.
"""

from __future__ import annotations

import re
import unicodedata

import pycountry

# The publisher's own country: one side of every meeting, the counterpart the other.
# (meetings/parsing/profiles.py gives the same for the Ministry's pages as home_country.)
HOME_COUNTRY = "Japan"
HOME_SIDE = "japan"  # its side's value in a query string: ?side=japan

# Which side of a meeting a statement speaks for, as query-string value -> label:
# the home country's people alone, the counterpart's alone, or both together (joint).
SIDES = (
    (HOME_SIDE, HOME_COUNTRY),
    ("counterpart", "Counterpart"),
    ("both", "Both sides"),
)

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


# The forms ISO 3166 (pycountry) does not hold, and the record's name for the countries
# whose ISO name is not the one the publisher uses: written form -> record's name.
KEPT_FORMS: dict[str, str] = {
    "türkiye": "Turkey",
    "turkiye": "Turkey",
    "japan": "Japan",
    "japanese": "Japan",
    "russia": "Russian Federation",
    "russian federation": "Russian Federation",
    "russian": "Russian Federation",
    "china": "China",
    "people's republic of china": "China",
    "chinese": "China",
    "prc": "China",
    "republic of korea": "Republic of Korea",
    "south korea": "Republic of Korea",
    "korea": "Republic of Korea",
    "korean": "Republic of Korea",
    "rok": "Republic of Korea",
    "democratic people's republic of korea": "Democratic People's Republic of Korea",
    "north korea": "Democratic People's Republic of Korea",
    "dprk": "Democratic People's Republic of Korea",
    "united states of america": "United States",
    "united states": "United States",
    "u.s.": "United States",
    "us": "United States",
    "usa": "United States",
    "american": "United States",
    "united kingdom": "United Kingdom",
    "united kingdom of great britain and northern ireland": "United Kingdom",
    "uk": "United Kingdom",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "british": "United Kingdom",
    "france": "France",
    "french republic": "France",
    "french": "France",
    "germany": "Germany",
    "federal republic of germany": "Germany",
    "german": "Germany",
    "italy": "Italy",
    "italian republic": "Italy",
    "italian": "Italy",
    "canada": "Canada",
    "canadian": "Canada",
    "jordan": "Jordan",
    "hashemite kingdom of jordan": "Jordan",
    "jordanian": "Jordan",
    "india": "India",
    "republic of india": "India",
    "indian": "India",
    "mongolia": "Mongolia",
    "mongolian": "Mongolia",
    "ukraine": "Ukraine",
    "ukrainian": "Ukraine",
    "australia": "Australia",
    "australian": "Australia",
    "egypt": "Egypt",
    "arab republic of egypt": "Egypt",
    "egyptian": "Egypt",
    "pakistan": "Pakistan",
    "islamic republic of pakistan": "Pakistan",
    "pakistani": "Pakistan",
    "chile": "Chile",
    "republic of chile": "Chile",
    "chilean": "Chile",
    "portugal": "Portugal",
    "portuguese republic": "Portugal",
    "portuguese": "Portugal",
    "spain": "Spain",
    "kingdom of spain": "Spain",
    "spanish": "Spain",
    "viet nam": "Viet Nam",
    "vietnam": "Viet Nam",
    "socialist republic of viet nam": "Viet Nam",
    "vietnamese": "Viet Nam",
    "indonesia": "Indonesia",
    "republic of indonesia": "Indonesia",
    "indonesian": "Indonesia",
    "thailand": "Thailand",
    "kingdom of thailand": "Thailand",
    "thai": "Thailand",
    "philippines": "Philippines",
    "republic of the philippines": "Philippines",
    "philippine": "Philippines",
    "singapore": "Singapore",
    "republic of singapore": "Singapore",
    "malaysia": "Malaysia",
    "malaysian": "Malaysia",
    "brazil": "Brazil",
    "federative republic of brazil": "Brazil",
    "brazilian": "Brazil",
    "mexico": "Mexico",
    "mexican": "Mexico",
    "turkey": "Turkey",
    "turkish": "Turkey",
    "iran": "Iran",
    "islamic republic of iran": "Iran",
    "iranian": "Iran",
    "iraq": "Iraq",
    "iraqi": "Iraq",
    "israel": "Israel",
    "state of israel": "Israel",
    "israeli": "Israel",
    "saudi arabia": "Saudi Arabia",
    "kingdom of saudi arabia": "Saudi Arabia",
    "saudi": "Saudi Arabia",
    "kazakhstan": "Kazakhstan",
    "republic of kazakhstan": "Kazakhstan",
    "uzbekistan": "Uzbekistan",
    "poland": "Poland",
    "polish": "Poland",
    "netherlands": "Netherlands",
    "kingdom of the netherlands": "Netherlands",
    "dutch": "Netherlands",
    "sweden": "Sweden",
    "swedish": "Sweden",
    "switzerland": "Switzerland",
    "swiss": "Switzerland",
    "new zealand": "New Zealand",
    "european union": "European Union",
    "eu": "European Union",
    "afghanistan": "Afghanistan",
    "islamic republic of afghanistan": "Afghanistan",
    "afghan": "Afghanistan",
    "cambodia": "Cambodia",
    "kingdom of cambodia": "Cambodia",
    "cambodian": "Cambodia",
    "laos": "Laos",
    "lao people's democratic republic": "Laos",
    "lao pdr": "Laos",
    "laotian": "Laos",
    "myanmar": "Myanmar",
    "union of myanmar": "Myanmar",
    "bangladesh": "Bangladesh",
    "people's republic of bangladesh": "Bangladesh",
    "bangladeshi": "Bangladesh",
    "sri lanka": "Sri Lanka",
    "democratic socialist republic of sri lanka": "Sri Lanka",
    "sri lankan": "Sri Lanka",
    "nepal": "Nepal",
    "nepalese": "Nepal",
    "brunei": "Brunei",
    "brunei darussalam": "Brunei",
    "timor-leste": "Timor-Leste",
    "east timor": "Timor-Leste",
    "democratic republic of timor-leste": "Timor-Leste",
    "papua new guinea": "Papua New Guinea",
    "fiji": "Fiji",
    "fijian": "Fiji",
    "south africa": "South Africa",
    "republic of south africa": "South Africa",
    "south african": "South Africa",
    "nigeria": "Nigeria",
    "federal republic of nigeria": "Nigeria",
    "nigerian": "Nigeria",
    "kenya": "Kenya",
    "republic of kenya": "Kenya",
    "kenyan": "Kenya",
    "ethiopia": "Ethiopia",
    "ethiopian": "Ethiopia",
    "tanzania": "Tanzania",
    "united republic of tanzania": "Tanzania",
    "tanzanian": "Tanzania",
    "ghana": "Ghana",
    "ghanaian": "Ghana",
    "morocco": "Morocco",
    "kingdom of morocco": "Morocco",
    "moroccan": "Morocco",
    "algeria": "Algeria",
    "algerian": "Algeria",
    "tunisia": "Tunisia",
    "tunisian": "Tunisia",
    "libya": "Libya",
    "libyan": "Libya",
    "sudan": "Sudan",
    "sudanese": "Sudan",
    "syria": "Syria",
    "syrian arab republic": "Syria",
    "syrian": "Syria",
    "lebanon": "Lebanon",
    "lebanese republic": "Lebanon",
    "lebanese": "Lebanon",
    "palestine": "Palestine",
    "palestinian authority": "Palestine",
    "palestinian": "Palestine",
    "kuwait": "Kuwait",
    "state of kuwait": "Kuwait",
    "kuwaiti": "Kuwait",
    "qatar": "Qatar",
    "state of qatar": "Qatar",
    "qatari": "Qatar",
    "united arab emirates": "United Arab Emirates",
    "uae": "United Arab Emirates",
    "emirati": "United Arab Emirates",
    "oman": "Oman",
    "sultanate of oman": "Oman",
    "omani": "Oman",
    "bahrain": "Bahrain",
    "kingdom of bahrain": "Bahrain",
    "bahraini": "Bahrain",
    "yemen": "Yemen",
    "yemeni": "Yemen",
    "argentina": "Argentina",
    "argentine republic": "Argentina",
    "argentine": "Argentina",
    "peru": "Peru",
    "republic of peru": "Peru",
    "peruvian": "Peru",
    "colombia": "Colombia",
    "colombian": "Colombia",
    "venezuela": "Venezuela",
    "venezuelan": "Venezuela",
    "cuba": "Cuba",
    "cuban": "Cuba",
    "belgium": "Belgium",
    "kingdom of belgium": "Belgium",
    "belgian": "Belgium",
    "austria": "Austria",
    "republic of austria": "Austria",
    "austrian": "Austria",
    "greece": "Greece",
    "hellenic republic": "Greece",
    "greek": "Greece",
    "norway": "Norway",
    "kingdom of norway": "Norway",
    "norwegian": "Norway",
    "denmark": "Denmark",
    "kingdom of denmark": "Denmark",
    "danish": "Denmark",
    "finland": "Finland",
    "republic of finland": "Finland",
    "finnish": "Finland",
    "ireland": "Ireland",
    "irish": "Ireland",
    "czech republic": "Czech Republic",
    "czech": "Czech Republic",
    "hungary": "Hungary",
    "republic of hungary": "Hungary",
    "hungarian": "Hungary",
    "romania": "Romania",
    "romanian": "Romania",
    "bulgaria": "Bulgaria",
    "bulgarian": "Bulgaria",
    "lithuania": "Lithuania",
    "lithuanian": "Lithuania",
    "latvia": "Latvia",
    "latvian": "Latvia",
    "estonia": "Estonia",
    "estonian": "Estonia",
    "slovakia": "Slovakia",
    "slovak republic": "Slovakia",
    "slovak": "Slovakia",
    "slovenia": "Slovenia",
    "slovenian": "Slovenia",
    "belarus": "Belarus",
    "belarusian": "Belarus",
    "azerbaijan": "Azerbaijan",
    "azerbaijani": "Azerbaijan",
    "armenia": "Armenia",
    "armenian": "Armenia",
    "tajikistan": "Tajikistan",
    "tajik": "Tajikistan",
    "kyrgyz republic": "Kyrgyz Republic",
    "kyrgyzstan": "Kyrgyz Republic",
    "kyrgyz": "Kyrgyz Republic",
    "turkmenistan": "Turkmenistan",
    "uzbek": "Uzbekistan",
    "kazakh": "Kazakhstan",
}


# Search words for countries the parser never writes ("ussr", "america", "britain").
SEARCH_ONLY_FORMS = {
    "ussr": "Soviet Union",
    "soviet union": "Soviet Union",
    "america": "United States",
    "britain": "United Kingdom",
    "great britain": "United Kingdom",
    "uk": "United Kingdom",
}


def _folded(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()


def _plain(name: str) -> str:
    """ISO's index forms as people write them: "Micronesia, Federated States of" ->
    "Micronesia", "Holy See (Vatican City State)" -> "Holy See"."""
    special = {"Congo, The Democratic Republic of the": "Democratic Republic of the Congo"}
    if name in special:
        return special[name]
    return re.sub(r"\s*\(.*\)$", "", name.split(",")[0]).strip()


def _iso_forms() -> dict[str, str]:
    """Every ISO short, official and common name -> the record's name for that country:
    our kept name where we have one, else ISO's common or short name."""
    forms: dict[str, str] = {}
    for country in pycountry.countries:
        names = [getattr(country, a, None) for a in ("name", "official_name", "common_name")]
        names = [n for n in names if n]
        kept = next((KEPT_FORMS[n.lower()] for n in names if n.lower() in KEPT_FORMS), None)
        record_name = kept or _plain(getattr(country, "common_name", None) or country.name)
        names.append(record_name)  # "Democratic Republic of the Congo", "Holy See"
        for name in names:
            if "," in name:  # "Korea, Republic of": an index form, never written so
                continue
            for form in {name.lower(), _folded(name)}:
                forms.setdefault(form, record_name)
    return forms


COUNTRY_FORMS: dict[str, str] = {**_iso_forms(), **KEPT_FORMS}


# --- Names of people: one rule for the parser, the importer and the models -----------

# Countries whose people's names the publisher writes family name first ("Hu Jintao",
# "Roh Moo-hyun", "Mr. YOON Suk Yeol"), as the record names them.
FAMILY_NAME_FIRST_COUNTRIES = frozenset(
    {
        "China",
        "Taiwan",
        "Hong Kong",
        "Macao",
        "Republic of Korea",
        "Democratic People's Republic of Korea",
        "Viet Nam",
        "Cambodia",
    }
)


def normalize_name(name: str) -> str:
    """Lower case, no accents or dots, curly apostrophes straight, one space between
    words; hyphens and apostrophes kept: "H.E. Mr. Kim Jong-il" -> "h e mr kim jong-il"."""
    text = unicodedata.normalize("NFKD", name or "")
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.replace("’", "'").replace("‘", "'").replace(".", " ")
    return " ".join(text.lower().split())


def name_key(name: str) -> str:
    """The spelling-insensitive key a person is looked up by: letters a-z and apostrophes
    only, so "Kim Jong-il", "Kim Jong Il" and "KIM Jongil" share "kimjongil" while
    "O'Neill" stays apart from "Oneill". Letters with no ASCII base ("ø", "ı") drop out."""
    return re.sub(r"[^a-z']", "", normalize_name(name))


# --- Subjects: section headings that mean one thing -------------------------------------

# Headings that hold whatever a meeting touched on: topics, but no subject of their own.
GENERIC_HEADINGS = {
    "others", "other", "other issues", "other matters", "other topics", "others issues",
    "overview", "outline", "summary", "announcements", "announcement", "individual issues",
    "general remarks", "opening remarks", "opening", "introduction", "at the outset",
    "beginning", "closing remarks", "closing", "conclusion", "miscellaneous", "remarks",
    "exchange of views", "exchange of opinions", "general", "main points", "points",
}  # fmt: skip
# Words around a subject that do not change it: "Issue of Conclusion of a Peace Treaty",
# "The conclusion of a peace treaty", "Peace treaty issue" are one subject.
LEADING_FRAME = re.compile(
    r"^(?:(?:the|an?)\s+)?(?:(?:issues?|questions?|matters?|problems?)\s+(?:of|on|concerning|"
    r"regarding)\s+)?(?:(?:the|an?)\s+)?(?:conclusion|signing)\s+of\s+|^(?:the|an?)\s+"
    r"|^(?:issues?|questions?|matters?|problems?)\s+(?:of|on|concerning|regarding)\s+"
    r"|^(?:regarding|concerning|on)\s+"
)
TRAILING_FRAME = re.compile(r"\s+(?:issues?|questions?|problems?|matters?|negotiations?)$")
ARTICLES = re.compile(r"\b(?:the|an?)\b")


def fold(text: str) -> str:
    """Lower case, no accents, no punctuation but inner hyphens and apostrophes, one space."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("’", "'").replace("‘", "'")
    text = re.sub(r"[^\w\s'-]+", " ", text)
    return re.sub(r"\s+", " ", text).strip(" -'")


def subject_key(heading: str) -> str:
    """The cross-meeting subject of a section heading; "" for a generic heading."""
    text = fold(re.sub(r"^\s*(?:\(?(?:\d{1,2}|[ivxIVX]{1,4}|[a-z])[.)]\s*)+", "", heading))
    if text in GENERIC_HEADINGS:
        return ""
    previous = None
    while previous != text:
        previous = text
        text = LEADING_FRAME.sub("", text).strip()
        text = TRAILING_FRAME.sub("", text).strip()
    text = re.sub(r"\s+", " ", ARTICLES.sub(" ", text)).strip()
    if text in GENERIC_HEADINGS:
        return ""
    text = " ".join(_singular(word) for word in text.split())
    return SUBJECT_FORMS.get(text, text)


# Adjective forms of a subject: "Territorial issue" and "Territory issues" are one subject.
SUBJECT_FORMS = {
    "territorial": "territory",
    "north korean": "north korea",
    "dprk": "north korea",
    "economic": "economy",
    "nuclear": "nuclear issue",
}


def _singular(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word
