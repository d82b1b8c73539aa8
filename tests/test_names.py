"""People's names: what is cut around a name, its parts, and when two printed names are one person."""

from quotes.language.names import gender_of, parse_person, split_roles


def name(text: str) -> str:
    tokens, _ = split_roles(text.split())
    return parse_person(tokens).display


def test_what_is_printed_around_a_name_is_cut():
    assert name("Illinois Sen. Barack Obama") == "Barack Obama"
    assert name("SEIU President Mary Kay Henry") == "Mary Kay Henry"
    assert name("RNC Chairman Reince Priebus") == "Reince Priebus"
    assert name("CNN’s Jake Tapper") == "Jake Tapper"
    assert name("Craig Holman of Public Citizen") == "Craig Holman"
    assert name("Secretary of Homeland Security Jeh Johnson") == "Jeh Johnson"
    assert name("Republican Donald Trump") == "Donald Trump"
    assert name("Oversight ranking Democrat Elijah Cummings") == "Elijah Cummings"
    assert name("election law expert Rick Hasen") == "Rick Hasen"
    assert name("Maj. Gen. Ivo Petrov") == "Ivo Petrov"
    # words that belong to the name stay
    assert name("Al From") == "Al From"
    assert name("Jill Green") == "Jill Green"


def test_roles_are_kept_apart_from_the_name():
    tokens, roles = split_roles("Texas Rep. Mike McCaul".split())
    assert tokens == ["Mike", "McCaul"] and roles == ["Texas", "Rep."]
    # a title alone is all there is
    assert split_roles(["President"]) == (["President"], [])


def test_display_drops_middle_initials_and_keeps_suffixes():
    assert name("Joseph R. Biden Jr") == "Joseph Biden Jr."
    assert name("Donald J. Trump") == "Donald Trump"
    assert name("Ruth Bader Ginsburg") == "Ruth Bader Ginsburg"
    assert parse_person(["George", "H.", "W.", "Bush"]).with_initials == "George H. W. Bush"


def test_one_word_is_a_surname():
    p = parse_person(["Okafor"])
    assert (p.first, p.last, p.full) == ("", "Okafor", False)


def test_same_person_on_parsed_names_with_nicknames_and_initials():
    def same(a, b):
        return parse_person(a.split()).same_person(parse_person(b.split()))

    assert same("Jim Clyburn", "James E. Clyburn")
    assert same("Joe Biden", "Joseph R. Biden")
    assert same("Donald Trump", "Donald J. Trump")
    assert not same("Donald Trump", "Donald Trump Jr.")
    assert not same("Hillary Clinton", "Bill Clinton")
    assert not same("Josh Schwerin", "Dan Schwerin")
    assert not same("George H. W. Bush", "George W. Bush")
    assert not same("Clinton", "Hillary Clinton")  # a surname alone is never enough


def test_sex_of_a_first_name_only_where_it_is_clear():
    assert gender_of("Rachel") == "female" and gender_of("Milton") == "male"
    assert gender_of("Jamie") is None and gender_of("") is None and gender_of("J.") is None
    # a name the list of all countries gives one sex and the American or British list the other says nothing:
    # "Rand" (Rand Paul), "Jan" (Jan Brewer)
    assert gender_of("Rand") is None and gender_of("Jan") is None and gender_of("Marco") == "male"
