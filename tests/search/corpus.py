"""A small real-text corpus for the search tests, stored through the ORM.

Sentences come from the seed texts (fixtures/seeds/); rows are created the way
the importer creates them (meeting, participants, topics with subjects,
statements with speakers), so the index is fed through the normal signals.
"""

from __future__ import annotations

import datetime as dt

from meetings.models import (
    Meeting,
    Participant,
    Person,
    PersonAlias,
    Statement,
    Subject,
    Topic,
    normalize_heading,
)

KOIZUMI = ("Junichiro Koizumi", "Japan")
PUTIN = ("Vladimir Putin", "Russian Federation")
KASYANOV = ("Mikhail Kasyanov", "Russian Federation")
HOSTILE = 'The <script>alert("x")</script> delegation & "friends" discussed fisheries.'

MEETINGS = [
    {
        "public_id": "2004-06-09-sea-island",
        "title": "Japan-Russian Federation Summit Meeting on the Occasion of the Sea Island Summit",
        "date": dt.date(2004, 6, 9),
        "type": "summit",
        "location": "Sea Island, Georgia",
        "people": [KOIZUMI, PUTIN],
        "sections": [
            (
                "Kyoto Protocol",
                [
                    (
                        [KOIZUMI],
                        "statement",
                        "Prime Minister Koizumi strongly requested the leadership of "
                        "President Putin "
                        "for Russia's early ratification of the Kyoto Protocol.",
                    ),
                    (
                        [PUTIN],
                        "statement",
                        "President Putin commented that he agreed on the importance of the Kyoto "
                        "Protocol, although it is a difficult issue for Russia.",
                    ),
                ],
            ),
            (
                "North Korea",
                [
                    (
                        [PUTIN],
                        "statement",
                        "President Putin wished to further cooperate with Japan through the "
                        "Six-Party Talks on North Korea.",
                    ),
                ],
            ),
        ],
    },
    {
        "public_id": "2003-01-10-moscow",
        "title": "Japan-Russian Federation Summit",
        "date": dt.date(2003, 1, 10),
        "type": "summit",
        "location": "Moscow",
        "people": [KOIZUMI, PUTIN],
        "sections": [
            (
                "Territorial Issue and the Japan-Russia Action Plan",
                [
                    (
                        [KOIZUMI, PUTIN],
                        "joint",
                        "The two leaders agreed to accelerate negotiations on the conclusion of a "
                        "peace treaty, treaties being the basis of relations.",
                    ),
                    (
                        [KOIZUMI],
                        "statement",
                        "Prime Minister Koizumi stated that the peace negotiations and the treaty "
                        "question needed a resolution of the territorial issue.",
                    ),
                ],
            ),
            (
                "Cooperation in the Energy Area",
                [
                    (
                        [PUTIN],
                        "statement",
                        "President Putin explained the Pacific pipeline project and cooperation in "
                        "the field of energy.",
                    ),
                ],
            ),
        ],
    },
    {
        "public_id": "2003-12-16-kasyanov-visit",
        "title": "Visit to Japan by Chairman of the Government of the Russian Federation "
        "Mikhail Kasjyanov",
        "date": dt.date(2003, 12, 16),
        "type": "official_visit",
        "location": "Tokyo",
        "people": [KOIZUMI, KASYANOV],
        "sections": [
            (
                "North Korea",
                [
                    (
                        [KASYANOV],
                        "statement",
                        "Chairman Kasjyanov stated that Japan and Russia are actively "
                        "cooperating in "
                        "the six-party talks on North Korean issues.",
                    ),
                ],
            ),
            (
                "Fisheries",
                [
                    ([], "narrative", HOSTILE),
                    (
                        [KOIZUMI],
                        "statement",
                        "Prime Minister Koizumi welcomed the Joint Press Release on "
                        "measures against "
                        "illegal fishing and the export of marine products, naïve café résumé.",
                    ),
                ],
            ),
        ],
    },
    {
        "public_id": "2005-07-08-gleneagles",
        "title": "Japan-Russia Summit Meeting on the Occasion of the G8 Gleneagles Summit",
        "date": dt.date(2005, 7, 8),
        "type": "summit",
        "location": "Gleneagles, UK",
        "people": [KOIZUMI, PUTIN],
        "sections": [
            (
                "Peace Treaty",
                [
                    (
                        [PUTIN],
                        "statement",
                        "President Putin said the treaty of peace must be concluded through calm "
                        "negotiation.",
                    ),
                ],
            ),
        ],
    },
]


def person(name: str, country: str) -> Person:
    found, _ = Person.objects.get_or_create(name=name, defaults={"country": country})
    return found


def add_aliases() -> None:
    kasyanov = Person.objects.get(name="Mikhail Kasyanov")
    PersonAlias.objects.get_or_create(person=kasyanov, name="Mikhail Kasjyanov")


def create_meeting(spec: dict, index: int = 0) -> Meeting:
    countries = sorted({country for _, country in spec["people"]})
    meeting = Meeting.objects.create(
        public_id=spec["public_id"],
        title=spec["title"],
        date_start=spec["date"],
        meeting_type=spec["type"],
        location=spec["location"],
        countries=countries,
        source_name=f"{spec['public_id']}.txt",
        source_index=index,
        source_checksum="test",
        original_text="",
    )
    for order, (name, country) in enumerate(spec["people"], start=1):
        Participant.objects.create(
            meeting=meeting,
            person=person(name, country),
            name_as_written=name,
            country=country,
            order=order,
        )
    order = 0
    for number, (heading, statements) in enumerate(spec["sections"], start=1):
        subject, _ = Subject.objects.get_or_create(
            key=normalize_heading(heading), defaults={"name": heading}
        )
        topic = Topic.objects.create(
            meeting=meeting, subject=subject, number=str(number), heading=heading, order=number
        )
        for speakers, kind, text in statements:
            order += 1
            statement = Statement.objects.create(
                meeting=meeting, topic=topic, order=order, kind=kind, text=text
            )
            statement.speakers.set([person(*speaker) for speaker in speakers])
    return meeting


def create_corpus() -> list[Meeting]:
    meetings = [create_meeting(spec, index) for index, spec in enumerate(MEETINGS)]
    add_aliases()
    return meetings


def statement_with(text: str) -> Statement:
    return Statement.objects.get(text__contains=text)
