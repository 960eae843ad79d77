"""The shared form include: errors said first and tied to their fields, input kept."""

from django import forms
from django.template.loader import render_to_string
from django.utils import translation

from bs4 import BeautifulSoup


class ReviewLikeForm(forms.Form):
    rating = forms.IntegerField(label="Note", help_text="De 1 à 5", min_value=1, max_value=5)
    text = forms.CharField(label="Avis", widget=forms.Textarea)
    agreed = forms.BooleanField(label="J'accepte la charte")
    tool = forms.CharField(widget=forms.HiddenInput)


def render(form):
    with translation.override("fr"):
        return BeautifulSoup(render_to_string("includes/form.html", {"form": form}), "html.parser")


def test_errors_are_summarised_linked_and_tied_to_fields_with_the_input_kept():
    form = ReviewLikeForm({"rating": "9", "text": "Très bien, simple à installer.", "tool": "7"})
    assert not form.is_valid()
    soup = render(form)

    summary = soup.select_one(".form-errors[role=alert]")
    assert [a["href"] for a in summary.select("a")] == ["#id_rating", "#id_agreed"]
    rating = soup.select_one("#id_rating")
    assert rating["value"] == "9"
    assert rating["aria-invalid"] == "true"
    described_by = rating["aria-describedby"].split()
    assert {soup.select_one(f"#{id_}").get_text(strip=True) for id_ in described_by} >= {"De 1 à 5"}
    # Browsers drop the newline Django writes after <textarea>.
    assert soup.select_one("#id_text").get_text().removeprefix("\n") == "Très bien, simple à installer."
    assert soup.select_one("#id_text").get("aria-invalid") is None
    assert soup.select_one("#id_tool")["value"] == "7"
    assert soup.select_one("label[for=id_agreed]") is not None
    assert "field--checkbox" in soup.select_one("#id_agreed").find_parent("div")["class"]


def test_form_errors_not_tied_to_a_field_are_said_without_an_empty_list():
    form = ReviewLikeForm({"rating": "4", "text": "Bien.", "agreed": "on", "tool": "7"})
    assert form.is_valid()
    form.add_error(None, "Vous avez déjà donné votre avis sur cet outil.")
    soup = render(form)
    summary = soup.select_one(".form-errors[role=alert]")
    assert "Vous avez déjà donné votre avis sur cet outil." in summary.get_text()
    assert summary.select("ul.form-errors__fields") == []


def test_valid_form_has_no_error_summary():
    soup = render(ReviewLikeForm())
    assert soup.select(".form-errors") == []
    assert len(soup.select("div.field")) == 3
