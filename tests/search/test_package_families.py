"""Package names in search results, on every engine: a program whose name begins with `lib` is not
buried as a library, and one tool's language packs count as one family (search/families.py)."""

import pytest

from search.engines import get_engine
from search.engines.base import SearchQuery
from tooling.factories import ToolCategoryPageFactory, ToolPageFactory

LANGUAGES = {"ar": "arabe", "cs": "tchèque", "de": "allemand", "fr": "français"}


def package(category, name, section, summary, description):
    fields = {"summary": summary, "description": description, "source_section": section}
    return ToolPageFactory(parent=category, title=name, slug=name, **fields)


@pytest.fixture
def office(site_tree, engine_name, index_now):
    """Debian's word processor, a clip-art set for it, and a thesaurus in four languages (words from
    their French descriptions)."""
    category = ToolCategoryPageFactory(parent=site_tree["tools"], title="Bureautique", slug="bureautique")
    with index_now():
        package(
            category,
            "libreoffice-writer",
            "editors",
            "suite de productivité bureautique - traitement de texte",
            "LibreOffice est une suite bureautique complète. Ce paquet fournit le composant de "
            "traitement de texte de LibreOffice.",
        )
        package(
            category,
            "openclipart-libreoffice",
            "graphics",
            "cliparts pour la galerie de LibreOffice",
            "Ce paquet contient des images de la bibliothèque Open Clip Art pour la galerie de LibreOffice.",
        )
        for code, language in LANGUAGES.items():
            package(
                category,
                f"mythes-{code}",
                "text",
                f"dictionnaire des synonymes {language} pour LibreOffice",
                f"Ce paquet contient le dictionnaire des synonymes {language} pour LibreOffice.",
            )


def titles(text):
    return [hit.title for hit in get_engine().search(SearchQuery(text=text)).hits]


def test_a_program_named_lib_is_not_buried_as_a_library(office):
    found = titles("libreoffice")
    assert len(found) == 6  # every package says the word
    assert found.index("libreoffice-writer") < min(found.index(f"mythes-{code}") for code in LANGUAGES)


def test_a_tools_language_packs_do_not_fill_the_page(office):
    found = titles("libreoffice")
    assert "openclipart-libreoffice" in found[:3]
    assert sum(title.startswith("mythes-") for title in found[:3]) == 1
    # The language packs are still all found, below: one family, not hidden.
    packs = sorted(title for title in found if title.startswith("mythes-"))
    assert packs == [f"mythes-{code}" for code in sorted(LANGUAGES)]
