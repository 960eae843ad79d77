"""Excerpts: the cheap pre-test must not change what is highlighted."""

from search.text import fold, highlight, stem


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
