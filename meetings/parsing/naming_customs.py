"""Naming customs, by country, that decide which words of a new person's name the record
keeps."""

from __future__ import annotations

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
