"""Speaker and modality of news sentences, table-driven: every attribution rule with a case it must
apply to (+) and one it must leave alone (-).

``CLAIMS`` are read with ``analyzer.analyze``: each sentence carries a number, and every claim row of
the sentence must have the expected speaker and modality. ``TEXTS`` are read with ``analyzer.assess``,
one attribution per whole text. The speaker is the canonical name of a linked entity, else the noun
phrase that names it (without its determiner: 'ministry spokesman'), else ``author``.
"""
from __future__ import annotations

import pytest

import analyzer


def parse_limit(text: str, speaker: str, modality: str, reason: str):
    """A row the small model's parse makes impossible: it must fail, for ``reason``."""
    return pytest.param(text, speaker, modality, marks=pytest.mark.xfail(strict=True, reason=reason))


CLAIMS = [
    # text, speaker, modality
    # --- reporting verbs: their subject is the speaker
    ("Russian President Vladimir Putin said trade with Azerbaijan grew by 15% last year.",  # + say
     "Vladimir Putin", "reported"),
    ("Erdogan told reporters that Turkey hosts 3.5 million Syrian refugees.",  # + tell
     "Recep Tayyip Erdoğan", "reported"),
    ("The Kremlin stated that 300,000 reservists had been called up.", "Kremlin", "reported"),  # + state
    ("Ilham Aliyev emphasized that Azerbaijan supplied 12 billion cubic metres of gas to Europe in 2023.",
     "Ilham Aliyev", "reported"),  # + emphasize
    ("The World Bank highlighted that remittances equal 48% of Tajikistan's GDP.",  # + highlight
     "World Bank", "reported"),
    ("The ministry noted that wheat exports rose to 47 million tonnes.", "ministry", "reported"),  # + note
    ("Olaf Scholz stressed that Germany had delivered 5,000 helmets to Ukraine.",  # + stress
     "Olaf Scholz", "reported"),
    ("Moscow claims its forces destroyed 20 Leopard tanks near Avdiivka.", "Moscow", "reported"),  # + claim
    ("Saudi Aramco announced a dividend of $20 billion for the first quarter.",  # + announce
     "Saudi Aramco", "reported"),
    ("The United Nations warned that 25 million people face hunger in Sudan.",  # + warn
     "United Nations", "reported"),
    ("A ministry spokesman insisted that the budget deficit stayed below 3% of GDP.",  # + insist
     "ministry spokesman", "reported"),
    ("The state spent $3 billion on the new port.", "author", "asserted"),  # - 'state' as a noun
    ("Insurance claims rose 12% after the floods.", "author", "asserted"),  # - 'claims' as a noun
    ("Investors bought $2 billion of Turkish government notes.", "author", "asserted"),  # - 'notes'
    ("The highlight of the forum was a $15 billion deal with Qatar.", "author", "asserted"),  # - 'highlight'
    ("Twelve banks failed the stress test.", "author", "asserted"),  # - 'stress'
    ("Despite warnings from the IMF, Egypt borrowed $3 billion.", "author", "asserted"),  # - 'warnings'
    # --- according to X
    ("According to the International Energy Agency, global oil demand rose by 2.2 million barrels a day "
     "in 2023.", "International Energy Agency", "reported"),  # +
    ("Ukraine's grain exports fell 20% in March, according to data from the agriculture ministry.",
     "agriculture ministry", "reported"),  # + the source of the data
    ("Deliveries of 20 Airbus jets to Air India went ahead according to schedule.",  # - a schedule says nothing
     "author", "asserted"),
    # --- X's statement, X's figures
    ("According to the ministry's statement, exports rose 8% in the first half.", "ministry", "reported"),  # +
    ("Putin's statement that trade reached $4 billion drew applause in Baku.", "Vladimir Putin", "reported"),  # +
    ("Rosstat's figures show that inflation reached 7.4% in December.", "Rosstat", "reported"),  # +
    ("Gazprom's revenue fell 41% in 2023.", "author", "asserted"),  # - a possessor of no statement
    # --- direct quotes
    ('"Our trade turnover reached $4 billion last year," Putin said.', "Vladimir Putin", "reported"),  # +
    ('"Exports grew by 20% in the first quarter," said Aliyev.', "Ilham Aliyev", "reported"),  # + inverted
    ('"Trade reached $4 billion last year. We are proud of that," Putin said.',  # + over two sentences
     "Vladimir Putin", "reported"),
    ('Putin said: "We are proud. Trade reached $4 billion last year."',  # + the speaker before the quote
     "Vladimir Putin", "reported"),
    ('"We will not give up," Zelensky said. Russia launched 40 drones overnight.',  # - the quote is closed
     "author", "asserted"),
    ('The so-called "shadow fleet" carried 1.7 million barrels of Russian crude a day.',  # - scare quotes
     "author", "asserted"),
    # --- indirect speech, and claims inside the clause a reporting verb governs
    ("The finance minister said that the economy had grown 3.6% in 2023.", "finance minister", "reported"),  # +
    ("Officials in Kyiv said 12 people were killed in the strike.", "officials in Kyiv", "reported"),  # +
    ("Zelensky said that Russia had launched 40 missiles, which killed 12 people.",  # + in a relative clause
     "Volodymyr Zelensky", "reported"),
    ("The ministry said exports rose 5%, and imports fell 3%.", "ministry", "reported"),  # + both clauses
    ("The finance minister visited five refineries in Texas.", "author", "asserted"),  # - no reporting verb
    ("After Putin said the talks were useful, Russia cut gas supplies by 30%.",  # - the verb governs another clause
     "author", "asserted"),
    ("Officials warned of fake news, but turnout reached 67%.", "author", "asserted"),  # - a clause of its own
    # --- nested reporting: the innermost speaker
    ("Reuters reported that the energy minister said oil output fell by 500,000 barrels a day.",  # +
     "energy minister", "reported"),
    ("Reuters reported that the ministry's oil output fell by 500,000 barrels a day.",  # - no inner speaker
     "Reuters", "reported"),
    # --- 'said' inside a quoted passage
    ('"Trade reached $4 billion last year," Putin said, "and investment grew by 20%."',  # + quote resumes
     "Vladimir Putin", "reported"),
    ('"As I said, trade reached $4 billion," Putin told reporters.', "Vladimir Putin", "reported"),  # + 'I said'
    ('"The minister said that exports fell by 5%," the opposition leader told reporters.',  # - a named speaker
     "minister", "reported"),
    # --- 'will' as a noun, 'May' as the month
    ("The will of the people, expressed by 70% of voters, must be respected.", "author", "asserted"),  # -
    ("Political will to cut emissions by 55% is lacking.", "author", "asserted"),  # -
    ("Turkey will buy 40 F-16 fighter jets from the United States.", "author", "projected"),  # + will
    ("Exports rose 12% in May.", "author", "asserted"),  # - the month
    ("Exports may rise 4% in May.", "author", "hedged"),  # + may
    # --- hedges
    ("The sanctions might cut Russia's oil revenue by 20%.", "author", "hedged"),
    ("The project could create 4,000 jobs in the region.", "author", "hedged"),
    ("The offshore field potentially holds 1.3 billion barrels of oil.", "author", "hedged"),
    ("Losses possibly exceed $5 billion.", "author", "hedged"),
    ("North Korea has reportedly shipped 1 million artillery shells to Russia.", "author", "hedged"),
    ("Iran has reportedly sold 50 drones to Russia, the Wall Street Journal said.",  # + hedged beats reported
     "Wall Street Journal", "hedged"),
    ("The company allegedly evaded $300 million in taxes.", "author", "hedged"),
    ("The oligarch is said to own 30% of the bank.", "author", "hedged"),  # + is said to
    ("The oligarch said he owns 30% of the bank.", "oligarch", "reported"),  # - 'said' active
    ("The ministry reported a 5% rise in gas exports.", "ministry", "reported"),  # - 'reported', not 'reportedly'
    # --- projections
    ("India plans to raise coal output to 1.5 billion tonnes by 2030.", "author", "projected"),
    ("The central bank expects inflation to slow to 4% next year.", "central bank", "projected"),
    ("The IMF forecasts global growth of 3.2% for 2025.", "International Monetary Fund", "projected"),
    ("The IMF's forecast of 3.2% growth for 2025 was cut.", "International Monetary Fund", "projected"),
    ("Egypt targets $100 billion in annual exports.", "author", "projected"),
    ("Kazakhstan aims to double non-oil exports to $41 billion.", "author", "projected"),
    ("Egypt hopes to attract $10 billion in investment.", "author", "projected"),  # 'hopes' lemmatised 'hop'
    ("Gazprom is set to ship 38 billion cubic metres of gas to China.", "author", "projected"),
    ("Tokayev said that Kazakhstan would export 1 million tonnes of grain to Afghanistan.",  # + reported 'will'
     "Kassym-Jomart Tokayev", "projected"),
    ("Without sanctions, exports would have reached $50 billion.", "author", "asserted"),  # - no report, 'have'
    ("Ukrainian drones targeted 3 refineries in the Samara region.", "author", "asserted"),  # - an attack
    ("Exports rose 5%, more than analysts had expected.", "author", "asserted"),  # - expectation elsewhere
    ("The refinery processed 5 million tonnes of crude.", "author", "asserted"),  # - past fact
    parse_limit("The IMF forecast global growth of 3.2% for 2025.", "International Monetary Fund", "projected",
                "the small model tags 'forecast' as a noun and reads 'The IMF forecast global growth' as one "
                "noun phrase (ROOT 'growth'): there is no verb to project the claim and no subject to speak"),
    # --- reported: a speaker other than the author
    ("Putin visited 3 factories in Tula.", "author", "asserted"),  # - a named subject that says nothing
    # --- denials
    ("Exports to China did not reach $10 billion.", "author", "denied"),  # + negation
    ("Russia has never supplied more than 40% of China's oil imports.", "author", "denied"),  # + never
    ("The Kremlin denied that 500 soldiers had died in the attack.", "Kremlin", "denied"),  # + deny
    ("Kyiv rejected claims that 10,000 troops had surrendered.", "Kyiv", "denied"),  # + reject
    ("The report that 10,000 troops had surrendered was rejected by Kyiv.", "Kyiv", "denied"),  # + passive
    ("Ukraine disputed Russia's claim that 300 soldiers had been killed.", "Russia", "denied"),  # + above speaker
    ("The claim that the vaccine killed 10,000 people has been debunked.", "author", "denied"),  # + debunked
    ("Reports that Putin owns a $1 billion palace are a hoax.", "author", "denied"),  # + hoax
    ("Russia's claim that 300 Ukrainian soldiers had surrendered is false.", "Russia", "denied"),  # + false
    ("The ministry did not deny that 2,000 soldiers had died.", "ministry", "reported"),  # - did not deny
    ("The ministry never denied that 2,000 soldiers had died.", "ministry", "reported"),  # - never denied
    ("No more than 200 troops remain at the base.", "author", "asserted"),  # - 'no more than' is a bound
    ("Exports rose 5%, although imports did not grow.", "author", "asserted"),  # - negation in another clause
    ("Police arrested 12 people for spreading false reports.", "author", "asserted"),  # - 'false' elsewhere
    parse_limit("Officials dismissed as false reports that 1,000 workers had been laid off.", "officials",
                "denied", "the small model attaches 'reports' as the object of 'as' (with 'false' its adjective), "
                "so the claim reaches 'dismissed' through a preposition, not as its object"),
]

TEXTS = [
    # text, speaker, modality of the whole text
    ("Putin said the economy grew.", "Vladimir Putin", "reported"),
    ("According to the Kremlin, the talks were productive.", "Kremlin", "reported"),
    ("Talks proceeded according to schedule.", "author", "asserted"),
    ("Rosstat's figures show that inflation slowed.", "Rosstat", "reported"),
    ("Reuters reported that the minister said the talks had failed.", "Reuters", "reported"),
    ("The will of the people must prevail.", "author", "asserted"),
    ("The minister may resign in May.", "author", "hedged"),
    ("The minister resigned in May.", "author", "asserted"),
    ("The president is said to be unwell.", "author", "hedged"),
    ("Kazakhstan plans to build a nuclear plant.", "author", "projected"),
    ("The Kremlin denied the report.", "Kremlin", "denied"),
    ("The ministry did not deny the reports.", "ministry", "reported"),
    ("Claims that the pipeline was sabotaged are false.", "author", "denied"),
    ("The pipeline was sabotaged.", "author", "asserted"),
    ("No more than 200 troops remain at the base.", "author", "asserted"),  # a bound, no negation
]


@pytest.mark.parametrize("text, speaker, modality", CLAIMS)
def test_claim_speaker_and_modality(nlp, text, speaker, modality):
    table = analyzer.analyze(text, nlp=nlp)
    assert len(table), "no claim found"
    got = sorted(set(zip(table["speaker"], table["modality"], strict=True)))
    assert got == [(speaker, modality)], list(table["text"])


@pytest.mark.parametrize("text, speaker, modality", TEXTS)
def test_text_speaker_and_modality(nlp, text, speaker, modality):
    row = analyzer.assess([text], nlp=nlp).iloc[0]
    assert (row["speaker"], row["modality"]) == (speaker, modality)
