"""The dozen French tool categories, and which Debian sections each one gathers."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Category:
    slug: str
    name: str
    sections: tuple[str, ...]


CATEGORIES = [
    Category(
        "administration-systeme",
        "Administration système",
        ("admin", "utils", "shells", "kernel", "otherosfs", "embedded", "metapackages", "tasks"),
    ),
    Category("reseau-et-web", "Réseau et web", ("net", "web", "httpd", "comm", "news")),
    Category(
        "developpement",
        "Développement",
        (
            "devel",
            "python",
            "javascript",
            "perl",
            "ruby",
            "php",
            "java",
            "golang",
            "rust",
            "haskell",
            "ocaml",
            "lisp",
            "cli-mono",
            "interpreters",
            "debug",
            "vcs",
            "gnu-r",
            "zope",
            "introspection",
        ),
    ),
    Category("bases-de-donnees", "Bases de données", ("database",)),
    Category("messagerie", "Messagerie", ("mail",)),
    Category("multimedia", "Multimédia", ("graphics", "video", "sound")),
    Category("jeux", "Jeux", ("games",)),
    Category(
        "sciences-et-education",
        "Sciences et éducation",
        ("science", "math", "electronics", "education", "hamradio"),
    ),
    Category("documentation", "Documentation", ("doc",)),
    Category(
        "texte-et-bureautique", "Texte et bureautique", ("text", "editors", "tex", "fonts", "localization")
    ),
    Category(
        "environnements-de-bureau", "Environnements de bureau", ("x11", "gnome", "kde", "xfce", "gnustep")
    ),
    Category("bibliotheques", "Bibliothèques", ("libs", "libdevel", "oldlibs")),
    Category("gestion-et-erp", "Gestion et ERP", ()),  # no Debian section: business tools added by hand
    Category("divers", "Divers", ("misc",)),
]

FALLBACK = CATEGORIES[-1]
_BY_SECTION = {section: category for category in CATEGORIES for section in category.sections}


def category_for_section(section):
    """The category of a Debian section; unknown sections go to "Divers"."""
    return _BY_SECTION.get((section or "").strip().lower(), FALLBACK)
