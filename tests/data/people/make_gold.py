"""Hand-written gold for the people sample (entities only), written before running the system.

A people-heavy sample for linking: politicians, parties, bodies and papers of the bundled
gazetteer (QIDs from ../shared/data/wikidata/actors.tsv), namesakes of them (a taxi driver
called John Smith, a footballer called Thomas Mueller, an Irish and a British Paul Murphy, a
German and a Turkish Mahmut Oezdemir) and people and bodies the gazetteer does not hold.

qid: the item (in the bundled gazetteer); None: no item in the bundled gazetteer, so any link
is a wrong one (private people have no item at all); "?": not judged (places here).
Run: python tests/data/people/make_gold.py
"""

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
from gold_rows import A, F, P, e, write


def p(name, aliases=()):
    """A place: found and typed, its link not judged in this sample."""
    return e(name, P, aliases)


def opt(name, cls=F, aliases=()):
    """A name whose reading as an entity is arguable ('Conservative lawmaker'): not scored."""
    return e(name, cls, aliases, "?", optional=True)


GOLD = {
    "israel_budget.txt": [
        e("Benjamin Netanyahu", A, ["Netanyahu"], "Q43723"),
        e("Knesset", F, [], None),
        e("Ayman Odeh", A, [], "Q12181439"),
        e("Joint List", F, [], "Q18913555"),
        e("Ahmad Tibi", A, [], "Q2420712"),
        e("Avigdor Liberman", A, [], "Q58311"),
        e("Yisrael Beiteinu", F, [], "Q514442"),
        e("Likud", F, [], "Q187009"),
        e("Eli Levy", A, [], None),
        e("Moshe Levi", A, ["Levi"], None),
        e("The Washington Post", F, ["Washington Post"], "Q166032"),
        e("Reuters", F, [], None),
        p("Israel", ["Israeli"]), p("Jerusalem", ["JERUSALEM"]), p("Nazareth"), p("Umm al-Fahm"),
        p("Haifa"),
    ],
    "uk_strike.txt": [
        e("Labour", F, ["Labour Party"], "Q9630"),
        e("Keir Starmer", A, [], "Q6383803"),
        opt("Conservative"),
        e("Boris Johnson", A, [], "Q180589"),
        e("Nicola Sturgeon", A, [], "Q467112"),
        e("Gary Walsh", A, [], None),
        e("Rail Workers Union", F, [], None),
        e("Office for National Statistics", F, [], "Q1334971"),
        e("John Smith", A, ["Smith"], None),
        e("Mary Jones", A, [], None),
        e("Paul Murphy", A, [], "Q616919"),
        p("Britain"), p("London", ["LONDON"]), p("Leeds"), p("Dublin"), p("Ireland"),
        opt("Scottish", P),
    ],
    "turkey_germany.txt": [
        e("Kemal Kılıçdaroğlu", A, [], "Q44332"),
        e("Republican People's Party", F, [], "Q19079"),
        e("Angela Merkel", A, [], "Q567"),
        e("Cem Özdemir", A, [], "Q12839"),
        e("Bundestag", F, [], None),
        e("Greens", F, [], None),
        e("Mahmut Özdemir", A, [], "Q15648956"),
        e("Social Democratic Party of Germany", F, [], "Q49768"),
        e("Peoples' Democratic Party", F, [], "Q15123187"),
        e("Selahattin Demirtaş", A, [], "Q1395724"),
        e("Turkish Statistical Institute", F, [], "Q1375058"),
        e("Ali Şahin", A, [], None),
        p("Turkey", ["Turkish"]), p("Berlin", ["BERLIN"]), p("Germany", ["German"]), p("Ankara"),
    ],
    "ukraine_osce.txt": [
        e("Organization for Security and Co-operation in Europe", F, ["OSCE"], "Q81299"),
        e("United Nations Security Council", F, [], "Q37470"),
        e("Vladimir Putin", A, [], "Q7747"),
        e("Volodymyr Zelensky", A, [], None),
        e("Ihor Terekhov", A, [], None),
        e("International Organization for Migration", F, [], "Q472311"),
        e("Olena Kovalenko", A, [], None),
        e("World Health Organization", F, [], "Q7817"),
        p("Kharkiv"), p("Kyiv", ["KYIV"]), p("Ukraine"), p("Moscow"), p("Russia", ["Russian"]),
    ],
    "us_congress.txt": [
        e("Marco Rubio", A, [], "Q324546"),
        e("Senate", F, [], None),
        e("Nancy Pelosi", A, [], "Q170581"),
        opt("Republicans"), opt("Democrats"), opt("House"), opt("Democratic"),
        e("Bernie Sanders", A, [], "Q359442"),
        e("The New York Times", F, ["New York Times"], "Q9684"),
        e("Chicago Tribune", F, [], "Q47596"),
        e("Jane Miller", A, [], None),
        e("American Farm Bureau Federation", F, [], None),
        e("David Davis", A, [], None),
        e("Lindsey Graham", A, [], "Q22212"),
        p("Washington", ["WASHINGTON"]), p("Ohio"), p("South Carolina"),
    ],
    "lebanon_syria.txt": [
        e("Nabih Berri", A, [], "Q704220"),
        opt("Parliament"),
        e("Amal Movement", F, [], "Q452670"),
        e("Syrian government", F, [], "Q113519305"),
        e("Saad Hariri", A, [], "Q296771"),
        e("Future Movement", F, [], "Q228720"),
        e("Hezbollah", F, [], "Q41053"),
        e("Rania Haddad", A, [], None),
        e("Lebanese Red Cross", F, [], None),
        e("Mohammed al-Bashir", A, [], "Q131377413"),
        e("Ahmad Khalil", A, [], None),
        e("World Health Organization", F, [], "Q7817"),
        p("Beirut", ["BEIRUT"]), p("Lebanon", ["Lebanese"]), p("Syria", ["Syrian"]), p("Damascus"),
        p("Tyre"),
    ],
    "asia_elections.txt": [
        e("Ranil Wickremesinghe", A, [], "Q983402"),
        e("Mahinda Rajapaksa", A, [], "Q57338"),
        e("United National Party", F, [], "Q1321770"),
        e("Saman Ratnayake", A, [], None),
        e("Kumar Perera", A, [], None),
        e("Anwar Ibrahim", A, [], "Q299574"),
        e("Najib Razak", A, [], "Q57675"),
        e("Lee Hsien Loong", A, [], "Q57643"),
        p("Sri Lanka", ["Sri Lankan"]), p("Colombo", ["COLOMBO"]), p("Kandy"), p("Malaysia"),
        p("Singapore"),
    ],
    "nordic_namesakes.txt": [
        e("Martin Henriksen", A, [], "Q12326258"),
        e("Erna Solberg", A, [], "Q291644"),
        e("Progress Party", F, [], "Q485665"),
        e("Kjell Olsen", A, [], None),
        e("Norwegian Fishermen's Association", F, [], None),
        e("Thomas Müller", A, [], None),
        e("Bayern Munich", F, [], None),
        e("Anna Berg", A, [], None),
        p("Oslo", ["OSLO"]), p("Denmark", ["Danish"]), p("Norway", ["Norwegian"]), p("Bergen"),
    ],
}

if __name__ == "__main__":
    write(HERE, GOLD)
