"""Every linking rule of `analyzer.entities.component` (issue 17), each with the case it links and its trap beside
it. One row: (rule, text, mention, the entity id it must carry; "" for none)."""
from __future__ import annotations

import pytest

import analyzer

CASES = [
    # case rules: an acronym as written, or of four letters or more as a word; never a capitalised name from
    # lower-case text
    ("acronym as written", "The US and Iran met.", "US", "US"),
    ("acronym as written (trap)", "Tell us what you know.", "us", ""),
    ("long acronym as a word", "Nato said it would meet.", "Nato", "org:nato"),
    ("long acronym as a word (trap)", "Who said it?", "Who", ""),
    ("dotted acronym before a comma", "The U.S, China and Iran met.", "U.S", "US"),
    ("capitalised name (trap)", "We ate turkey for dinner.", "turkey", ""),
    ("a name's later words as written", "The Iraqi Army retook the town.", "Iraqi Army", "org:iraqi-armed-forces"),
    ("a name's later words as written (trap)", "Former Iraqi army officers trained them.", "Iraqi", "IQ"),
    # entities of one name: the better supported, then the more prominent; minor ones need support
    ("a city-state is its country", "Protests spread in Hong Kong.", "Hong Kong", "HK"),
    ("a minor place with its country named", "Police in Mubi, Nigeria, said the town was quiet.", "Mubi",
     "city:mubi"),
    ("a minor place with nothing to support it (trap)", "Nelson said the vote was close.", "Nelson", ""),
    ("a minor city with its state named", "Police in Providence, Rhode Island, said the port was closed.",
     "Providence", "city:providence"),
    ("a pronoun names no country (trap)", "Tell us what happened in Providence last night.", "Providence", ""),
    ("country named in the text picks the homonym", "Atlanta police said Georgia would recount. The U.S. vote "
     "was close.", "Georgia", "region:us-ga"),
    ("country named in the text picks the homonym (trap)", "Tbilisi said Georgia would join the talks.",
     "Georgia", "GE"),
    # surnames: a whole name, after a title or for a world figure
    ("a world figure's surname", "Putin said the talks went well.", "Putin", "person:vladimir-putin"),
    ("a surname after an office title", "President Macron spoke in Paris.", "Macron", "person:emmanuel-macron"),
    ("a surname inside a longer name (trap)", "President Franklin D. Roosevelt spoke.", "Franklin", ""),
    # within one text, both ways, linked or not at all
    ("a surname before the full name", "Lavrov said so. Sergei Lavrov is Russia's foreign minister.", "Lavrov",
     "person:sergey-lavrov"),
    ("a surname of a person the text names in full, not the listed one (trap)",
     "David Haines was killed. Mrs Haines said Haines loved his work.", "Haines", ""),
    # possessives that lost their apostrophe
    ("a possessive without its apostrophe", "Obamas plan failed in Congress.", "Obamas", "person:barack-obama"),
    ("a plural after 'two' (trap)", "Today we have two Koreas.", "Koreas", ""),
    # names that hold a place or person are not that place or person
    ("a body named after a place", "The Syrian Observatory for Human Rights counted 40 dead.",
     "Syrian Observatory for Human Rights", "org:syrian-observatory-for-human-rights"),
    ("a team named after a city (trap)", "The Houston Texans won their last game against the Colts.", "Houston", ""),
    ("a university named after a person (trap)", "Trump University was sued in 2013.", "Trump", ""),
    ("a person's administration", "The Trump administration imposed tariffs.", "Trump", "person:donald-trump"),
    ("a school district named after a city (trap)", "Milwaukee Public Schools laid off 500 teachers.",
     "Milwaukee", ""),
    ("a city before a title", "Baku Mayor Eldar Azizov spoke.", "Baku", "city:baku"),
    ("the 'of' part of a longer name (trap)", "A spokesman for the Roman Catholic Archdiocese of Boston declined to "
     "comment on the report.", "Boston", ""),
    ("a person and where she is from", "Rep. Sheila Jackson Lee of Texas said the bill would fail in the House.",
     "Texas", "region:us-tx"),
    ("a title before 'of'", "The President of Russia arrived in Baku on Monday for talks.", "Russia", "RU"),
    ("a demonym for a people (trap)", "Kurdish fighters held the line.", "Kurdish", ""),
    # spelling variants: only of world-known entities
    ("a spelling variant of a world figure", "Volodymir Zelensky spoke.", "Volodymir Zelensky",
     "person:volodymyr-zelensky"),
    ("a spelling variant of a town (trap)", "Trenton officials met on Monday.", "Trenton", ""),
    # a name a context rule may send elsewhere is no evidence of its own country
    ("a context-ruled name names no country", "U.S. Rep. Tom Price of Georgia voted against the bill.", "Georgia",
     "region:us-ga"),
    ("a context-ruled name names no country (trap)", "Georgia and Armenia signed a border deal in Tbilisi.",
     "Georgia", "GE"),
    # a person's label on a word no listed person bears is no proof of a person
    ("an organisation the base model calls a person", "She has 40,000 followers on Twitter, the Washington "
     "journalist said.", "Twitter", "org:x"),
    ("a listed person's surname the base model calls a person (trap)", "Ford said the plan would work.", "Ford", ""),
    # a short name of an organisation the text names in full
    ("the head word of an organisation named in full", "The International Monetary Fund cut its forecast. The "
     "Fund said growth would slow.", "The Fund", "org:international-monetary-fund"),
    ("the head word of two organisations named in full (trap)", "The Republican Party and the Democratic Party met. "
     "The Party said nothing.", "The Party", ""),
    ("the head word compounded to another name (trap)", "The International Monetary Fund cut its forecast. The "
     "Fund Manager said growth would slow.", "Fund Manager", ""),
    # a place of an organisation's own country before its name: a branch, neither the place nor the body
    ("a national party", "The Democratic Party endorsed her on Monday.", "Democratic Party",
     "org:democratic-party"),
    ("a state branch of a national party (trap)", "The Ohio Democratic Party endorsed her on Monday.",
     "Ohio Democratic Party", ""),
    # a place that only modifies a longer name ("nmod" as well as "compound")
    ("a country before a plural noun", "U.S. troops left the base in 2021.", "U.S.", "US"),
    ("a country heading a longer name (trap)", "The U.S. Fish and Wildlife Service listed the bird.", "U.S.", ""),
    # a closing bracket run into the next word ("(FBI)the") is split from it
    ("an acronym in brackets run into the next word", "The report by the Central Intelligence Agency (CIA)found no "
     "link.", "CIA", "org:central-intelligence-agency"),
    ("a name in brackets run into the next word (trap)", "They said (Trump University)was a fraud.", "Trump", ""),
    # a noun of a kind of place beside the name: supports a place of that kind, rules out one of the other kind
    ("a town so named, its country named in the text", "Militants took control of Mubi, a town of 200,000 people. "
     "Nigeria's army said it would retake it.", "Mubi", "city:mubi"),
    ("a province named like a city (trap)", "Fighting spread to the provinces of Aleppo and Idlib on Sunday.",
     "Aleppo", ""),
    # a person's administration, written as a name
    ("a person's Administration", "It is far above what the Obama Administration promised.", "Obama",
     "person:barack-obama"),
    ("a country's Government is a body (trap)", "The Russian Government said it would respond.", "Russian",
     "org:government-of-russia"),
    # a short statement full of names is no headline: the names in it are read as names
    ("a newspaper named after a city in a statement (trap)", "Says Tom Jones is endorsed by the Dallas "
     "Morning-Star.", "Dallas", ""),
    ("a city in a headline", "Dallas Police Arrest Two Men After Shooting", "Dallas", "city:dallas"),
]


def _ids_over(df, text: str, mention: str) -> list[str]:
    start = text.index(mention)
    end = start + len(mention)
    over = df[(df["start_char"] < end) & (df["end_char"] > start)]
    return [i for i in over["entity_id"] if i]


@pytest.mark.parametrize("rule,text,mention,entity_id", CASES, ids=[c[0] for c in CASES])
def test_linking_rule(nlp, rule, text, mention, entity_id):
    df = analyzer.entities(text, nlp=nlp)
    ids = _ids_over(df, text, mention)
    assert ids == ([entity_id] if entity_id else []), df.to_string()


def test_no_half_links(nlp):
    """A mention is linked (canonical name and id) or not at all; an unlinked surname gets the full name the text
    gives it as its `name`."""
    text = "Arslan Kemalov, the deputy minister, arrived. Kemalov said talks with Putin went well."
    df = analyzer.entities(text, nlp=nlp)
    assert ((df["canonical"] != "") == (df["entity_id"] != "")).all(), df.to_string()
    assert df.loc[df["text"] == "Kemalov", "name"].tolist() == ["Arslan Kemalov"]


def test_one_name_kept_whole_throughout_a_text(nlp):
    """A name of several words kept whole in the body is kept whole in the headline too, where capitals hide it."""
    text = "Apple Watch Release Date Set\n\nThe Apple Watch will cost $349, the company said."
    df = analyzer.entities(text, nlp=nlp)
    assert _ids_over(df, text, "Apple Watch") == [], df.to_string()


def test_names_kept_whole_never_overlap(nlp):
    """Two names kept whole that share a word ("Houston Texans", "Texans of Texas") make no overlapping spans where
    the text repeats them (a 1,000 KB text of such names once stopped with spaCy's E1010)."""
    from spacy.tokens import Span

    from analyzer.tree import indexed

    stage = nlp.get_pipe("geo_entities")
    doc = nlp.make_doc("Houston Texans of Texas won. Then Houston Texans of Texas lost.")
    for _, proc in nlp.pipeline[:nlp.pipe_names.index("geo_entities")]:
        doc = proc(doc)
    with indexed(doc):
        stage._blocked = [(0, 2), (1, 4)]  # as `_part_of_name` records them
        later = [Span(doc, 7, 8, label="GPE", kb_id="city:houston"),
                 Span(doc, 10, 11, label="GPE", kb_id="region:us-tx")]
        ents = stage._consistent_bodies(doc, later)
    doc.ents = ents  # spaCy refuses overlapping spans
    assert [(e.text, e.kb_id_) for e in doc.ents][0] == ("Houston Texans", "")  # the city inside is no link
