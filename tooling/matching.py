"""When two catalogue entries are the same tool: one rule for import_tools and merge_duplicates.

Two entries are the same tool when
- their home pages are the same once normalised (scheme, ``www.``, port, case, trailing slash and
  fragment ignored), or
- their names are the same once normalised (case, accents, spaces and punctuation ignored) and
  their home pages agree: both name the same project (``www.borgbackup.org`` and
  ``borgbackup.github.io/borgbackup/`` both name « borgbackup »), or one of them has none and both
  are in the same category (Debian's « slack », a configuration tool with no home page, is not the
  messaging service « Slack »).

Entries that both carry an external id are never the same tool: each is a record of a source that
lists them apart (Debian's ``nextcloud-desktop`` and ``nextcloud-desktop-doc`` share a home page).
Same name but not the same tool: namesakes, told apart by `distinguishing_title`.
"""

import unicodedata
from dataclasses import dataclass
from urllib.parse import urlsplit

DEFAULT_PORTS = {"http": 80, "https": 443}
# Hosts where each project has its own sub-domain (borgbackup.github.io).
PROJECT_SUBDOMAIN_HOSTS = (
    "github.io",
    "gitlab.io",
    "readthedocs.io",
    "readthedocs.org",
    "sourceforge.net",
    "sourceforge.io",
    "codeberg.page",
    "pages.debian.net",
)
# Hosts where each project has its own path (github.com/borgbackup/borg); generic path words skipped.
PROJECT_PATH_HOSTS = {
    "github.com",
    "gitlab.com",
    "codeberg.org",
    "bitbucket.org",
    "salsa.debian.org",
    "launchpad.net",
    "sourceforge.net",
    "git.sr.ht",
    "sr.ht",
    "pypi.org",
    "pypi.python.org",
    "metacpan.org",
    "crates.io",
    "rubygems.org",
    "npmjs.com",
    "packagist.org",
    "hackage.haskell.org",
    "cran.r-project.org",
    "bioconductor.org",
    "gnu.org",
    "savannah.gnu.org",
    "savannah.nongnu.org",
    "nongnu.org",
}
GENERIC_PATH_WORDS = {"projects", "project", "p", "package", "packages", "release", "dist", "software", "web"}
SECOND_LEVEL_SUFFIXES = {"co", "com", "org", "net", "ac", "gov", "edu", "gouv"}


def normalise_name(name):
    """« BorgBackup », « borg-backup » and « Borgbackup » are one name: "borgbackup"."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    return "".join(char for char in decomposed.casefold() if char.isalnum())


def _split(url):
    url = (url or "").strip()
    if not url:
        return None
    if "://" not in url:
        url = f"http://{url}"
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:  # a port that is not a number: compare the text as it is
        return None
    return parts, port


def normalise_homepage(url):
    """`https://www.borgbackup.org/` and `http://borgbackup.org` are one home page: "borgbackup.org"."""
    split = _split(url)
    if split is None:
        return (url or "").strip().casefold()
    parts, port = split
    host = (parts.hostname or "").removeprefix("www.")
    if port and port != DEFAULT_PORTS.get(parts.scheme.lower()):
        host = f"{host}:{port}"
    query = f"?{parts.query}" if parts.query else ""
    return f"{host}{parts.path.rstrip('/')}{query}".casefold()


def homepage_host(url):
    split = _split(url)
    return (split[0].hostname or "").removeprefix("www.") if split else ""


def project_labels(url):
    """The names a home page gives its project: {"borgbackup"} for www.borgbackup.org, for
    borgbackup.github.io and for github.com/borgbackup/borg (with "borg")."""
    split = _split(url)
    if split is None:
        return set()
    parts, _port = split
    host = (parts.hostname or "").removeprefix("www.")
    for suffix in PROJECT_SUBDOMAIN_HOSTS:
        if host.endswith(f".{suffix}"):
            return {normalise_name(host.removesuffix(f".{suffix}").split(".")[-1])}
    if host in PROJECT_PATH_HOSTS:
        words = [w.removeprefix("package=") for w in parts.path.lower().split("/")]
        projects = [normalise_name(w) for w in words if w and w not in GENERIC_PATH_WORDS]
        return set(projects[:2]) - {""}
    labels = host.split(".")
    if len(labels) >= 3 and labels[-2] in SECOND_LEVEL_SUFFIXES and len(labels[-1]) == 2:
        return {normalise_name(labels[-3])}
    return {normalise_name(labels[-2] if len(labels) >= 2 else labels[0])} - {""}


def homepages_agree(first, second):
    """Both home pages name the same project (both must be given)."""
    if normalise_homepage(first) == normalise_homepage(second):
        return True
    return bool(project_labels(first) & project_labels(second))


@dataclass(frozen=True)
class Entry:
    """What the rule looks at in a catalogue entry or an import record."""

    name: str
    homepage: str
    category: str  # category slug
    external_id: str = ""

    @property
    def name_key(self):
        return normalise_name(self.name)

    @property
    def homepage_key(self):
        return normalise_homepage(self.homepage) if self.homepage else ""


def same_tool(first, second):
    if first.external_id and second.external_id and first.external_id != second.external_id:
        return False
    if first.homepage_key and first.homepage_key == second.homepage_key:
        return True
    if not first.name_key or first.name_key != second.name_key:
        return False
    if first.homepage and second.homepage:
        return homepages_agree(first.homepage, second.homepage)
    return first.category == second.category


def match_strength(first, second):
    """How surely two entries are one tool: 3 (name and home page), 2 (name), 1 (home page), 0 (not)."""
    if not same_tool(first, second):
        return 0
    same_homepage = bool(first.homepage_key) and first.homepage_key == second.homepage_key
    same_name = first.name_key == second.name_key
    return 3 if same_homepage and same_name else 2 if same_name else 1


def distinguishing_title(entry, namesakes, category_title):
    """« name (host) » when the home page's host sets it apart from its namesakes, else
    « name (category) », else « name (external id) »."""
    host = homepage_host(entry.homepage)
    if host and all(homepage_host(other.homepage) != host for other in namesakes):
        return f"{entry.name} ({host})"
    if all(other.category != entry.category for other in namesakes):
        return f"{entry.name} ({category_title})"
    return f"{entry.name} ({entry.external_id})" if entry.external_id else entry.name
