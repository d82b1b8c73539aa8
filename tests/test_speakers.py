"""Speaker rows across articles: people on their parsed names, spelling variants, described speakers apart."""

from quotes.corpus.speakers import merge, spelling_variants
from quotes.language.names import parse_person
from quotes.records import SpeakerRef


def person(text, description=None, scope=None):
    p = parse_person(text.split())
    return SpeakerRef(name=p.display, kind="person", description=description, person=p,
                      scope=scope if scope is not None or p.full else "some-article")


def test_people_merge_on_their_parsed_names():
    trump_jr = person("Donald Trump Jr.")
    trump_jr.roles = frozenset({"son"})  # "Trump's son Donald Trump Jr."
    refs = [person("Jim Clyburn"), person("James E. Clyburn"), person("Donald Trump"), person("Donald J. Trump"),
            trump_jr, person("Hillary Clinton"), person("Bill Clinton")]
    speakers, index = merge(refs)
    assert index[0] == index[1] and index[2] == index[3]
    assert len({index[2], index[4]}) == 2 and len({index[5], index[6]}) == 2
    assert speakers[index[2]].name == "Donald Trump"
    assert speakers[index[4]].name == "Donald Trump Jr."


def test_a_name_that_fits_two_people_joins_neither_and_initials_tell_them_apart():
    refs = [person("George H. W. Bush"), person("George W. Bush"), person("George Bush")]
    speakers, index = merge(refs)
    assert len(set(index)) == 3
    assert {speakers[index[0]].name, speakers[index[1]].name} == {"George H. W. Bush", "George W. Bush"}


def test_spelling_variants():
    assert spelling_variants("Mohammad Rezaei", "Mohammed Rezaie")
    assert not spelling_variants("Anna Berg", "Anna Berg")  # identical is not a variant
    assert not spelling_variants("Anna Berg", "Hanna Borg")  # different initials
    assert not spelling_variants("Anna Berg", "Anna Maria Berg")


def test_variants_merge_only_when_roles_agree():
    a = person("Mohammad Rezaei", "head of the national water authority")
    b = person("Mohammed Rezaie", "the water authority chief")
    c = person("Mohammed Rezaie", "a football coach")
    speakers, index = merge([a, b])
    assert len(speakers) == 1 and index == [0, 0]
    speakers, index = merge([a, c])
    assert len(speakers) == 2 and index[0] != index[1]


def test_described_speakers_stay_in_their_article():
    refs = [SpeakerRef("statement", "document", scope="a"), SpeakerRef("statement", "document", scope="a"),
            SpeakerRef("statement", "document", scope="b"), SpeakerRef("spokeswoman", "person", scope="b")]
    speakers, index = merge(refs)
    assert index[0] == index[1] and len({index[0], index[2], index[3]}) == 3


def test_two_people_introduced_by_one_indefinite_description_are_two_rows():
    """"a farmer said" and later "another farmer said": two people, though their rows print the same words."""
    refs = [SpeakerRef("farmer", "person", scope="a", introduced=10), SpeakerRef("farmer", "person", scope="a", introduced=10),
            SpeakerRef("farmer", "person", scope="a", introduced=90), SpeakerRef("farmer", "person", scope="a")]
    speakers, index = merge(refs)
    assert index[0] == index[1] and len({index[0], index[2], index[3]}) == 3


def test_a_surname_joins_a_full_name_only_when_a_role_agrees():
    full = person("Barack Obama", "President")
    titled = person("Obama", "President", scope="a")
    bare = person("Obama", None, scope="b")
    speakers, index = merge([full, titled, bare])
    assert index[0] == index[1] and index[2] != index[0]
    # two full names with that surname: the surname joins neither
    speakers, index = merge([full, person("Michelle Obama", "President"), titled])
    assert index[2] not in (index[0], index[1])


def test_organizations_merge_on_their_name_and_kinds_stay_apart():
    refs = [SpeakerRef("The Washington Post", "organization"), SpeakerRef("Washington Post", "organization"),
            SpeakerRef("Jordan", "organization"), person("Michael Jordan")]
    speakers, index = merge(refs)
    assert index[0] == index[1] and index[2] != index[3]


def test_a_suffix_most_papers_drop_joins_the_name_without_it_unless_an_article_tells_them_apart():
    biden_jr = person("Joseph R. Biden Jr.")
    biden = person("Joe Biden")
    speakers, index = merge([biden_jr, biden])
    assert index[0] == index[1]
    trump = person("Donald Trump")
    trump_jr = person("Donald Trump Jr.")
    speakers, index = merge([trump, trump_jr])
    assert index[0] == index[1]  # nothing says they are two people …
    told = SpeakerRef(name="Donald Trump", kind="person", person=trump.person, namesakes=frozenset({"donald trump jr"}))
    speakers, index = merge([told, trump_jr])
    assert index[0] != index[1]  # … until one article names both


def test_each_printed_form_says_how_it_joined_its_row():
    from quotes.corpus.speakers import JOINED

    refs = [person("James Clyburn"), person("Jim Clyburn"), person("Mohammad Rezaei", "head of the water authority"),
            person("Mohammed Rezaie", "the water authority chief"), person("Barack Obama", "President"),
            person("Obama", "President", scope="a"), person("Joseph R. Biden Jr."), person("Joe Biden"),
            person("Anna Berg"), person("Anna Berg")]
    speakers, index = merge(refs)
    joined = {form: how for s in speakers for form, how in s.joined.items()}
    assert joined["James Clyburn"] == JOINED["name"] and joined["Jim Clyburn"] == JOINED["person"]
    assert {joined["Mohammad Rezaei"], joined["Mohammed Rezaie"]} == {JOINED["name"], JOINED["spelling"]}
    assert joined["Barack Obama"] == JOINED["name"] and joined["Obama"] == JOINED["surname"]
    assert joined["Joseph Biden Jr."] == JOINED["name"] and joined["Joe Biden"] == JOINED["suffix"]  # the row is named by the fuller
    assert speakers[index[8]].joined == {}  # one name in two articles: nothing to explain
