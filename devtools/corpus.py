"""A synthetic corpus of meeting summaries in the seeds' format, with the record meant.

Pure Python, no Django. `iter_corpus(n_meetings, seed)` yields
`(file_name, text, record)` one meeting at a time, where `record` is the
RECORD_FORMAT v1 object (/work/shared/RECORD_FORMAT.md) a careful reader takes
from `text`. Same seed, same bytes: every meeting draws from its own
`random.Random(f"{seed}:{index}")`, so meeting i never depends on meeting i-1.

The texts recombine the constructs the five seed texts show (fixtures/seeds/):
a title with "(Summary of Results)" or a "Summary of Results" line, the date
line, an intro naming principals, date, time, place and the attendee list,
numbered sections and "(1)" sub-sections, statements ("X stated that ...",
"In response, Y ...", "The two leaders agreed ..."), joint statements and
narrative paragraphs, "Back to Index". Partners, people, places and topics
vary; some names are misspelt the way the seeds misspell them.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import random
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

FIRST_YEAR, LAST_YEAR = 1990, 2025
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


# --- people -----------------------------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str  # canonical, the usual English spelling
    family: str  # how statements refer to the person ("Putin", "Hu", "de Villepin")
    pronoun: str = "he"
    variants: tuple[str, ...] = ()  # misspellings the people authority file maps


def _p(name, family=None, pronoun="he", variants=()):
    return Person(name, family or name.split()[-1], pronoun, tuple(variants))


@dataclass(frozen=True)
class Office:
    first: int
    last: int
    person: Person


def _terms(*rows) -> tuple[Office, ...]:
    return tuple(Office(first, last, person) for first, last, person in rows)


@dataclass(frozen=True)
class Topic:
    heading: str
    phrase: str  # "cooperation in the field of energy"


@dataclass(frozen=True)
class Country:
    key: str
    name: str  # the record's country, as the parser's lexicon names it: "Russian Federation"
    of_name: str  # "of the Russian Federation", "of France"
    short: str  # "Russia"
    adjective: str  # "Russian"
    side: str  # "the Russian side"
    pair: tuple[str, ...]  # title forms: "Japan-Russian Federation", "Japan-Russia"
    capital: str
    cities: tuple[str, ...]
    leader_title: str
    leaders: tuple[Office, ...]
    minister_title: str
    ministers: tuple[Office, ...]
    division: str  # the Japanese ministry's desk for this partner
    bureau: str
    attendee_titles: tuple[str, ...]
    given_names: tuple[str, ...]
    family_names: tuple[str, ...]
    topics: tuple[Topic, ...] = ()
    family_first: bool = False  # Chinese and Korean names: family name first


JAPAN_PRIME_MINISTERS = _terms(
    (1990, 1991, _p("Toshiki Kaifu")),
    (1992, 1992, _p("Kiichi Miyazawa")),
    (1993, 1993, _p("Morihiro Hosokawa")),
    (1994, 1995, _p("Tomiichi Murayama")),
    (1996, 1997, _p("Ryutaro Hashimoto")),
    (1998, 1999, _p("Keizo Obuchi")),
    (2000, 2000, _p("Yoshiro Mori")),
    (2001, 2006, _p("Junichiro Koizumi")),
    (2007, 2007, _p("Shinzo Abe")),
    (2008, 2008, _p("Yasuo Fukuda")),
    (2009, 2009, _p("Taro Aso")),
    (2010, 2010, _p("Naoto Kan")),
    (2011, 2012, _p("Yoshihiko Noda")),
    (2013, 2020, _p("Shinzo Abe")),
    (2021, 2021, _p("Yoshihide Suga")),
    (2022, 2024, _p("Fumio Kishida")),
    (2025, 2025, _p("Shigeru Ishiba")),
)
JAPAN_FOREIGN_MINISTERS = _terms(
    (1990, 1991, _p("Taro Nakayama")),
    (1992, 1993, _p("Michio Watanabe")),
    (1994, 1995, _p("Yohei Kono")),
    (1996, 1997, _p("Yukihiko Ikeda")),
    (1998, 1999, _p("Masahiko Komura", variants=("Masahiko Koumura",))),
    (2000, 2000, _p("Yohei Kono")),
    (2001, 2001, _p("Makiko Tanaka", pronoun="she")),
    (2002, 2004, _p("Yoriko Kawaguchi", pronoun="she")),
    (2005, 2005, _p("Nobutaka Machimura")),
    (2006, 2008, _p("Taro Aso")),
    (2009, 2010, _p("Katsuya Okada")),
    (2011, 2012, _p("Koichiro Gemba")),
    (2013, 2017, _p("Fumio Kishida")),
    (2018, 2019, _p("Taro Kono")),
    (2020, 2021, _p("Toshimitsu Motegi")),
    (2022, 2023, _p("Yoshimasa Hayashi")),
    (2024, 2024, _p("Yoko Kamikawa", pronoun="she")),
    (2025, 2025, _p("Takeshi Iwaya")),
)

GENERIC_ATTENDEE_TITLES = (
    "Deputy Minister of Foreign Affairs",
    "Ambassador to Japan",
    "Director-General of Policy Planning",
    "Director of the Asian Department",
    "Adviser to the Head of State",
)

COUNTRIES = (
    Country(
        key="russia",
        name="Russian Federation",
        of_name="of the Russian Federation",
        short="Russia",
        adjective="Russian",
        side="the Russian side",
        pair=("Japan-Russian Federation", "Japan-Russia"),
        capital="Moscow",
        cities=(
            "Vladivostok",
            "Khabarovsk",
            "Irkutsk",
            "Novosibirsk",
            "Yuzhno-Sakhalinsk",
            "Kazan",
        ),
        leader_title="President",
        leaders=_terms(
            (1990, 1999, _p("Boris Yeltsin")),
            (2000, 2007, _p("Vladimir Putin")),
            (2008, 2011, _p("Dmitry Medvedev", variants=("Dmitri Medvedev",))),
            (2012, 2025, _p("Vladimir Putin")),
        ),
        minister_title="Minister for Foreign Affairs",
        ministers=_terms(
            (1990, 1995, _p("Andrei Kozyrev")),
            (1996, 1997, _p("Yevgeny Primakov")),
            (1998, 2003, _p("Igor Ivanov")),
            (2004, 2025, _p("Sergey Lavrov", variants=("Sergei Lavrov",))),
        ),
        division="Russian Division",
        bureau="European Affairs Bureau",
        attendee_titles=(
            "Deputy Minister of Foreign Affairs",
            "Ambassador to Japan",
            "Russian Federation President Assistant in International Affairs",
            "Director-General of Policy Planning",
            "Director of the Second Asian Department",
        ),
        given_names=("Alexei", "Dmitri", "Nikolai", "Pavel", "Yuri", "Oleg", "Andrei", "Grigory"),
        family_names=(
            "Panov",
            "Rogachev",
            "Galuzin",
            "Karasin",
            "Morgulov",
            "Nozdrev",
            "Afanasiev",
            "Zhuravlev",
            "Saprykin",
        ),
        topics=(
            Topic("Issue of Conclusion of a Peace Treaty", "the conclusion of a peace treaty"),
            Topic("Northern Territories Issue", "the issue of the Northern Territories"),
        ),
    ),
    Country(
        key="china",
        name="China",
        of_name="of the People's Republic of China",
        short="China",
        adjective="Chinese",
        side="the Chinese side",
        pair=("Japan-China",),
        capital="Beijing",
        cities=("Shanghai", "Dalian", "Guangzhou", "Shenyang", "Chengdu", "Tianjin", "Wuhan"),
        leader_title="President",
        leaders=_terms(
            (1990, 2002, _p("Jiang Zemin", "Jiang")),
            (2003, 2012, _p("Hu Jintao", "Hu")),
            (2013, 2025, _p("Xi Jinping", "Xi")),
        ),
        minister_title="Foreign Minister",
        ministers=_terms(
            (1990, 1997, _p("Qian Qichen", "Qian")),
            (1998, 2002, _p("Tang Jiaxuan", "Tang")),
            (2003, 2007, _p("Li Zhaoxing", "Li")),
            (2008, 2012, _p("Yang Jiechi", "Yang")),
            (2013, 2025, _p("Wang Yi", "Wang")),
        ),
        division="China and Mongolia Division",
        bureau="Asian and Oceanian Affairs Bureau",
        attendee_titles=GENERIC_ATTENDEE_TITLES,
        given_names=("Wei", "Jian", "Ming", "Hong", "Guang", "Ping", "Xiaoyu", "Dehai"),
        family_names=("Zhou", "Sun", "Huang", "Liang", "Cheng", "Guo", "Feng", "Deng", "Cao"),
        topics=(
            Topic("East China Sea", "the situation in the East China Sea"),
            Topic("Food Safety", "food safety"),
        ),
        family_first=True,
    ),
    Country(
        key="korea",
        name="Republic of Korea",
        of_name="of the Republic of Korea",
        short="the Republic of Korea",
        adjective="Korean",
        side="the Korean side",
        pair=("Japan-Republic of Korea", "Japan-ROK"),
        capital="Seoul",
        cities=("Busan", "Incheon", "Daegu", "Gwangju", "Jeju", "Ulsan"),
        leader_title="President",
        leaders=_terms(
            (1990, 1992, _p("Roh Tae-woo", "Roh")),
            (1993, 1997, _p("Kim Young-sam", "Kim")),
            (1998, 2002, _p("Kim Dae-jung", "Kim")),
            (2003, 2007, _p("Roh Moo-hyun", "Roh")),
            (2008, 2012, _p("Lee Myung-bak", "Lee")),
            (2013, 2016, _p("Park Geun-hye", "Park", "she")),
            (2017, 2021, _p("Moon Jae-in", "Moon")),
            (2022, 2025, _p("Yoon Suk-yeol", "Yoon")),
        ),
        minister_title="Minister of Foreign Affairs",
        ministers=_terms(
            (1990, 1993, _p("Choi Ho-joong", "Choi")),
            (1994, 1995, _p("Han Sung-joo", "Han")),
            (1996, 1997, _p("Yoo Chong-ha", "Yoo")),
            (1998, 2002, _p("Hong Soon-young", "Hong")),
            (2003, 2003, _p("Yoon Young-kwan", "Yoon")),
            (2004, 2006, _p("Ban Ki-moon", "Ban")),
            (2007, 2007, _p("Song Min-soon", "Song")),
            (2008, 2009, _p("Yu Myung-hwan", "Yu")),
            (2010, 2012, _p("Kim Sung-hwan", "Kim")),
            (2013, 2016, _p("Yun Byung-se", "Yun")),
            (2017, 2020, _p("Kang Kyung-wha", "Kang", "she")),
            (2021, 2021, _p("Chung Eui-yong", "Chung")),
            (2022, 2023, _p("Park Jin", "Park")),
            (2024, 2025, _p("Cho Tae-yul", "Cho")),
        ),
        division="Korean Division",
        bureau="Asian and Oceanian Affairs Bureau",
        attendee_titles=GENERIC_ATTENDEE_TITLES,
        given_names=("Sang-woo", "Jin-ho", "Min-jun", "Dong-hyun", "Seung-hoon", "Tae-sik"),
        family_names=("Jeong", "Baek", "Shin", "Oh", "Seo", "Kwon", "Hwang", "Ahn"),
        topics=(
            Topic("Visa Waiver Program", "the visa waiver program"),
            Topic("Economic Partnership Agreement", "an economic partnership agreement"),
        ),
        family_first=True,
    ),
    Country(
        key="france",
        name="France",
        of_name="of France",
        short="France",
        adjective="French",
        side="the French side",
        pair=("Japan-France",),
        capital="Paris",
        cities=("Lyon", "Marseille", "Toulouse", "Bordeaux", "Lille", "Nantes", "Strasbourg"),
        leader_title="President",
        leaders=_terms(
            (1990, 1994, _p("François Mitterrand")),
            (1995, 2006, _p("Jacques Chirac")),
            (2007, 2011, _p("Nicolas Sarkozy")),
            (2012, 2016, _p("François Hollande")),
            (2017, 2025, _p("Emmanuel Macron")),
        ),
        minister_title="Minister for Foreign Affairs",
        ministers=_terms(
            (1990, 1992, _p("Roland Dumas")),
            (1993, 1994, _p("Alain Juppé")),
            (1995, 1996, _p("Alain Juppé")),
            (1997, 2001, _p("Hubert Vedrine", variants=("Hubert Védrine",))),
            (2002, 2003, _p("Dominique de Villepin", "de Villepin")),
            (2004, 2004, _p("Michel Barnier")),
            (2005, 2006, _p("Philippe Douste-Blazy")),
            (2007, 2009, _p("Bernard Kouchner")),
            (2010, 2011, _p("Alain Juppé")),
            (2012, 2015, _p("Laurent Fabius")),
            (2016, 2021, _p("Jean-Marc Ayrault")),
            (2022, 2023, _p("Catherine Colonna", pronoun="she")),
            (2024, 2025, _p("Jean-Noël Barrot")),
        ),
        division="Western Europe Division",
        bureau="European Affairs Bureau",
        attendee_titles=GENERIC_ATTENDEE_TITLES,
        given_names=("Philippe", "Thierry", "Olivier", "Christophe", "Pascal", "Laurent", "Yves"),
        family_names=("Moreau", "Lefebvre", "Girard", "Rousseau", "Bonnet", "Faure", "Lambert"),
        topics=(
            Topic("Civil Nuclear Cooperation", "civil nuclear cooperation"),
            Topic("Exceptional Partnership", "the exceptional partnership"),
        ),
    ),
    Country(
        key="usa",
        name="United States",
        of_name="of the United States of America",
        short="the United States",
        adjective="U.S.",
        side="the U.S. side",
        pair=("Japan-U.S.", "Japan-United States"),
        capital="Washington DC",
        cities=("Chicago", "Houston", "Seattle", "Boston", "Atlanta", "Denver", "Honolulu"),
        leader_title="President",
        leaders=_terms(
            (1990, 2000, _p("Bill Clinton")),
            (2001, 2008, _p("George W. Bush", "Bush")),
            (2009, 2016, _p("Barack Obama")),
            (2017, 2020, _p("Donald Trump")),
            (2021, 2024, _p("Joe Biden", "Biden")),
            (2025, 2025, _p("Donald Trump")),
        ),
        minister_title="Secretary of State",
        ministers=_terms(
            (1990, 1992, _p("James Baker")),
            (1993, 1996, _p("Warren Christopher")),
            (1997, 2000, _p("Madeleine Albright", pronoun="she")),
            (2001, 2004, _p("Colin Powell")),
            (2005, 2008, _p("Condoleezza Rice", pronoun="she", variants=("Condoleeza Rice",))),
            (
                2009,
                2012,
                _p("Hillary Clinton", pronoun="she"),
            ),
            (2013, 2016, _p("John Kerry")),
            (2017, 2017, _p("Rex Tillerson")),
            (2018, 2020, _p("Mike Pompeo")),
            (2021, 2024, _p("Antony Blinken")),
            (2025, 2025, _p("Marco Rubio")),
        ),
        division="American Division",
        bureau="Foreign Policy Bureau",
        attendee_titles=(
            "Deputy Secretary of State",
            "Ambassador to Japan",
            "National Security Advisor",
            "Assistant Secretary of State for East Asian Affairs",
        ),
        given_names=("Michael", "Richard", "Steven", "Kevin", "Daniel", "Thomas", "Robert"),
        family_names=(
            "Harmon",
            "Whitfield",
            "Calloway",
            "Brennan",
            "Holbrook",
            "Sutton",
            "Garrity",
        ),
        topics=(
            Topic("Security Arrangements", "the security arrangements"),
            Topic("Realignment of Forces in Japan", "the realignment of forces in Japan"),
        ),
    ),
    Country(
        key="uk",
        name="United Kingdom",
        of_name="of the United Kingdom",
        short="the United Kingdom",
        adjective="British",
        side="the British side",
        pair=("Japan-UK", "Japan-United Kingdom"),
        capital="London",
        cities=("Manchester", "Edinburgh", "Birmingham", "Glasgow", "Cardiff", "Belfast", "Leeds"),
        leader_title="Prime Minister",
        leaders=_terms(
            (1990, 1990, _p("Margaret Thatcher", pronoun="she")),
            (1991, 1996, _p("John Major")),
            (1997, 2006, _p("Tony Blair")),
            (2007, 2009, _p("Gordon Brown")),
            (2010, 2018, _p("David Cameron")),
            (2019, 2021, _p("Boris Johnson")),
            (2022, 2023, _p("Rishi Sunak")),
            (2024, 2025, _p("Keir Starmer")),
        ),
        minister_title="Foreign Secretary",
        ministers=_terms(
            (1990, 1994, _p("Douglas Hurd")),
            (1995, 1996, _p("Malcolm Rifkind")),
            (1997, 2000, _p("Robin Cook")),
            (2001, 2005, _p("Jack Straw")),
            (2006, 2006, _p("Margaret Beckett", pronoun="she")),
            (2007, 2009, _p("David Miliband")),
            (2010, 2013, _p("William Hague")),
            (2014, 2015, _p("Philip Hammond")),
            (2016, 2017, _p("Boris Johnson")),
            (2018, 2018, _p("Jeremy Hunt")),
            (2019, 2020, _p("Dominic Raab")),
            (2021, 2022, _p("Liz Truss", pronoun="she")),
            (2023, 2023, _p("James Cleverly")),
            (2024, 2025, _p("David Lammy")),
        ),
        division="Western Europe Division",
        bureau="European Affairs Bureau",
        attendee_titles=GENERIC_ATTENDEE_TITLES,
        given_names=("Simon", "Nicholas", "Andrew", "Jonathan", "Graham", "Stephen", "Alistair"),
        family_names=("Pembroke", "Ashdown", "Fairbairn", "Cavendish", "Whitmore", "Lyle"),
        topics=(
            Topic("Defence Equipment Cooperation", "defence equipment cooperation"),
            Topic("Financial Services Dialogue", "the financial services dialogue"),
        ),
    ),
)
COUNTRY_WEIGHTS = (5, 3, 3, 2, 3, 2)

# People of the seeds, with the misspellings the seeds show (the people
# authority file maps them to the canonical name).
KASYANOV = _p("Mikhail Kasyanov", variants=("Mikhail Kasjyanov", "Mikhail Kasiyanov"))
SEED_RUSSIAN_ATTENDEES = (
    ("Deputy Minister of Foreign Affairs", _p("Sergey Kislyak", variants=("Sergei Kislyak",))),
    (
        "Russian Federation President Assistant in International Affairs",
        _p("Sergei Prikhodko", variants=("Sergei Prikhodiko",)),
    ),
)
SEED_JAPANESE_ATTENDEES = (
    ("Director of the Russian Division", _p("Kuninori Matsuda", variants=("Kunirori Matsuda",))),
    ("Director-General of the European Affairs Bureau", _p("Ichiro Komatsu")),
    ("Deputy Minister for Foreign Affairs", _p("Hitoshi Tanaka")),
    ("Deputy Chief Cabinet Secretary", _p("Seiken Sugiura")),
)
JAPANESE_GIVEN = ("Kenji", "Hiroshi", "Takashi", "Masaru", "Shinichi", "Akira", "Yuji", "Tetsuo")
JAPANESE_FAMILY = (
    "Hirano",
    "Onodera",
    "Kaneda",
    "Sakuma",
    "Yamaguchi",
    "Fujimura",
    "Nakanishi",
    "Ishikawa",
    "Morioka",
    "Tsujimoto",
    "Kuribayashi",
)
JAPANESE_CITIES = ("Sapporo", "Sendai", "Niigata", "Kobe", "Fukuoka", "Nagasaki", "Kanazawa")


@dataclass(frozen=True)
class Occasion:
    name: str  # as the intro names it: "G8 Sea Island Summit"
    title: str  # as the title names it: "Sea Island Summit"
    location: str
    venue: str | None
    utc_offset: int  # hours


OCCASIONS = (
    Occasion(
        "G8 Sea Island Summit", "Sea Island Summit", "Sea Island, Georgia", "Lanier House", -4
    ),
    Occasion(
        "G8 Gleneagles Summit", "G8 Gleneagles Summit", "Gleneagles, UK", "Gleneagles Hotel", 1
    ),
    Occasion("G8 Evian Summit", "G8 Evian Summit", "Evian, France", "Hotel Royal", 2),
    Occasion(
        "APEC Economic Leaders' Meeting", "APEC Leaders' Meeting", "Santiago, Chile", None, -3
    ),
    Occasion("APEC Economic Leaders' Meeting", "APEC Meeting", "Vladivostok, Russia", None, 10),
    Occasion("G20 Summit", "G20 Summit", "Buenos Aires, Argentina", "Costa Salguero Center", -3),
    Occasion("G20 Summit", "G20 Osaka Summit", "Osaka", "INTEX Osaka", 9),
    Occasion("East Asia Summit", "East Asia Summit", "Vientiane, Laos", None, 7),
    Occasion("United Nations General Assembly", "UN General Assembly", "New York", None, -4),
    Occasion(
        "Asia-Europe Meeting", "ASEM Summit", "Hanoi, Viet Nam", "National Convention Center", 7
    ),
    Occasion("G7 Summit", "G7 Charlevoix Summit", "La Malbaie, Canada", "Manoir Richelieu", -4),
    Occasion("Nuclear Security Summit", "Nuclear Security Summit", "Seoul", "COEX", 9),
)
MINISTERIAL_OCCASIONS = (
    ("G8 Foreign Ministers' Meeting", "Washington DC"),
    ("ASEAN Regional Forum", "Jakarta"),
    ("APEC Ministerial Meeting", "Singapore"),
    ("G20 Foreign Ministers' Meeting", "Bonn"),
    ("United Nations General Assembly", "New York"),
    ("Asia-Europe Foreign Ministers' Meeting", "Brussels"),
)


# --- vocabulary -------------------------------------------------------------


TOPICS = (
    Topic("Bilateral Relations", "the development of bilateral relations"),
    Topic("Economic Cooperation", "economic cooperation"),
    Topic("Trade and Investment", "trade and investment"),
    Topic("Energy", "cooperation in the field of energy"),
    Topic("North Korea", "the situation in North Korea"),
    Topic("Iraq", "the reconstruction of Iraq"),
    Topic("Climate Change", "measures against climate change"),
    Topic("United Nations Security Council Reform", "the reform of the Security Council"),
    Topic("Cultural Exchange", "cultural and people-to-people exchange"),
    Topic("Security Dialogue", "the security dialogue"),
    Topic("Fisheries", "cooperation in fisheries"),
    Topic("Science and Technology", "cooperation in science and technology"),
    Topic("Tourism", "the promotion of tourism"),
    Topic("Regional Situation", "the regional situation in East Asia"),
    Topic("Counter-terrorism", "the fight against terrorism"),
    Topic("Nuclear Non-proliferation", "nuclear disarmament and non-proliferation"),
    Topic("Food Security", "global food security"),
    Topic("Infrastructure", "quality infrastructure investment"),
    Topic("Public Health", "cooperation in public health"),
    Topic("Disaster Prevention", "disaster risk reduction"),
    Topic("Youth Exchange", "youth exchange programmes"),
    Topic("Space Cooperation", "the peaceful use of outer space"),
    Topic("Maritime Security", "maritime security and the freedom of navigation"),
    Topic("Agriculture", "agricultural trade"),
    Topic("Middle East", "the peace process in the Middle East"),
    Topic("Afghanistan", "assistance to Afghanistan"),
    Topic("Development of Africa", "the development of Africa"),
    Topic("Digital Economy", "the digital economy and data flows"),
    Topic("Financial Cooperation", "financial cooperation"),
    Topic("Environmental Protection", "environmental protection"),
    Topic("Kyoto Protocol", "the early entry into force of the Kyoto Protocol"),
    Topic("World Trade Organization", "the negotiations at the World Trade Organization"),
    Topic("Cooperation for Denuclearization", "cooperation for denuclearization"),
    Topic("Semiconductors", "secure supply chains for semiconductors"),
    Topic("Ukraine", "the situation surrounding Ukraine"),
)
SECTION_TAIL = ("Others", "Future Diplomatic Schedule")
GROUP_HEADINGS = (
    "Individual Issues",
    "Economic Issues",
    "International Issues",
    "Regional and International Affairs",
    "Bilateral Cooperation",
    "Wide-ranging Bilateral Cooperation",
    "Others",
)
PROJECTS = (
    "Pacific Pipeline",
    "Sakhalin",
    "Arctic LNG",
    "Eastern Corridor",
    "Green Hydrogen",
    "Coastal Wind",
    "Deep Sea Cable",
    "Smart City",
    "Harbor Renewal",
    "Rail Link",
    "Bullet Train",
    "Clean Coal",
    "Satellite Navigation",
    "Cold Chain",
)
FORUMS = (
    "G8 Foreign Ministers' meeting",
    "plenary session",
    "working lunch",
    "ASEAN Regional Forum",
    "preparatory meeting of senior officials",
)
CLAUSES = (
    "{PAIR} relations had developed steadily in a wide range of areas, including {T}",
    "cooperation on {T} was an important pillar of {PAIR} relations",
    "{P} attached great importance to {T} and intended to continue close consultations",
    "the two countries needed to cooperate further on {T} from a strategic perspective",
    "the government would provide maximum support for the success of the {K} project",
    "the working group on {T} should meet at an early date to prepare concrete proposals",
    "it was important to implement the agreements on {T} steadily and achieve visible results",
    "steady progress on {T} would contribute to the peace and stability of the region",
    "trade between Japan and {P} had increased by about {N} percent in {Y}",
    "the issue of {T} should be resolved through dialogue on the basis of mutual trust",
    "the participation of Japanese companies in the {K} project in {C} was welcome",
    "exchanges between young people, local governments and business circles should be expanded",
    "the {A} side was prepared to accelerate negotiations in line with the approach agreed in {Y}",
    "the international community must respond in a united manner to {T}",
    "close coordination between the foreign ministries of the two countries was indispensable",
    "recent developments concerning {T} were a matter of serious concern",
    "an agreement had been reached to continue consultations on {T} at the expert level",
    "the visit to {C} had given a valuable opportunity to deepen mutual understanding",
    "a joint committee on {T} would be established before the end of {Y}",
    "the construction of the {K} facility in {C} would bring significant benefits to both sides",
    "investment related to {T} remained at a low level and the latent potential had not been "
    "realized",
    "the experts should be instructed to accelerate their work on {T}",
    "there was a need to consider the financing and economic feasibility of the {K} project",
    "measures concerning {T} should be reviewed in light of the situation in {C}",
    "{P} intended to play a constructive role in resolving regional issues, including {T}",
    "the cultural festival held in {C} in {Y} had been a great success",
    "the early conclusion of an agreement on {T} was in the national interest of both countries",
    "small and medium-sized enterprises should be encouraged to take part in {T}",
    "the {K} initiative deserved the sustained attention of both governments",
    "the results achieved on {T} since {Y} exceeded expectations",
    "the dialogue on {T} had entered a new stage after the meetings held in {C}",
    "the scholarship programme for {A} students would be enlarged to {N} places a year",
)
VERBS = (
    "stated",
    "pointed out",
    "emphasized",
    "explained",
    "noted",
    "stressed",
    "expressed the view",
    "commented",
    "indicated",
    "reiterated",
    "underlined",
)
FOLLOW_UPS = ("also stated", "further emphasized", "added", "further noted")
JOINT_OPENINGS = (
    "The two leaders agreed that {X}.",
    "The two leaders confirmed that {X}.",
    "Both sides confirmed their common recognition that {X}.",
    "The two leaders shared the view that {X}.",
    "Both leaders affirmed that {X}.",
)
MINISTER_JOINT_OPENINGS = (
    "The two ministers agreed that {X}.",
    "Both sides confirmed that {X}.",
    "The two ministers shared the view that {X}.",
)
NARRATIVES = (
    "There was brief reference to the issue of {T}, based on discussions that had been held in "
    "the {F}.",
    "The issue of {T} was also touched upon, and the details will be coordinated through "
    "diplomatic channels.",
)
DOCUMENT_KINDS = ("Joint Statement on", "Memorandum on", "Joint Press Release on")
COUNT_WORDS = {2: "Two", 3: "Three"}


# --- the record being built --------------------------------------------------


@dataclass
class Speaker:
    person: Person
    country: Country | None  # None: Japan
    title: str  # office as written
    written: str  # name as written in this text
    role: str

    @property
    def country_name(self) -> str:
        return self.country.name if self.country else "Japan"

    @property
    def family(self) -> str:
        """The family name as this text spells it."""
        if self.written == self.person.name:
            return self.person.family
        return self.written.split()[-1]

    @property
    def ref(self) -> str:
        """How statements name the speaker: "President Putin"."""
        return f"{short_title(self.title)} {self.family}"

    def participant(self) -> dict:
        return {
            "name": self.person.name,
            "name_as_written": self.written,
            "title": self.title,
            "country": self.country_name,
            "role": self.role,
        }


SHORT_TITLES = {
    "Minister for Foreign Affairs": "Foreign Minister",
    "Minister of Foreign Affairs": "Foreign Minister",
    "Chairman of the Government of the Russian Federation": "Chairman",
}


def short_title(title: str) -> str:
    """ "President of France" -> "President", as statements name people."""
    if title in SHORT_TITLES:
        return SHORT_TITLES[title]
    for country in COUNTRIES:
        title = title.removesuffix(f" {country.of_name}")
    return title


@dataclass
class Draft:
    rng: random.Random
    partner: Country
    year: int
    principals: list[Speaker] = field(default_factory=list)
    attendees: list[Speaker] = field(default_factory=list)
    lines: list[str] = field(default_factory=list)
    sections: list[dict] = field(default_factory=list)
    statements: list[dict] = field(default_factory=list)
    section: str | None = None
    subsection: str | None = None

    def paragraph(self, text: str) -> None:
        self.lines.append(text)

    def statement(self, speakers: list[Speaker], kind: str, text: str) -> None:
        self.statements.append(
            {
                "section": self.section,
                "subsection": self.subsection,
                "speakers": [s.person.name for s in speakers],
                "kind": kind,
                "text": text,
            }
        )

    def speakers(self) -> list[str]:
        seen: list[str] = []
        for statement in self.statements:
            for name in statement["speakers"]:
                if name not in seen:
                    seen.append(name)
        return seen


# --- small helpers -------------------------------------------------------------


def holder(offices: tuple[Office, ...], year: int) -> Person:
    for office in offices:
        if office.first <= year <= office.last:
            return office.person
    raise ValueError(f"no office holder in {year}")


def month_day(day: dt.date) -> str:
    return f"{MONTHS[day.month - 1]} {day.day}"


def long_date(day: dt.date) -> str:
    return f"{month_day(day)}, {day.year}"


def hhmm(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def join_names(items: list[str], rng: random.Random) -> str:
    if len(items) == 1:
        return items[0]
    comma = "," if len(items) > 2 and rng.random() < 0.3 else ""
    return f"{', '.join(items[:-1])}{comma} and {items[-1]}"


def clause(draft: Draft, topic: Topic) -> str:
    rng = draft.rng
    return rng.choice(CLAUSES).format(
        PAIR=f"Japan-{draft.partner.short.removeprefix('the ')}",
        P=draft.partner.short,
        A=draft.partner.adjective,
        T=topic.phrase,
        K=rng.choice(PROJECTS),
        C=rng.choice(draft.partner.cities + JAPANESE_CITIES),
        Y=rng.randint(max(FIRST_YEAR - 10, draft.year - 12), draft.year),
        N=rng.randint(5, 60),
    )


def capitalize(text: str) -> str:
    return text[:1].upper() + text[1:]


def written_name(person: Person, rng: random.Random) -> str:
    if person.variants and rng.random() < 0.5:
        return rng.choice(person.variants)
    return person.name


# --- people of one meeting ------------------------------------------------------


def attendee_pool(country: Country | None) -> list[tuple[str, Person]]:
    """A fixed pool of officials per side, so the same people recur across meetings."""
    rng = random.Random(f"attendees:{country.key if country else 'japan'}")
    if country is None:
        given, family = JAPANESE_GIVEN, JAPANESE_FAMILY
        titles = (
            "Deputy Chief Cabinet Secretary",
            "Deputy Minister for Foreign Affairs",
            "Press Secretary",
            "Director-General of the {bureau}",
            "Director of the {division}",
            "Ambassador to {short}",
        )
    else:
        given, family = country.given_names, country.family_names
        titles = country.attendee_titles
    pool = []
    for family_name in family:
        first = rng.choice(given)
        name = f"{family_name} {first}" if country and country.family_first else None
        person = _p(name, family_name) if name else _p(f"{first} {family_name}")
        pool.append((rng.choice(titles), person))
    return pool


ATTENDEE_POOLS = {c.key: attendee_pool(c) for c in COUNTRIES} | {"japan": attendee_pool(None)}


def pick_attendees(draft: Draft, country: Country | None, count: int) -> list[Speaker]:
    rng = draft.rng
    key = country.key if country else "japan"
    pool = list(ATTENDEE_POOLS[key])
    if key == "russia":
        pool += list(SEED_RUSSIAN_ATTENDEES)
    if key == "japan" and draft.partner.key == "russia":
        pool += list(SEED_JAPANESE_ATTENDEES)
    taken = {s.family for s in draft.principals + draft.attendees}
    titles_taken = {s.title for s in draft.attendees if s.country == country}
    chosen: list[Speaker] = []
    for title, person in rng.sample(pool, len(pool)):
        if len(chosen) == count:
            break
        if person.family in taken:
            continue
        taken.add(person.family)
        title = title.format(
            bureau=draft.partner.bureau,
            division=draft.partner.division,
            short=draft.partner.short,
        )
        if title in titles_taken:
            continue
        titles_taken.add(title)
        chosen.append(Speaker(person, country, title, written_name(person, rng), "attendee"))
    return chosen


def attendee_phrase(speakers: list[Speaker], rng: random.Random) -> str:
    return join_names([f"{s.title} {s.written}" for s in speakers], rng)


def attendee_note(draft: Draft) -> str:
    rng = draft.rng
    if rng.random() < 0.35:
        return ""
    partner_side = pick_attendees(draft, draft.partner, rng.randint(1, 3))
    japan_side = pick_attendees(draft, None, rng.randint(1, 4))
    draft.attendees += partner_side + japan_side
    theirs, ours = attendee_phrase(partner_side, rng), attendee_phrase(japan_side, rng)
    if rng.random() < 0.5:
        side = draft.partner.side.removeprefix("the ")
        return f" (Other attendees from the {side}: {theirs}; from the Japanese side: {ours}.)"
    return (
        f" (Other officials attending the meeting included {theirs} from {draft.partner.side},"
        f" and {ours} from the Japanese side.)"
    )


# --- the four kinds of meeting ------------------------------------------------------


def summit_at_occasion(draft: Draft, day: dt.date) -> dict:
    rng = draft.rng
    japan, partner = draft.principals
    occasion = rng.choice([o for o in OCCASIONS if o.utc_offset != 9] or OCCASIONS)
    pair = rng.choice(draft.partner.pair)
    start = rng.randrange(8 * 60, 21 * 60, 5)
    minutes = rng.choice((15, 20, 25, 30, 40, 45, 50, 60))
    published = day + dt.timedelta(days=rng.choice((0, 1)))
    japan_start = dt.datetime.combine(day, dt.time()) + dt.timedelta(
        minutes=start + (9 - occasion.utc_offset) * 60
    )
    comma = "," if rng.random() < 0.5 else ""
    japan_time = ""
    if rng.random() < 0.7:
        japan_time = (
            f" ({japan_start.hour}:{japan_start.minute:02d} on {month_day(japan_start.date())},"
            " Japan time)"
        )
    venue = occasion.venue if rng.random() < 0.8 else None
    at_venue = f" at the {venue}" if venue else ""
    held = rng.choice(("a meeting", "a summit meeting"))
    intro = (
        f"{japan.title} {japan.written} held {held} with {partner.title} {partner.written}"
        f" {draft.partner.of_name} during his visit to {occasion.location}{comma} in order to"
        f" attend the {occasion.name}. The summit meeting was held for approximately {minutes}"
        f" minutes from {hhmm(start)} local time on {month_day(day)}{japan_time}{at_venue}."
        " The following is a summary of the meeting."
    )
    return {
        "title": f"{pair} Summit Meeting on the Occasion of the {occasion.title}",
        "subtitle": "Summary of Results",
        "published": published,
        "meeting_dates": [day],
        "start": start,
        "duration": minutes,
        "location": occasion.location,
        "venue": venue,
        "meeting_type": "summit",
        "occasion": occasion.name,
        "intro": intro + attendee_note(draft),
    }


def summit_in_capital(draft: Draft, day: dt.date) -> dict:
    rng = draft.rng
    japan, partner = draft.principals
    pair = rng.choice(draft.partner.pair)
    city = draft.partner.capital if rng.random() < 0.6 else "Tokyo"
    start = rng.randrange(9 * 60, 18 * 60, 1)
    minutes = rng.randrange(40, 200)
    end = start + minutes
    intro = (
        f"From {hhmm(start)} to {hhmm(end)} {japan.title} {japan.written} and {partner.title}"
        f" {partner.written} held a {pair} Summit in {city}."
    )
    if rng.random() < 0.4:
        split = start + minutes // 2
        intro += (
            f" (From {hhmm(start)} to {hhmm(split)} a meeting was held among a small group, and"
            f" from {hhmm(split + 4)} to {hhmm(end)} a full Summit Meeting was held.)"
        )
    intro += " The following is an outline of the Summit."
    outline = rng.random() < 0.5
    return {
        "title": f"{pair} Summit" if outline else f"{pair} Summit Meeting",
        "subtitle": "Outline" if outline else "Summary of Results",
        "published": day,
        "meeting_dates": [day],
        "start": start,
        "duration": minutes,
        "location": city,
        "venue": None,
        "meeting_type": "summit",
        "occasion": None,
        "intro": intro,
    }


def foreign_ministers(draft: Draft, day: dt.date) -> dict:
    rng = draft.rng
    japan, partner = draft.principals
    occasion, city = rng.choice(MINISTERIAL_OCCASIONS)
    start = rng.randrange(8 * 60, 21 * 60, 5)
    minutes = rng.choice((20, 30, 40, 45, 60, 75))
    how = rng.choice(("Shortly after", "From"))
    intro = (
        f"{how} {hhmm(start)} local time in {city} on {long_date(day)}, for a period of"
        f" approximately {minutes} minutes, {japan.title} {japan.written} held talks with"
        f" {partner.title} {partner.written} {draft.partner.of_name}."
        " The following is a summary of the meeting."
    )
    the_partner = draft.partner.of_name.removeprefix("of ")
    if rng.random() < 0.6:
        title = f"Meeting Between Foreign Ministers of Japan and {the_partner} on the Occasion of"
        title += f" the {occasion}"
    else:
        title, occasion = f"{rng.choice(draft.partner.pair)} Foreign Ministers' Meeting", None
    return {
        "title": title,
        "subtitle": "Summary of Results",
        "published": day + dt.timedelta(days=rng.choice((0, 1))),
        "meeting_dates": [day],
        "start": start,
        "duration": minutes,
        "location": city,
        "venue": None,
        "meeting_type": "foreign_ministers",
        "occasion": occasion,
        "intro": intro + attendee_note(draft),
        "photo": rng.random() < 0.2,
    }


def official_visit(draft: Draft, day: dt.date) -> dict:
    rng = draft.rng
    visitor, minister, premier = draft.principals
    first, second = day, day + dt.timedelta(days=1)
    last = day + dt.timedelta(days=2)
    intro = (
        f"{visitor.title} {visitor.written} paid an official visit to Japan from"
        f" {month_day(first)} to {month_day(last)}. {visitor.ref} held talks with"
        f" {minister.title} {minister.written} on {month_day(first)}, and with {premier.title}"
        f" {premier.written} on {month_day(second)}. The results of these talks are summarized"
        " below."
    )
    documents = []
    if rng.random() < 0.5:
        count = rng.choice((2, 3))
        # "at the ..." inside a document's name would read as the venue
        topics = rng.sample([t for t in TOPICS if " at " not in t.phrase], count)
        documents = [f"{kind} {t.phrase}" for kind, t in zip(DOCUMENT_KINDS, topics, strict=False)]
        listed = "; ".join(documents[:-1]) + f"; and {documents[-1]}"
        intro += (
            f" {COUNT_WORDS[count]} documents were issued after the talks with {premier.ref}"
            f" on {month_day(second)}: {listed}."
        )
    return {
        "title": f"Visit to Japan by {visitor.title} {visitor.written}",
        "subtitle": "Summary of Results",
        "published": second,
        "meeting_dates": [first, second],
        "start": None,
        "duration": None,
        "location": "Japan",
        "venue": None,
        "meeting_type": "official_visit",
        "occasion": None,
        "intro": intro,
        "documents": documents,
        "provisional": rng.random() < 0.5,
        "talk_dates": {minister.person.name: first, premier.person.name: second},
    }


def telephone_talk(draft: Draft, day: dt.date) -> dict:
    rng = draft.rng
    japan, partner = draft.principals
    start = rng.randrange(7 * 60, 23 * 60, 5)
    minutes = rng.choice((10, 15, 20, 25, 30, 35))
    intro = (
        f"On {long_date(day)}, from {hhmm(start)} for approximately {minutes} minutes,"
        f" {japan.title} {japan.written} held a telephone talk with {partner.title}"
        f" {partner.written} {draft.partner.of_name}. The following is a summary of the talk."
    )
    return {
        "title": f"{rng.choice(draft.partner.pair)} Leaders' Telephone Talk",
        "subtitle": "Summary of Results",
        "published": day,
        "meeting_dates": [day],
        "start": start,
        "duration": minutes,
        "location": None,
        "venue": None,
        "meeting_type": "telephone",
        "occasion": None,
        "intro": intro,
    }


KINDS = (
    ("summit_at_occasion", summit_at_occasion, 4),
    ("summit_in_capital", summit_in_capital, 3),
    ("foreign_ministers", foreign_ministers, 3),
    ("official_visit", official_visit, 1),
    ("telephone_talk", telephone_talk, 1),
)


def cast(draft: Draft, kind: str) -> None:
    rng, year, partner = draft.rng, draft.year, draft.partner
    japan_pm = holder(JAPAN_PRIME_MINISTERS, year)
    japan_fm = holder(JAPAN_FOREIGN_MINISTERS, year)
    if kind == "foreign_ministers":
        title = rng.choice(("Minister for Foreign Affairs", "Foreign Minister"))
        draft.principals = [
            Speaker(japan_fm, None, title, japan_fm.name, "principal"),
            speaker_for(partner.minister_title, holder(partner.ministers, year), partner, rng),
        ]
        return
    leader = holder(partner.leaders, year)
    if kind == "official_visit":
        visitor_title = f"{partner.leader_title} {partner.of_name}"
        if partner.key == "russia" and 2000 <= year <= 2004 and rng.random() < 0.5:
            leader, visitor_title = KASYANOV, "Chairman of the Government of the Russian Federation"
        draft.principals = [
            speaker_for(visitor_title, leader, partner, rng),
            Speaker(japan_fm, None, "Foreign Minister", japan_fm.name, "principal"),
            Speaker(japan_pm, None, "Prime Minister", japan_pm.name, "principal"),
        ]
        if japan_fm == japan_pm or japan_fm.family == leader.family:
            draft.principals.pop(1)
        return
    draft.principals = [
        Speaker(japan_pm, None, "Prime Minister", japan_pm.name, "principal"),
        speaker_for(partner.leader_title, leader, partner, rng),
    ]


def speaker_for(title: str, person: Person, country: Country, rng: random.Random) -> Speaker:
    return Speaker(person, country, title, written_name(person, rng), "principal")


# --- sections and statements --------------------------------------------------------


def said(draft: Draft, speaker: Speaker, topic: Topic, opening: str = "") -> str:
    rng = draft.rng
    verb = rng.choice(VERBS)
    body = clause(draft, topic)
    if rng.random() < 0.15:
        body = f"(1) {body} and (2) {clause(draft, topic)}"
    sentence = f"{opening}{speaker.ref} {verb} that {body}."
    if rng.random() < 0.35:
        follow = rng.choice(FOLLOW_UPS)
        sentence += f" {capitalize(speaker.person.pronoun)} {follow} that {clause(draft, topic)}."
    return capitalize(sentence)


def response_opening(rng: random.Random) -> str:
    return rng.choice(("In response, ", "In response to this, ", "To this, "))


def two_principals(draft: Draft) -> bool:
    return len(draft.principals) == 2


def talk_prefix(draft: Draft, speaker: Speaker, meeting: dict) -> str:
    """Official visits say which day's talks a statement comes from."""
    dates = meeting.get("talk_dates")
    if not dates or draft.rng.random() < 0.5:
        return ""
    day = dates.get(speaker.person.name) or draft.rng.choice(list(dates.values()))
    return f"During the talks on {month_day(day)}, "


def exchange(draft: Draft, topic: Topic, meeting: dict, numbers: list[int] | None) -> None:
    """One to three paragraphs of talk on one topic.

    `numbers` is the section's running "(1)", "(2)" counter when its statement
    paragraphs are numbered (seed 001); such sections hold only statements, so
    no short numbered line can pass for a sub-section heading.
    """
    rng = draft.rng

    def number() -> str:
        if numbers is None:
            return ""
        numbers.append(len(numbers) + 1)
        return f"({numbers[-1]}) "

    first, second = pair_of_speakers(draft)
    style = 1.0 if numbers is not None else rng.random()
    if style < 0.15 and two_principals(draft):
        openings = JOINT_OPENINGS
        if meeting["meeting_type"] == "foreign_ministers":
            openings = MINISTER_JOINT_OPENINGS
        text = rng.choice(openings).format(X=clause(draft, topic))
        if rng.random() < 0.2 and meeting["meeting_type"] != "foreign_ministers":
            a, b = draft.principals
            text = f"{a.ref} and {b.ref} concurred that {clause(draft, topic)}."
        draft.paragraph(text)
        draft.statement(list(draft.principals), "joint", text)
        return
    if style < 0.22:
        text = rng.choice(NARRATIVES).format(T=topic.phrase, F=rng.choice(FORUMS))
        draft.paragraph(text)
        draft.statement([], "narrative", text)
        return
    if style < 0.45:
        a = said(draft, first, topic, talk_prefix(draft, first, meeting))
        b = said(draft, second, topic, response_opening(rng))
        draft.paragraph(number() + f"{a} {b}")
        draft.statement([first], "statement", a)
        draft.statement([second], "statement", b)
        return
    text = said(draft, first, topic, talk_prefix(draft, first, meeting))
    draft.paragraph(number() + text)
    draft.statement([first], "statement", text)
    if rng.random() < 0.7:
        text = said(draft, second, topic, response_opening(rng))
        draft.paragraph(number() + text)
        draft.statement([second], "statement", text)


def pair_of_speakers(draft: Draft) -> tuple[Speaker, Speaker]:
    """Who speaks first and who answers; the visitor always talks to a host."""
    rng = draft.rng
    if two_principals(draft):
        first, second = draft.principals
    else:
        first, second = draft.principals[0], rng.choice(draft.principals[1:])
    return (second, first) if rng.random() < 0.4 else (first, second)


def write_sections(draft: Draft, meeting: dict) -> None:
    rng = draft.rng
    pool = list(TOPICS) + list(draft.partner.topics)
    count = rng.choice((2, 3, 3, 4, 4, 5, 6, 7, 8))
    topics = rng.sample(pool, len(pool))
    numbered_style = rng.random() < 0.3
    for index in range(1, count + 1):
        draft.section, draft.subsection = str(index), None
        spare = len(topics) - (count - index)
        subsections = []
        if rng.random() < 0.3 and spare >= 2:
            heading = rng.choice(GROUP_HEADINGS)
            draft.paragraph(f"{index}. {heading}")
            for sub_index in range(1, rng.randint(2, min(4, spare)) + 1):
                sub_topic = topics.pop()
                number = f"({sub_index})"
                space = "" if rng.random() < 0.04 else " "
                draft.subsection = number
                draft.paragraph(f"{number}{space}{sub_topic.heading}")
                subsections.append({"number": number, "heading": sub_topic.heading})
                exchange(draft, sub_topic, meeting, None)
        else:
            topic = topics.pop()
            heading = topic.heading
            if index == count and count > 2 and rng.random() < 0.15:
                heading = rng.choice(SECTION_TAIL)
            draft.paragraph(f"{index}. {heading}")
            numbers = [] if numbered_style else None
            exchange(draft, topic, meeting, numbers)
            if rng.random() < 0.3:
                exchange(draft, topic, meeting, numbers)
        draft.sections.append(
            {"number": str(index), "heading": heading, "subsections": subsections}
        )


# --- one meeting ------------------------------------------------------------------


def random_day(rng: random.Random) -> dt.date:
    first = dt.date(FIRST_YEAR, 1, 10).toordinal()
    last = dt.date(LAST_YEAR, 12, 20).toordinal()
    return dt.date.fromordinal(rng.randint(first, last))


def generate_meeting(seed: int, index: int) -> tuple[str, dict]:
    """The text of meeting `index` of corpus `seed`, and the record it means."""
    rng = random.Random(f"{seed}:{index}")
    partner = rng.choices(COUNTRIES, weights=COUNTRY_WEIGHTS)[0]
    day = random_day(rng)
    kind, build, _ = rng.choices(KINDS, weights=[w for _, _, w in KINDS])[0]
    draft = Draft(rng=rng, partner=partner, year=day.year)
    cast(draft, kind)
    meeting = build(draft, day)

    head = []
    if meeting.get("provisional"):
        head.append("(PROVISIONAL TRANSLATION)")
    if meeting["subtitle"] and rng.random() < 0.6:
        head.append(f"{meeting['title']}\n({meeting['subtitle']})")
    else:
        head.append(f"{meeting['title']}\n{meeting['subtitle']}")
    head.append(long_date(meeting["published"]))
    if meeting.get("photo"):
        head.append("photo")
    head.append(meeting["intro"])
    draft.lines = head
    draft.statement([], "narrative", meeting["intro"])  # the parser keeps the intro too
    write_sections(draft, meeting)
    text = "\n\n".join(draft.lines) + "\n\n\nBack to Index"

    record = {
        "source": "",
        "title": meeting["title"],
        "subtitle": meeting["subtitle"],
        "provisional_translation": bool(meeting.get("provisional")),
        "published": meeting["published"].isoformat(),
        "meeting_dates": [d.isoformat() for d in meeting["meeting_dates"]],
        "start_time_local": hhmm(meeting["start"]) if meeting["start"] is not None else None,
        "duration_minutes": meeting["duration"],
        "location": meeting["location"],
        "venue": meeting["venue"],
        "meeting_type": meeting["meeting_type"],
        "occasion": meeting["occasion"],
        "participants": [s.participant() for s in draft.principals + draft.attendees],
        "sections": draft.sections,
        "speakers": draft.speakers(),
        "documents_issued": meeting.get("documents", []),
        "statements": draft.statements,
    }
    return text, record


def file_name(index: int, text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]
    return f"{index:06d}_{digest}.txt"


def iter_corpus(n_meetings: int | None, seed: int = 0) -> Iterator[tuple[str, str, dict]]:
    """(file name, text, record meant) for meetings 0..n-1; `None` never stops."""
    index = 0
    while n_meetings is None or index < n_meetings:
        text, record = generate_meeting(seed, index)
        name = file_name(index, text)
        record["source"] = name
        yield name, text, record
        index += 1


def write_corpus(
    n_meetings: int, out_dir: str | Path, seed: int = 0, expected: bool = True
) -> tuple[int, int]:
    """Write the texts (and expected.json) file by file; returns (meetings, statements)."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    statements = 0
    expected_file = (out / "expected.json").open("w", encoding="utf-8") if expected else None
    try:
        if expected_file:
            expected_file.write("[")
        for count, (name, text, record) in enumerate(iter_corpus(n_meetings, seed)):
            (out / name).write_bytes(text.encode("utf-8"))
            statements += len(record["statements"])
            if expected_file:
                expected_file.write(",\n" if count else "\n")
                expected_file.write(json.dumps(record, ensure_ascii=False, indent=1))
        if expected_file:
            expected_file.write("\n]\n")
    finally:
        if expected_file:
            expected_file.close()
    return n_meetings, statements
