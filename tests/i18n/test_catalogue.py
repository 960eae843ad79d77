"""The English catalogue is complete and compiled; words French leaves invariable get their English number."""

import gettext
import shutil
import subprocess
from pathlib import Path

from django.conf import settings
from django.utils import translation

import pytest

from search.views import KIND_LABELS
from tooling.models import ReviewPage

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES"
MSGFMT = shutil.which("msgfmt")
needs_msgfmt = pytest.mark.skipif(MSGFMT is None, reason="GNU gettext (msgfmt) is not installed")


def msgfmt(*arguments):
    # Fixed executable and arguments: nothing comes from outside the test.
    return subprocess.run([MSGFMT, *arguments], capture_output=True, text=True, check=True)  # noqa: S603


@needs_msgfmt
def test_every_entry_is_translated_and_none_is_fuzzy():
    result = msgfmt("--check", "--statistics", "-o", "/dev/null", str(CATALOGUE / "django.po"))
    statistics = result.stderr.strip().splitlines()[-1]
    assert statistics.endswith(" translated messages.")
    assert "fuzzy" not in statistics and "untranslated" not in statistics


@needs_msgfmt
def test_compiled_catalogue_is_up_to_date(tmp_path):
    fresh = tmp_path / "django.mo"
    msgfmt("-o", str(fresh), str(CATALOGUE / "django.po"))
    with fresh.open("rb") as new, (CATALOGUE / "django.mo").open("rb") as committed:
        assert gettext.GNUTranslations(committed)._catalog == gettext.GNUTranslations(new)._catalog


def test_review_is_singular_as_a_result_kind_and_plural_as_a_heading():
    with translation.override("en"):
        assert str(KIND_LABELS["review"]) == "Review"
        assert translation.gettext("Avis") == "Reviews"
        assert str(ReviewPage._meta.verbose_name_plural) == "reviews"
    with translation.override("fr"):
        assert str(KIND_LABELS["review"]) == "Avis"
