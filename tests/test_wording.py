"""What a reader would not notice between two printings of one quote."""

from quotes.language.wording import inside, pieces, words


def test_case_hyphens_apostrophes_and_edge_punctuation_are_set_aside():
    assert words("“Locker-room talk,”") == words("... locker room talk") == ("locker", "room", "talk")
    assert words("I’m not proud") == words("I'm not proud.") == ("i'm", "not", "proud")


def test_insertions_and_omissions_split_a_quote_into_runs():
    assert pieces("carpet bomb [the militants] into oblivion . . . and beyond") == (
        ("carpet", "bomb"), ("into", "oblivion"), ("and", "beyond"))
    assert pieces("we will win … so much") == (("we", "will", "win"), ("so", "much"))
    assert words("[He] said no") == ("said", "no")


def test_a_part_of_a_quote_is_inside_it():
    long = "We are going to start winning again, and we are going to win so much, folks."
    assert inside("win so much", long)
    assert inside("We are going to start winning again ... win so much", long)  # an omission
    assert not inside("win so little", long)
    assert not inside("so much win", long)  # the runs must come in order
    assert not inside(long, "win so much")


def test_an_insertion_in_the_longer_quote_may_stand_for_a_few_words():
    long = "carpet-bomb [the militants] into oblivion. I do not know if sand can glow in the dark"
    assert inside("carpet bomb them into oblivion", long)
    assert not inside("carpet bomb the whole region and its cities into oblivion", long)


def test_censoring_and_possessives_compare_as_one_wording():
    assert words("it was f---ing great") == words("It was (expletive) great") == words("it was fucking great")
    assert words("a f***ing mess") == words("a [bleep] mess")
    assert words("He is becoming ISIS’s best recruiter") == words("he is becoming ISIS' best recruiter")
    assert words("the f-word") != words("the expletive")  # a hyphenated word is no censored one


def test_a_censored_quote_is_inside_its_uncensored_printing():
    assert inside("this f---ing deal", "I said that this fucking deal is a disaster")
