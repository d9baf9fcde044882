"""People's names: one rule for the parser, the importer and the models."""

from __future__ import annotations

import re
import unicodedata

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
