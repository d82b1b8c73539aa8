"""Each attribution route, on invented news sentences, through the real stanza pipeline."""


import pytest


def only(mentions, text_start):
    found = [m for m in mentions if m.span.text.startswith(text_start)]
    assert len(found) == 1, [m.span.text for m in mentions]
    return found[0]


# (the text, how the quote starts, who said it, the route that found them, or None where any route will do)
ROUTES = {
    "colon": ('Mayor Lucia Ferreira said: "The new park will open to everyone in June."',
              "The new park", "Lucia Ferreira", "colon"),
    "a name and a colon in a headline": ("Lindqvist: ‘We Will Not Sign This Deal Under Any Circumstances’",
                                         "We Will Not Sign", "Lindqvist", "colon"),
    "a surname joins the full name": ('Opposition leader Carla Mendes criticised the budget.\n\n'
                                      '"This budget abandons the poorest families," Mendes said.',
                                      "This budget", "Carla Mendes", None),
    "cue after a long appositive": ('"Nothing we can do now will change the result," Paul Ingram, director of the '
                                    'Election Project at the independent Civic Institute, said in an interview.',
                                    "Nothing we can do", "Paul Ingram", "cue-after"),
    "cue after the next sentence break": ('"This plan is the best we have ever had!!!" Halvorsen wrote in an email to '
                                          'staff.', "This plan", "Halvorsen", "cue-after"),
    "cue after an appositive with a relative clause": ('"I do not believe in these rules," Marta Ek, who has not endorsed '
                                                       'anyone, told reporters in Oslo.',
                                                       "I do not believe", "Marta Ek", "cue-after"),
    "a quote after a sentence of reported speech": ('Ola Brenna, the spokeswoman for the state party, said in a statement. '
                                                    '"There are no paper ballots left to count, and the result stands."',
                                                    "There are no paper", "Ola Brenna", "cue-sentence"),
    # not "the mayor", the subject of what she said
    "a short quote of its own after reported speech": ('Dana Whitfield, a blogger in Tulsa, said she will not vote for the '
                                                       'mayor. Also, the mayor is not a reformer, she said. '
                                                       '"She\'s a fraud!"', "She's a fraud", "Dana Whitfield", None),
    "a fragment in a relative clause belongs to the antecedent": ('Mayor Lena Dahl, who calls herself the "people\'s '
                                                                  'engineer," has opened the new bridge.',
                                                                  "people", "Lena Dahl", None),
    "a capitalised proper noun is no speech verb": ('"We did it," former State policy director Ana Ruiz wrote to the '
                                                    'minister.', "We did it", "Ana Ruiz", None),
    # cue patterns common in news
    "a statement issued, the quote in the next sentence": ('The city manager, Tom Bly, issued a statement. "The budget '
                                                          'is balanced and the audit is clean."', "The budget", "Tom Bly",
                                                          "cue-sentence"),
    "in the words of": ('In the words of Senator Ann Pike, "This is a bill for nobody."', "This is a bill", "Ann Pike",
                        "according-to"),
    "a paragraph ending in a cue and a colon": ('Council member Rita Vance stated:\n\n"We will vote against it at every '
                                               'stage."', "We will vote", "Rita Vance", "colon-paragraph"),
    "and from a name and a colon": ('And from Governor Paul Dorn: "The state will not bail out the city."',
                                    "The state will not", "Paul Dorn", None),
    "as a name told a paper": ('Rita Vance sat on the council. As Vance told the Tribune, "Nobody reads these reports."',
                               "Nobody reads", "Rita Vance", None),
    "a title heading a long subject gives way to the name that ends it": (
        'Acme Radio Vice President for news and talk Jane Roe called the show "the best program on air."',
        "the best program", "Jane Roe", None),
    "the owner of a named document": ('Senator Ann Pike has left the race.\n\n'
                                      'From Pike\'s Facebook post: "We must move past the anger of this campaign."',
                                      "We must move", "Ann Pike", None),
    "a participle after while is the main speaker's": (
        'In an interview, Senator Ann Pike insisted it was "too early" to back the governor\'s plan for the port '
        'while adding on trade matters, "I have no doubt the plan is sound."', "I have no doubt", "Ann Pike", None),
}


@pytest.mark.parametrize("text, quote, speaker, route", ROUTES.values(), ids=ROUTES.keys())
def test_each_route_finds_the_speaker(quotes_of, text, quote, speaker, route):
    m = only(quotes_of(text), quote)
    assert m.speaker is not None and m.speaker.name == speaker
    if route is not None:
        assert m.attribution.route == route and m.attribution.method == route


def test_cue_after_with_inverted_titled_speaker(quotes_of):
    ms = quotes_of('"The bridge will reopen in March," said Dr. Amara Okafor, the city engineer.')
    m = only(ms, "The bridge")
    assert m.speaker.name == "Amara Okafor"
    assert m.speaker.kind == "person"
    assert m.attribution.cue == "said"
    assert m.attribution.method == "cue-after"


def test_cue_after_with_descriptive_speaker_before_the_verb(quotes_of):
    ms = quotes_of('"We are not going back to work until the contract is signed," union chief Tomas Lindqvist told reporters.')
    m = only(ms, "We are not")
    assert m.speaker.name == "Tomas Lindqvist"
    assert "union chief" in (m.speaker.description or "")
    assert m.attribution.speaker_text == "union chief Tomas Lindqvist"


def test_speaker_offsets_point_at_the_printed_mention(quotes_of, parse):
    text = '"Prices will fall next year," said Governor Helen Marsh.'
    ms = quotes_of(text)
    a = ms[0].attribution
    assert text[a.speaker_start:a.speaker_end] == a.speaker_text == "Governor Helen Marsh"
    assert text[ms[0].span.start:ms[0].span.end] == "Prices will fall next year,"


def test_pronoun_refers_back_to_the_last_named_speaker(quotes_of):
    text = ('Health minister Rajesh Varma visited the hospital on Monday.\n\n'
            'He told staff: "Your work this winter has saved many lives."')
    m = only(quotes_of(text), "Your work")
    assert m.attribution.speaker_text == "He"
    assert m.speaker.name == "Rajesh Varma"
    assert "pronoun" in m.attribution.method


def test_title_only_description_resolves_to_the_named_person(quotes_of):
    text = ('Fire brigade commander Ingrid Solberg arrived at the scene before dawn.\n\n'
            '"Nobody was hurt, and the building is now safe," the fire brigade commander told reporters.')
    m = only(quotes_of(text), "Nobody was hurt")
    assert m.speaker.name == "Ingrid Solberg"
    assert "+role" in m.attribution.method
    assert m.attribution.speaker_text == "the fire brigade commander"


def test_split_quote_keeps_its_speaker(quotes_of):
    text = '"We lost everything," said Paolo, a shopkeeper. "But we will open again next week."'
    ms = quotes_of(text)
    assert [m.speaker.name for m in ms] == ["Paolo", "Paolo"]
    assert ms[1].attribution.method == "previous-quote"


def test_according_to(quotes_of):
    ms = quotes_of('The factory will close in May, according to a statement from Norvik Steel, "with deep regret for our workers."')
    m = only(ms, "with deep regret")
    assert m.attribution.cue == "according to"
    assert "Norvik Steel" in m.speaker.name


def test_group_speaker_with_participle(quotes_of):
    ms = quotes_of('Thousands of farmers marched through the capital, chanting "No farms, no food".')
    m = only(ms, "No farms")
    assert m.speaker.kind == "group"
    assert m.speaker.name == "farmers"


def test_noun_cue_points_at_the_crowd(quotes_of):
    text = ('A large crowd gathered outside the stadium on Saturday.\n\n'
            'The coach waved, drawing chants of "one more year" from the stands.')
    m = only(quotes_of(text), "one more year")
    assert m.attribution.method == "noun-cue"
    assert m.speaker.kind == "group" and m.speaker.name.endswith("crowd")


def test_organization_speaker(quotes_of):
    ms = quotes_of('The health ministry said the outbreak was "under control".')
    m = only(ms, "under control")
    assert m.speaker.kind == "organization"
    assert m.speaker.name == "health ministry"


def test_document_speaker(quotes_of):
    ms = quotes_of('The leaked memo said managers should "avoid any public comment".')
    m = only(ms, "avoid any public comment")
    assert m.speaker.kind == "document"
    assert m.speaker.name.endswith("memo")


def test_relative_pronoun_speaker_is_its_antecedent(quotes_of):
    ms = quotes_of('The plan was welcomed by Norway, which said it would "support the effort fully".')
    m = only(ms, "support the effort")
    assert m.speaker.name == "Norway"
    # "which" is the printed mention, like "he" in "he said"; Norway is what it refers to
    assert m.attribution.speaker_text == "which" and m.attribution.referent_text == "Norway"
    assert m.attribution.method == "cue-before+relative"
    assert "which" not in m.speaker.aliases


def test_quote_with_no_cue_and_no_subject_has_no_speaker(quotes_of):
    ms = quotes_of('"Enough."')
    assert ms[0].speaker is None
    assert ms[0].attribution.method == "none"


def test_block_quote_after_a_paragraph_ending_in_a_colon(quotes_of):
    text = ('At the town meeting, retired teacher Olga Brandt told the council:\n\n'
            '"Our school buses are older than our students, and that has to change."\n\n'
            '"We have waited for ten years."')
    ms = quotes_of(text)
    assert [m.speaker.name for m in ms] == ["Olga Brandt", "Olga Brandt"]
    assert ms[0].attribution.method == "colon-paragraph"
    assert ms[1].attribution.method == "previous-quote"


def test_speech_verb_forms_count_even_when_tagged_as_nouns(quotes_of):
    ms = quotes_of('But after the vote, Okafor says he is "ready for a long fight" with the council.')
    assert only(ms, "ready for").speaker.name == "Okafor"
    ms = quotes_of('"The delays stem from two problems," writes columnist Nadia Berg.')
    assert only(ms, "The delays").speaker.name == "Nadia Berg"


def test_participle_after_a_comma_takes_the_main_subject(quotes_of):
    text = 'The senator tried to calm the hall, saying the heckler would "not be harmed" at the rally.'
    m = only(quotes_of(text), "not be harmed")
    assert m.attribution.speaker_text == "The senator"


def test_cue_after_a_noun_the_tagger_calls_an_adjective(quotes_of):
    m = only(quotes_of('The county has shown "a pattern of neglect that harms voters," the complaint says.'), "a pattern")
    assert m.attribution.speaker_text == "the complaint" and m.speaker.kind == "document"


def test_fragment_without_a_cue_belongs_to_its_sentence_subject(quotes_of):
    text = ('"We will appeal," said lawyer Ana Ruiz. The minister, Karl Holm, described the ruling as '
            '"a serious setback" for the government.')
    ms = quotes_of(text)
    assert only(ms, "We will appeal").speaker.name == "Ana Ruiz"
    assert only(ms, "a serious setback").speaker.name == "Karl Holm"


def test_doubled_apostrophe_marks_do_not_hide_the_cue(quotes_of):
    m = only(quotes_of("''It has worked very well for us,'' said Rita Holm, the campaign's policy adviser."), "It has worked")
    assert m.speaker.name == "Rita Holm" and m.attribution.method == "cue-after"
    text = "As Jonas Berg, an expert on trade at the Nordic Institute, noted, ''Everyone is waiting for the vote.''"
    assert only(quotes_of(text), "Everyone is waiting").speaker.name == "Jonas Berg"


def test_cue_after_stops_at_the_end_of_the_paragraph(quotes_of):
    text = ('"They sue," he said. "Everybody sues, right?"\n\n'
            'Anna Berg claimed that she would win.')
    m = only(quotes_of(text), "Everybody sues")
    assert m.attribution.speaker_text == "he" and m.attribution.method.startswith("previous-quote")
    assert m.speaker is None  # "he" names nobody the article introduced


def test_adding_takes_the_speaker_of_the_verb_it_follows(quotes_of):
    text = 'The two leaders will meet next week, Ola Strand said, adding, "They need to sit down and have a good talk."'
    assert only(quotes_of(text), "They need").speaker.name == "Ola Strand"
    text = ('In March, Ms. Varga told investors that worries about the mill were "overblown," '
            'adding that the company had "plenty of room to grow."')
    assert only(quotes_of(text), "plenty of room").speaker.name == "Varga"


def test_party_and_state_in_brackets_belong_to_the_name(quotes_of):
    text = 'Sen. Jack Ellery (D-Ore.) said the plan was "a good starting point for the talks."'
    m = only(quotes_of(text), "a good starting")
    assert m.attribution.speaker_text == "Sen. Jack Ellery (D-Ore.)"
    assert m.speaker.name == "Jack Ellery"


def test_asides_between_subject_and_cue(quotes_of):
    ms = quotes_of('Jonas Eide \u2014 a farmer from Voss \u2014 says the endorsement was "a big deal."')
    m = only(ms, "a big deal")
    assert m.speaker.name == "Jonas Eide" and m.attribution.method == "cue-before"
    ms = quotes_of('Judge Omar Falk, writing for the majority, said the early voting period "is generous enough."')
    assert only(ms, "is generous").speaker.name == "Omar Falk"
    ms = quotes_of('Mayor Rita Sand, who has been feuding with the council, on Friday described the plan as '
                   '"a waste of time."')
    assert only(ms, "a waste of time").speaker.name == "Rita Sand"


def test_speech_verbs_of_several_words(quotes_of):
    m = only(quotes_of('Asked about the delay, Mr. Brandt shot back: "That would be your problem."'), "That would be")
    assert m.speaker.name == "Brandt" and m.attribution.cue == "shot"
    m = only(quotes_of('As the historian Karin Moe put it, "Every election is a story about money."'), "Every election")
    assert m.speaker.name == "Karin Moe"


def test_participle_after_a_quote_ending_in_a_comma(quotes_of):
    text = ('In October, Ms. Lind, who made a fortune on a bet against banks, told investors that concerns about '
            'drug makers like Norvex were "overblown," adding that Norvex had "significant upside."')
    ms = quotes_of(text)
    assert [only(ms, q).speaker.name for q in ("overblown", "significant upside")] == ["Lind", "Lind"]


def test_second_participle_after_and_has_the_first_ones_speaker(quotes_of):
    text = ('Mr. Okoro went after the mayor on Wednesday over his refusal so far to release his diary, calling it '
            '"disqualifying" and asserting that the only explanation must be "a scandal of unusual size."')
    m = only(quotes_of(text), "a scandal")
    assert m.speaker.name == "Okoro" and m.attribution.method == "cue-before"


def test_a_document_that_reads(quotes_of):
    m = only(quotes_of('"Please stop at the gate," the notice read.'), "Please stop")
    assert m.attribution.speaker_text == "the notice" and m.speaker.kind == "document"


def test_a_name_tagged_as_a_verb_still_names_the_speaker(retagged):
    """The tagger sometimes calls a surname in -ing a verb ("Ebeling said"); a capitalised word the
    entity recogniser marks as a person stays in the speaker's phrase."""
    from quotes.article.attribution import attribute
    from quotes.article.marks import find_quotes

    text = '"We live in Chicago," Ebeling said.'
    parsed = retagged(text, Ebeling={"upos": "VERB", "xpos": "VBG", "ner": "PERSON"})
    spans, _ = find_quotes(text)
    [att] = attribute(parsed, spans)
    assert att.speaker_text == "Ebeling" and att.method == "cue-after"


def test_a_closing_quote_mark_tagged_as_a_preposition_is_no_preposition(retagged):
    """The tagger sometimes reads a closing ’ as a possessive or preposition; the phrase after it is still
    the subject of the cue ('…,’ the port director told dockers)."""
    from quotes.article.attribution import attribute
    from quotes.article.marks import find_quotes

    text = "‘The cranes stay idle until the talks end,’ the port director told dockers today."
    parsed = retagged(text, **{"’": {"upos": "ADP", "xpos": "IN"}})
    spans, _ = find_quotes(text)
    [att] = attribute(parsed, spans)
    assert att.speaker_text == "the port director"


def test_a_crowd_after_a_determiner_is_a_crowd_whatever_its_tag(retagged):
    """Chants go to the nearest crowd before them, even when the tagger calls "crowd" a verb."""
    from quotes.article.attribution import attribute
    from quotes.article.marks import find_quotes

    text = ("The mayor spoke before a crowd of farmers in the square.\n\n"
            '"We will not give up the land," she said, drawing the cries of "no retreat".')
    parsed = retagged(text, crowd={"upos": "VERB", "xpos": "VBN"})
    spans, _ = find_quotes(text)
    atts = attribute(parsed, spans)
    assert atts[1].speaker_text == "crowd" and atts[1].method == "noun-cue"


def test_titles_names_and_terms_are_a_kind_of_their_own_with_no_speaker(quotes_of):
    ms = quotes_of('The message linked to a group called the "Open Roads Alliance." '
                   'The so-called "Clean Harbour Initiative" failed. '
                   'Ramos, who is promoting his new book, "Sin Miedo," spoke on Monday. '
                   'Trump called Clinton "a liar" on Monday. '
                   'Senator Lena Moss appeared at the "Farm Forward" summit in Des Moines on Friday. '
                   'She won 19 percent among "very liberal" voters, the count showed. '
                   'Moss keeps "The Long Harvest" on her desk. '
                   'Crowds chanted "Down With The Dam" outside. '
                   'Moss called her rival "Lazy Larry" at the rally. '
                   'Officials say the plan will stop an "unprecedented" flood.')
    for start in ("Open Roads", "Clean Harbour", "Sin Miedo", "Farm Forward", "very liberal", "The Long Harvest"):
        m = only(ms, start)
        assert m.span.kind == "term" and m.speaker is None and m.attribution.method == "name", start
    assert only(ms, "a liar").attribution.method != "name"  # "X called Y '…'" is speech
    assert only(ms, "Down With").speaker.name == "crowds"  # chanted: said, in title case
    assert only(ms, "Lazy Larry").speaker.name == "Lena Moss"  # a nickname she gave: her words
    assert only(ms, "unprecedented").span.kind != "term"  # a modifier inside reported speech


def test_a_thing_that_is_a_sentence_subject_is_no_speaker(quotes_of):
    ms = quotes_of('The referendum results were allowed to stand, since the law included a clause "to be applied '
                   'within national law" for each case.')
    assert only(ms, "to be applied").speaker is None


def test_said_and_the_speaker_after_it(quotes_of):
    text = 'The vote signals "the end of an era" for the party, said Greta Holm, a former minister.'
    assert only(quotes_of(text), "the end of").speaker.name == "Greta Holm"
    # … unless the name starts what was said
    text = 'In an interview, Tom Reyes, a former aide, said Holm "was deeply involved in all of it."'
    assert only(quotes_of(text), "was deeply").speaker.name == "Tom Reyes"


def test_a_programme_named_after_told_or_on_is_a_title(quotes_of):
    ms = quotes_of('"We will release them next week," Pence told "Fox News Sunday." '
                   'She appeared on "Meet the Press" on Sunday.')
    assert only(ms, "Fox News Sunday").attribution.method == "name"
    assert only(ms, "Meet the Press").speaker is None
    assert only(ms, "We will release").speaker.name == "Pence"


def test_a_name_after_a_dash_and_before_the_colon_beats_the_verb_before_it(quotes_of):
    ms = quotes_of('Pollsters agree - Dana Whitfield: "Keep contacting voters as late as possible."\n\n'
                   'He told members of the council: "We will not wait."')
    assert only(ms, "Keep contacting").speaker.name == "Dana Whitfield"
    assert only(ms, "We will not wait").attribution.speaker_text == "He"  # the council is who he told


def test_a_title_after_a_work_word_and_a_slogan_on_a_sign(quotes_of):
    ms = quotes_of('He helped a journalist write a book, "Who Is Who in the Agency," that named officers. '
                   'Workers marched, carrying signs saying, "Merger today, layoffs tomorrow." '
                   'He ended with a nod to the blockbuster "Star Wars" sequel.')
    assert only(ms, "Who Is Who").attribution.method == "name"
    assert only(ms, "Star Wars").attribution.method == "name"
    assert only(ms, "Merger today").speaker is None


def test_each_speaker_link_stores_its_evidence(quotes_of):
    ms = quotes_of('Senator Lena Moss opened the hearing on Monday. "We will not wait," Moss said. '
                   '"The bill is ready," she added later. '
                   '"Nobody asked us," a clerk told reporters. '
                   'Texas Gov. Rick Amell spoke next. "The state will pay," the governor said.')
    assert only(ms, "We will not").attribution.evidence == "surname"
    assert only(ms, "The bill").attribution.evidence == "pronoun"
    assert only(ms, "Nobody asked").attribution.evidence == "description"
    governor = only(ms, "The state will")
    assert governor.attribution.evidence == "role" and governor.speaker.name == "Rick Amell"
    for m in ms:
        assert 0 < m.attribution.confidence < 1


def test_the_one_spoken_to_is_never_the_speaker(quotes_of):
    ms = quotes_of('Dan Kemp was arrested on Monday.\n\nSpeaking to Ruth Ames, the suspect said: "I will not talk."\n\n'
                   'Kemp then told Detective Ruth Ames, "I want a lawyer now."')
    assert only(ms, "I will not talk").speaker.name != "Ruth Ames"
    assert only(ms, "I want a lawyer").speaker.name == "Dan Kemp"


def test_the_verb_that_opens_a_quote_beats_the_report_after_it(quotes_of):
    ms = quotes_of('Asked about the race, Tim Vale shrugged and said, "No comment," The Daily Ledger reported.')
    assert only(ms, "No comment").speaker.name == "Tim Vale"


def test_a_place_in_the_aside_after_a_name_is_not_the_speaker(quotes_of):
    ms = quotes_of('"Both parties scare me," Harry Bond, 30, of Raleigh, N.C., who was among those polled, said on '
                   'Monday.\n\n"I like it here," Ann Lee, a teacher from Austin, Texas, said.')
    assert only(ms, "Both parties").speaker.name == "Harry Bond"
    assert only(ms, "I like it").speaker.name == "Ann Lee"


def test_a_subject_after_a_clause_opener_is_a_subject(quotes_of):
    ms = quotes_of('Nina Holt criticised the mayor. "It is misleading," Holt wrote after Mayor Dan Ruiz argued that '
                   '"every bus route will stay open."')
    assert only(ms, "every bus route").speaker.name == "Dan Ruiz"


def test_titles_of_shows_and_books_and_words_mentioned_are_terms(quotes_of):
    """A title after a broadcaster's possessive, beside a person of a work or before an appositive naming a work;
    words mentioned after "the phrase" or "terms such as" and the list they start; a label given by a rating; a term
    opening its sentence as the subject of "is"."""
    ms = quotes_of('"The plan is a fraud," Dana Pike said Sunday on KXT\'s "Morning Table." "He knows it." '
                   'Lee Moss, the author of "Rivers Of Gold," spoke next. '
                   '"Harbor Lights" star Nina Vale joined her. '
                   '"Night Watch," a KXT series, returns in May. '
                   'Officials searched for terms such as "harbor," "bridge" and "toll plan." '
                   'He used the phrase "quiet money" twice. '
                   'The files were labeled "restricted" by the agency.\n\n'
                   '"Managed retreat" is a planning term for moving homes away from the coast. '
                   '"Stop the dam," Pike added.')
    for start in ("Morning Table", "Rivers Of Gold", "Harbor Lights", "Night Watch", "harbor,", "bridge",
                  "toll plan", "quiet money", "restricted", "Managed retreat"):
        m = only(ms, start)
        assert m.span.kind == "term" and m.speaker is None, start
    # the quote after the show's title still goes on from the one before it
    assert only(ms, "He knows it").speaker.name == "Dana Pike"
    assert only(ms, "The plan is").speaker.name == "Dana Pike"
    assert only(ms, "Stop the dam").speaker.name == "Dana Pike"


def test_words_quoted_in_a_sentence_are_its_subjects_only_if_it_can_speak_and_they_are_in_its_clause(quotes_of):
    ms = quotes_of('Optimism is higher among young voters (34% "strongly agree") than among the old. '
                   'While Tom Reyes is "brand building," Ann Lowe is collecting donations. '
                   'Senator Paul Grady worried that the program was becoming "a hammock for the idle."')
    assert only(ms, "strongly agree").speaker is None  # an abstract noun says nothing
    assert only(ms, "brand building").speaker is None  # another clause's words, not Ann Lowe's
    assert only(ms, "a hammock").speaker.name == "Paul Grady"  # what he worried: his words


def test_a_cue_inside_an_aside_closed_before_the_quote_is_not_its_cue(quotes_of):
    text = 'Tom Reyes -- as the mayor noted this week -- wants the council to stop "hiding in the basement."'
    m = only(quotes_of(text), "hiding in")
    assert m.attribution.cue != "noted"
    assert m.speaker is None or m.speaker.name == "Tom Reyes"


def test_a_slogan_after_a_comma_is_a_term_and_a_language_is_no_speaker(quotes_of):
    ms = quotes_of('Supporters wore hats printed with the mayor\'s signature slogan, "Keep Harbor Town Working." '
                   'In his words, "we will never sell the port." '
                   'She ended her speech by quoting a poet in Latin: "Fortune favours the brave."')
    slogan = only(ms, "Keep Harbor")
    assert slogan.span.kind == "term" and slogan.speaker is None
    assert only(ms, "we will never").span.kind != "term"  # in his words: what he said
    latin = only(ms, "Fortune favours")
    assert latin.speaker is None or latin.speaker.name != "Latin"


def test_words_quoted_inside_someones_claim_are_that_persons(quotes_of):
    """The owner of a claim, an assertion or a comment said the words quoted in it, not the one reporting on it;
    but words after "as" are the reporter's ("denounced Roe's remarks as '…'")."""
    ms = quotes_of('Senator Ann Pike called Mayor Tom Reyes\'s assertion of a "right to rebuild" over the harbor '
                   'reckless.\n\nGovernor Rita Vance denounced Reyes\'s remarks as "hurtful and petty" on Monday.')
    assert only(ms, "right to rebuild").speaker.name == "Tom Reyes"
    assert only(ms, "hurtful").speaker.name == "Rita Vance"


def test_a_dateline_is_never_the_subject_that_speaks(quotes_of):
    """"SACRAMENTO — Sen. Ann Pike on Friday pummeled …": the parse may make the dateline a subject of the verb;
    the speaker is the name after the dash."""
    [m] = quotes_of('SACRAMENTO — Democratic state Sen. Ann Pike on Friday pummeled the governor as reckless while '
                    'praising the mayor as a "steady hand, not a loud voice."')
    assert m.speaker is not None and m.speaker.name == "Ann Pike"


def test_a_verb_after_a_quote_that_reports_a_that_clause_of_its_own_is_not_the_quotes_cue(quotes_of):
    """'"…!" She replied to him that it was …': the sentence after the quote reports its own clause, so the quote is
    the words of the one "telling her" before it."""
    ms = quotes_of('Ann Pike met Tom Hale in June. Hale emailed her, telling her, "You are a star player and we need '
                   'you!" She replied to him that it was an "honor to serve."')
    [m] = [m for m in ms if m.span.text.startswith("You are")]
    assert m.speaker is not None and m.speaker.name == "Tom Hale"


def test_the_issuer_of_a_statement_is_found_when_the_parse_makes_the_cue_a_noun(quotes_of):
    """"she released a statement saying, '…'": the tagger reads "statement saying" as a compound noun; the statement
    is still what she released, so she is the speaker."""
    ms = quotes_of('Ann Pike signed a deal with the company in 2012. At the time, she released a statement saying, '
                   '"The company has been a trusted partner for years."')
    [m] = [m for m in ms if m.span.text.startswith("The company")]
    assert m.speaker is not None and m.speaker.name == "Ann Pike"


def test_a_hyphenated_word_is_one_word_not_a_speech_verb_or_a_count(quotes_of):
    """"the two-term president will say": "term" after a hyphen is no verb and "two" no count of people; "a
    45-year-old diplomat" keeps its age in the row's name."""
    ms = quotes_of('Mayor Tom Hale will speak on Wednesday. "Nothing truly prepares you for the demands of the '
                   'office," the two-term mayor will say. "We are strong," a 45-year-old diplomat said.')
    office, strong = (next(m for m in ms if m.span.text.startswith(s)) for s in ("Nothing", "We are"))
    assert office.attribution.speaker_text == "the two-term mayor"
    assert office.speaker is not None and office.speaker.name == "Tom Hale"
    assert strong.speaker is not None and strong.speaker.name == "45-year-old diplomat"


def test_a_quote_signed_on_the_next_line_by_a_dash_and_a_name_is_that_persons(quotes_of):
    """The form of fact checks and epigraphs: the quote is its paragraph, and the next one is "- Hale." alone."""
    ms = quotes_of('The candidates sparred over taxes on Thursday.\n\n"Boeing and other multinationals pay zero '
                   'taxes."\n\n- Tom Hale.\n\n"I helped write that bill."\n\n— Ann Pike, in the debate\n\nThe rest was spin.')
    taxes, bill = (next(m for m in ms if m.span.text.startswith(s)) for s in ("Boeing", "I helped"))
    assert taxes.attribution.method == "signature" and taxes.speaker.name == "Tom Hale"
    assert bill.speaker is not None and bill.speaker.name == "Ann Pike"


def test_an_expletive_it_is_never_a_speaker(parse, retagged):
    """"Ann Pike said it was too early to celebrate but added, '…'" where the parse hangs "added" on "early" and calls
    "it" its subject: the "it" of "it was too early" is a placeholder; the speaker is found further up, Ann Pike,
    not the party that "it" would resolve to."""
    from quotes.article.extract import extract

    text = ('The Green Party met on Monday. Party leader Ann Pike said it was too early to celebrate but added, '
            '"We all have an idea of the results."')
    early = next(w.i for w in parse(text).words if w.text == "early")
    parsed = retagged(text, added={"head": early, "deprel": "conj"}, it={"deprel": "nsubj"})  # as the tagger often does
    [m] = extract("t", parsed)[0]
    assert m.speaker is not None and m.speaker.name == "Ann Pike"


def test_names_joined_by_and_before_a_colon_are_those_people_together(quotes_of):
    """"- Mark Blumenthal and Jon Cohen: '…'" and later "More from Blumenthal and Cohen: '…'": both writers, one
    group row, never the second name alone."""
    ms = quotes_of('IOWA POLLS NOT WRONG - Mark Blumenthal and Jon Cohen: "Although the polls failed, they were not '
                   'wrong."\n\nSigns were there all along - More from Blumenthal and Cohen: "The race is tightening."')
    for m in ms:
        assert m.speaker is not None and m.speaker.name == "Mark Blumenthal and Jon Cohen", m.span.text


def test_a_subject_inside_an_aside_closed_before_the_verb_is_not_its_speaker(quotes_of):
    """"Party spokesman Tom Hale -- as the mayor's campaign noted this week -- … has taunted the campaign for '…'":
    the campaign is the subject of "noted" inside the aside; who taunted is Tom Hale."""
    [m] = quotes_of('State Party spokesman Tom Hale -- as the mayor\'s campaign noted this week -- even praised '
                    'the governor on Twitter as the winner of the debates and has taunted the mayor\'s campaign for '
                    '"getting schooled by a nutty socialist."')
    assert m.speaker is not None and m.speaker.name == "Tom Hale"


def test_words_quoted_in_someones_clause_stay_theirs_when_a_document_reports_them(quotes_of):
    """"He compared the meeting to a 'root canal,' according to Ann Pike's memoir": his words, which her memoir
    reports; "The plan will cost 'about $2 billion,' according to the report" stays the report's (a plan says
    nothing), and "in the words of" names whose words they are."""
    ms = quotes_of('Mayor Tom Hale met the governor in May. He later compared the meeting to a "root canal," '
                   'according to Ann Pike\'s memoir. The plan will cost "about $2 billion," according to the report. '
                   'But he does not like "surprises," in the words of one top aide.')
    canal, cost, surprises = (next(m for m in ms if m.span.text.startswith(s)) for s in ("root", "about", "surprises"))
    assert canal.speaker is not None and canal.speaker.name == "Tom Hale"
    assert cost.speaker is not None and cost.speaker.name == "report"
    assert surprises.speaker is not None and surprises.speaker.name != "Tom Hale"


def test_a_participle_after_of_or_for_is_the_object_s_words(quotes_of):
    """"Critics accused Senator Joan Pike of calling farmers 'lazy'": the one accused is who called them that;
    "drew criticism for calling" has no one in its object, so the subject stays the speaker."""
    ms = quotes_of('Critics accused Senator Joan Pike of calling farmers "lazy" in a speech. Governor Bo Chandler '
                   'praised the students for saying "the budget must be balanced." Mayor Tim Rourke drew sharp '
                   'criticism for calling the plan "a disaster for the harbor."')
    lazy, budget, harbor = (next(m for m in ms if m.span.text.startswith(s)) for s in ("lazy", "the budget", "a dis"))
    assert lazy.speaker is not None and lazy.speaker.name == "Joan Pike"
    assert budget.speaker is not None and budget.speaker.name == "students"
    assert harbor.speaker is not None and harbor.speaker.name == "Tim Rourke"


def test_a_participle_after_a_comma_belongs_to_the_clause_it_hangs_on(quotes_of):
    """"The second incident came during a speech, when local protesters interrupted her, shouting '…'": the
    protesters shouted, not the incident the sentence is about."""
    [m] = quotes_of('The second incident came during a speech at the college, when local protesters interrupted her '
                    'speech, shouting "she wins, we lose!"')
    assert m.speaker is not None and m.speaker.name == "local protesters"


def test_a_place_phrase_inside_the_subject_after_a_quote_keeps_the_cue(quotes_of):
    """'"Will he run again?" a staffer in the room wondered': "in the room" is part of who wondered, and the
    quote is the staffer's, not the words of the speaker quoted before it."""
    ms = quotes_of('"We will win this district," Mayor Tim Rourke said on Friday. "Will he run again?" a staffer '
                   'in the room wondered.')
    m = only(ms, "Will he run")
    assert m.attribution.method == "cue-after"
    assert m.speaker is not None and m.speaker.name == "staffer"


def test_a_surname_that_is_also_a_time_word_stays_in_the_name(quotes_of):
    """'said Kristen Day, executive director of …': "Day" is a time word, but after a first name and not tagged a
    date (the recogniser tags this name MISC; "Laura Day" it tags PERSON whole), it is the surname, and the
    speaker row is "Kristen Day", not "Kristen"."""
    [m] = quotes_of('"This platform says you are no longer welcome," said Kristen Day, executive director of '
                    'Farmers for Life.')
    assert m.speaker is not None and m.speaker.name == "Kristen Day"


def test_a_name_set_off_after_a_description_and_its_place_phrase_is_the_speaker(quotes_of):
    """"said his best friend at college, Tom Barlow, who …": the name after the description's own short phrase is
    who spoke, not whoever else the article called a friend."""
    ms = quotes_of('Ann Lovell, the girlfriend of his best friend, said little. "It was his first try," said his best '
                   'friend at college, Tom Barlow, who remembered the speech.')
    m = only(ms, "It was his first")
    assert m.speaker is not None and m.speaker.name == "Tom Barlow"
    assert m.attribution.evidence == "appositive"


def test_someone_introduced_by_with_does_what_the_participle_says(quotes_of):
    """"…, with Mayor Tim Rourke reportedly yelling: '…'" and "Republicans were quick to chime in, with Senator
    Joan Pike calling it a '…'": the one after "with" speaks, not the group before."""
    ms = quotes_of('At a rally in Tulsa on Saturday, some of his supporters kicked and punched a protester, with Mayor '
                   'Tim Rourke reportedly yelling: "Get him the hell out of here!" Republicans were irritated about the '
                   'plan, with Senator Joan Pike calling it a "Chinese menu."')
    yelled, menu = only(ms, "Get him"), only(ms, "Chinese")
    assert yelled.speaker is not None and yelled.speaker.name == "Tim Rourke"
    assert menu.speaker is not None and menu.speaker.name == "Joan Pike"


def test_the_one_asked_answers_not_the_one_told(quotes_of):
    """"Senator Tim Rourke told reporters when asked about the vote: '…'": "asked" has no subject of its own; the
    one asked is the subject of "told", and the reporters told are never the speaker."""
    ms = quotes_of('Senator Tim Rourke told reporters when asked about the vote: "We will win." The inquiry involves '
                   'Attorney General Joan Pike, who told Congress when asked last month about it: "That matter is '
                   'handled by career agents."')
    win, agents = only(ms, "We will win"), only(ms, "That matter")
    assert win.speaker is not None and win.speaker.name == "Tim Rourke"
    assert agents.speaker is not None and agents.speaker.name == "Joan Pike"


def test_the_issuer_of_a_two_word_document_speaks(quotes_of):
    """"the campaign sent out a press release saying …": "press release" is a document of two words in
    ``document_nouns.txt``; its issuer speaks, as for "a statement"."""
    [m] = quotes_of('Shortly after the call ended, the Pike campaign sent out a press release saying the mayor owes '
                    '"the city an explanation for voting against it."')
    assert m.speaker is not None and m.speaker.name == "Pike campaign"


def test_a_cue_inside_a_relative_clause_closed_before_the_quote_is_not_its_cue(quotes_of):
    """"the plan, which the Policy Institute estimates would cost $2 billion, would be '…'": "estimates" belongs to
    the relative clause, which closes before the quote; the cue is "said"."""
    [m] = quotes_of('Senator Ann Lovell said the plan, which the Policy Institute estimates would cost $2 billion, '
                    'would be "a gift to the cities."')
    assert m.speaker is not None and m.speaker.name == "Ann Lovell"


def test_the_by_agent_of_a_passive_speech_verb_speaks(quotes_of):
    """"Senator Bo Chandler was asked by moderator Tim Rourke whether …'…'": the one who asks, not the one
    asked; "was called by the party" convenes or names, and gives no agent."""
    [m] = quotes_of('Senator Bo Chandler was asked by moderator Tim Rourke whether the plan would risk "adding another '
                    'program."')
    assert m.speaker is not None and m.speaker.name == "Tim Rourke"


def test_a_described_office_is_not_someone_known_by_another_role(quotes_of):
    """'Moderator Tim Rourke asked Joan Pike about the port. "…," the senator said.': the moderator is in focus,
    but "the senator" is an office he was never given and a role he was; the one asked answers."""
    [m] = quotes_of('Moderator Tim Rourke asked Joan Pike about the port. "We will build it," the senator said.')
    assert m.speaker is not None and m.speaker.name == "Joan Pike"


def test_a_participle_after_a_clause_of_its_own_is_that_clauses_subjects(quotes_of):
    """"Mayor Ann Lovell spoke down the street from the casino, where about 50 strikers had gathered on Wednesday,
    chanting '…'": the strikers chant, though the sentence's speech verb ("spoke") is the mayor's."""
    [m] = quotes_of('Mayor Ann Lovell spoke just down the street from the casino, where about 50 strikers had '
                    'gathered on Wednesday morning, chanting "no contract, no peace" after the talks failed.')
    assert m.speaker is not None and m.speaker.name == "strikers"


def test_a_speech_verb_under_a_modal_inside_reported_speech_is_not_the_cue(quotes_of):
    """"Lovell said that the platform should reiterate the party's support for its '…'": "should reiterate" says
    what she wants said, and the quoted words are hers; "she said her campaign would continue '…'" likewise."""
    ms = quotes_of('Senator Ann Lovell said in her opening remarks that the platform should reiterate the party\'s '
                   'support for its "stalwart allies," naming Israel. She said that her campaign would continue "to '
                   'break barriers" across the nation.')
    allies, barriers = only(ms, "stalwart"), only(ms, "to break")
    assert allies.speaker is not None and allies.speaker.name == "Ann Lovell"
    assert barriers.speaker is not None and barriers.speaker.name == "Ann Lovell"


def test_one_named_in_the_passive_is_not_who_named_them(quotes_of):
    """"Governor Bo Chandler has been called the 'Trump of the East'" and "Mr. Rourke, described as one of the
    city's 'most successful businessmen,'": whoever called them that is not said, so no speaker; the active
    "Rourke called the plan 'strong'" stays his."""
    ms = quotes_of('Governor Bo Chandler has been called the "Trump of the East" for his statements. The list shows '
                   'the name of Mr. Tim Rourke, described as one of the city\'s "most successful businessmen," among '
                   'others. Rourke, a Chandler ally, called the plan "strong."')
    east, rich, strong = only(ms, "Trump of"), only(ms, "most successful"), only(ms, "strong")
    assert east.speaker is None and rich.speaker is None
    assert strong.speaker is not None and strong.speaker.name == "Tim Rourke"


def test_a_verb_after_a_quote_that_opens_the_next_quote_is_not_its_cue(quotes_of):
    """'Lovell responds to Rourke with, "Why now? …?" Rourke then writes back, "You look great."': "writes back,"
    opens the next quote; the first is Lovell's, not Rourke's."""
    ms = quotes_of('In one exchange, Senator Ann Lovell forwards a photo to Tim Rourke. Lovell responds to Rourke '
                   'with, "Why now? That was on my way to Oslo?" Rourke then writes back, "You look great."')
    why, great = only(ms, "Why now"), only(ms, "You look")
    assert why.speaker is not None and why.speaker.name == "Ann Lovell"
    assert great.speaker is not None and great.speaker.name == "Tim Rourke"


def test_a_single_name_after_a_title_that_says_the_sex_is_someone_a_description_can_mean(quotes_of):
    """"Pope Clement" is never given a surname, but the title makes him someone: "the pope told reporters" is
    him, not the senator the article is about."""
    ms = quotes_of('ROME - Senator Ann Lovell met privately with Pope Clement on Saturday.\n\n'
                   '"I am a great fan of the pope," Lovell said.\n\n'
                   'The pontiff met Lovell at the guest house, where the pope lives.\n\n'
                   '"I greeted her and nothing more," the pope told reporters.')
    m = only(ms, "I greeted")
    assert m.speaker is not None and m.speaker.name == "Clement"


def test_a_name_that_opens_a_hyphenated_modifier_does_not_name_the_row(quotes_of):
    """"31% of Democrats and Democratic-leaning voters said …", "said a Trump-supporting farmer": the capitalised
    word is the first part of a modifier, and the row is the description as printed, not "Democratic" or
    "Trump"."""
    ms = quotes_of('In a national poll released Monday, 31% of Democrats and Democratic-leaning voters said they were '
                   '"extremely enthusiastic" about voting this year. "We will win," said a Trump-supporting farmer.')
    voters, farmer = only(ms, "extremely"), only(ms, "We will win")
    assert voters.speaker is not None and voters.speaker.name == "Democratic-leaning voters"
    assert farmer.speaker is not None and farmer.speaker.name == "Trump-supporting farmer"


def test_a_long_title_after_a_work_noun_is_a_title(quotes_of):
    """'his new book, "Crippled Nation: How to Make the Country Great Again,"' is a title of eight words; a title
    after a work noun is one whatever its length, and nobody says it."""
    [m] = quotes_of('Reporters have been reading his new book, "Crippled Nation: How to Make the Country Great Again," '
                    'for clues about his plans.')
    assert m.span.kind == "term" and m.speaker is None


def test_a_cue_before_an_earlier_quote_does_not_reach_across_a_clause_of_its_own(quotes_of):
    """'in a clip that Judge Ann Lovell called "distasteful," Tim Rourke expressed a desire to "…"': "called" has
    its quote; Rourke's clause comes between, so the second quote is his. 'Rourke said it was "…" and that Lovell
    faced a "…" indictment' stays Rourke's: that clause is what he said."""
    ms = quotes_of('And, in a clip that Judge Ann Lovell called "distasteful," Tim Rourke expressed a desire to "shoot '
                   'the mayor in the head." Rourke said it was "absolutely clear" that the server was vulnerable, and '
                   'that Lovell faced a "slam-dunk" indictment.')
    assert only(ms, "distasteful").speaker.name == "Ann Lovell"
    assert only(ms, "shoot").speaker.name == "Tim Rourke"
    assert only(ms, "slam-dunk").speaker.name == "Tim Rourke"


def test_according_to_a_document_before_the_clause_leaves_the_words_to_the_clause_subject(quotes_of):
    """"According to the city's archived papers, Mayor Ann Lovell had referred to the governor as '…'": the papers
    report what she said. "According to his physician, Tim Rourke is in 'excellent' health" is the physician's
    word, and "According to some on Twitter, Lovell was 'incognito'" theirs."""
    ms = quotes_of('According to the city\'s archived papers, Mayor Ann Lovell had referred to the governor as "a '
                   'narcissistic loony toon." According to his physician, Senator Tim Rourke is in "excellent" '
                   'health. According to some on Twitter, Lovell was "incognito" at the meeting.')
    toon, excellent, incognito = only(ms, "a narcissistic"), only(ms, "excellent"), only(ms, "incognito")
    assert toon.speaker is not None and toon.speaker.name == "Ann Lovell"
    assert excellent.speaker is None or excellent.speaker.name != "Tim Rourke"
    assert incognito.speaker is None or incognito.speaker.name != "Ann Lovell"


def test_a_translated_or_glossed_word_is_a_term(quotes_of):
    """'- Russian for "goodbye."' and 'President Clinton's "sherpa," or liaison,': a word named and explained,
    nobody's words; "Do svidaniya!" jeered by his friends stays a quote."""
    ms = quotes_of('Mayor Tim Rourke circled the boat as his friends jeered, "Do svidaniya!" - Russian for '
                   '"goodbye." Ann Lovell later served as the president\'s "sherpa," or liaison, to the summits.')
    assert only(ms, "goodbye").speaker is None and only(ms, "goodbye").span.kind == "term"
    assert only(ms, "sherpa").speaker is None and only(ms, "sherpa").span.kind == "term"
    assert only(ms, "Do svidaniya").span.kind != "term"


def test_a_word_in_quotes_in_a_headline_line_is_not_its_subjects(quotes_of):
    """A first line without a full stop is a headline ("Lovell tries to reframe 'revolution'"): the outlet's
    wording, so its subject is no speaker of the word; the same sentence in the story is hers."""
    ms = quotes_of('Lovell tries to reframe \'revolution\'\n\nMayor Ann Lovell spoke on Monday. Lovell tries to '
                   'reframe "change" as she courts young voters.')
    assert only(ms, "revolution").speaker is None
    assert only(ms, "change").speaker is not None and only(ms, "change").speaker.name == "Ann Lovell"


def test_according_to_in_the_middle_reports_only_its_own_clause(quotes_of):
    """"Lovell had wanted him fired, according to the minutes of the board, but Rourke decided to retain him as an
    'adviser'": the minutes report the first clause, and the second clause's subject gets nothing from them."""
    ms = quotes_of('Senator Ann Lovell had wanted him fired, according to the minutes of the board, but after reviewing '
                   'his contract, Mayor Tim Rourke decided to pay him and retain him as an "adviser."')
    m = only(ms, "adviser")
    assert m.speaker is None or m.speaker.name != "Tim Rourke"


def test_a_participle_does_not_take_the_subject_of_a_clause_that_was_insisted(quotes_of):
    """"she acquiesced with Mr Hale's insistence that the council should hold its course, agreeing with Tom Bly
    that to back down would '…'": "should hold" is what Hale insisted on, not a clause of its own; she agreed."""
    ms = quotes_of('Mayor Ann Lovell read the report. In early April she acquiesced with Mr Hale\'s insistence that the '
                   'council should hold its course, agreeing with Tom Bly, another of her secretaries, that to back '
                   'down would "look like taking the side of the unions".')
    m = only(ms, "look like")
    assert m.speaker is not None and m.speaker.name == "Ann Lovell"


def test_a_title_glued_to_its_closing_marks_by_the_tokenizer_is_still_a_title(quotes_of):
    """"Ann Lovell, another ''Today'' anchor,": the tokenizer makes one token of "Today''", past the quote's end;
    the title is still a title beside its work role, and nobody says it."""
    ms = quotes_of("The program lost its co-host to ''Good Morning America.'' Ann Lovell, another ''Today'' anchor, "
                   "is taking over his role.")
    m = only(ms, "Today")
    assert m.span.kind == "term" and m.speaker is None
