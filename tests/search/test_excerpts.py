"""Excerpts: the cheap pre-test must not change what is highlighted."""

from search.excerpts import highlight
from search.text import fold, stem


def stems_of(*words):
    return {stem(fold(word)) for word in words}


def test_word_after_underscore_is_highlighted():
    excerpt = highlight("fonctions internes __atomic pour les compilateurs", stems_of("atomic"))
    assert "<mark>atomic</mark>" in excerpt


def test_accented_inflected_word_is_highlighted():
    excerpt = highlight("Les Données personnelles sont protégées.", stems_of("donnees"))
    assert "<mark>Données</mark>" in excerpt


def test_text_without_query_words_opens_on_its_first_words():
    text = " ".join(f"mot{index}" for index in range(40))
    excerpt = highlight(text, stems_of("sauvegarde"))
    assert excerpt == " ".join(f"mot{index}" for index in range(30)) + " …"
    assert "<mark>" not in excerpt


def test_short_text_without_query_words_is_whole_and_escaped():
    assert highlight("Outil <b>libre</b>", stems_of("sauvegarde")) == "Outil &lt;b&gt;libre&lt;/b&gt;"


def test_ligature_and_capitals_are_found_in_the_original_text():
    excerpt = highlight("La MISE EN ŒUVRE du plan, puis sa mise en oeuvre.", stems_of("oeuvre"))
    assert excerpt.count("<mark>") == 2
    assert "<mark>ŒUVRE</mark>" in excerpt
    assert "<mark>oeuvre</mark>" in excerpt


def test_decomposed_accents_are_composed_then_found():
    text = "Organisation des e\u0301ve\u0301nements de la coope\u0301rative."
    assert "<mark>\u00e9v\u00e9nements</mark>" in highlight(text, stems_of("evenement"))


def test_text_beyond_latin_letters_takes_the_full_path():
    text = "Le ﬁchier de conﬁguration ⋅ sauvegarde"
    assert "<mark>ﬁchier</mark>" in highlight(text, stems_of("fichier"))


def test_excerpt_opens_a_few_words_before_the_densest_passage():
    filler = " ".join(f"mot{index}" for index in range(60))
    text = f"sauvegarde {filler} un deux trois sauvegarder les sauvegardes {filler}"
    excerpt = highlight(text, stems_of("sauvegarde"))
    assert excerpt.startswith("… un deux trois <mark>sauvegarder</mark>")
    assert excerpt.count("<mark>") == 2
    assert excerpt.endswith(" …")
