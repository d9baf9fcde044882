"""Family names and the key people are sorted by (meetings/name_order.py)."""

from __future__ import annotations

import pytest

from meetings.name_order import family_name, family_name_first, sort_key


@pytest.mark.parametrize(
    ("name", "country", "family", "key"),
    [
        ("Mikhail Kasyanov", "Russian Federation", "Kasyanov", "kasyanov mikhail"),
        ("Junichiro Koizumi", "Japan", "Koizumi", "koizumi junichiro"),
        ("Junichirō Koizumi", "Japan", "Koizumi", "koizumi junichiro"),
        ("Hu Jintao", "China", "Hu", "hu jintao"),
        ("Roh Moo-hyun", "Republic of Korea", "Roh", "roh moo-hyun"),
        ("Ban Ki-moon", "", "Ban", "ban ki-moon"),  # a Korean given name, whatever the country
        ("Nguyen Xuan Phuc", "Viet Nam", "Nguyen", "nguyen xuan phuc"),
        ("Lee Hsien Loong", "Singapore", "Lee", "lee hsien loong"),
        ("Lawrence Wong", "Singapore", "Wong", "wong lawrence"),
        ("Dominique de Villepin", "France", "de Villepin", "villepin de dominique"),
        ("George W. Bush", "United States", "Bush", "bush george w."),
        ("Abdullah II", "Jordan", "Abdullah", "abdullah"),
        ("Jean-Marc Ayrault", "France", "Ayrault", "ayrault jean-marc"),
        ("Dominique Strauss-Kahn", "France", "Strauss-Kahn", "strauss-kahn dominique"),
        ("Madonna", "", "Madonna", "madonna"),
        ("", "", "", ""),
    ],
)
def test_family_name_and_sort_key(name, country, family, key):
    assert family_name(name, country) == family
    assert sort_key(name, country) == key


def test_western_three_word_names_stay_given_name_first():
    assert not family_name_first("Jean Marc Ayrault", "France")
    assert not family_name_first("Warren Christopher", "United States")
    assert family_name_first("Goh Chok Tong", "Singapore")
