"""Lists of practices under an index or category page, filtered from the query string."""

from django import forms
from django.core.paginator import Paginator
from django.db.models import Q, prefetch_related_objects
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from core.access import readable_cooperative_ids, readable_pages
from kb.models import CooperativePage
from practices.models.practice import ChecklistPage, Maturity, ProcedurePage

PER_PAGE = 20
KINDS = {"procedure": ProcedurePage, "checklist": ChecklistPage}


class PracticeFilterForm(forms.Form):
    categorie = forms.ModelChoiceField(
        label=_("Catégorie"),
        queryset=None,
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes les catégories"),
        error_messages={"invalid_choice": _("Cette catégorie n'existe pas.")},
    )
    type = forms.ChoiceField(
        label=_("Type"),
        required=False,
        choices=[
            ("", _("Procédures et listes")),
            ("procedure", _("Procédures")),
            ("checklist", _("Listes de contrôle")),
        ],
        error_messages={"invalid_choice": _("Ce type n'existe pas.")},
    )
    maturite = forms.ChoiceField(
        label=_("Maturité"),
        required=False,
        choices=[("", _("Toutes")), *Maturity.choices],
        error_messages={"invalid_choice": _("Cette maturité n'existe pas.")},
    )
    cooperative = forms.ModelChoiceField(
        label=_("Coopérative autrice"),
        queryset=None,  # the reader's readable cooperatives: see __init__
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes les coopératives"),
        error_messages={"invalid_choice": _("Cette coopérative n'existe pas.")},
    )
    tag = forms.SlugField(label=_("Étiquette"), required=False, allow_unicode=True, max_length=100)

    def __init__(self, *args, cooperatives, categories=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Given per request: a queryset built once at import would keep the restrictions of that moment.
        self.fields["cooperative"].queryset = cooperatives
        if categories is None:
            del self.fields["categorie"]  # on a category page the category is already chosen
        else:
            self.fields["categorie"].queryset = categories

    def filter(self, model, pages):
        data = self.cleaned_data
        if data.get("type") and KINDS[data["type"]] is not model:
            return pages.none()
        if data.get("categorie"):
            pages = pages.child_of(data["categorie"])
        if data.get("maturite"):
            pages = pages.filter(maturity=data["maturite"])
        if data.get("cooperative"):
            pages = pages.filter(author_cooperative=data["cooperative"])
        if data.get("tag"):
            pages = pages.filter(tags__slug=data["tag"])
        return pages


def practice_list_context(request, section, categories=None):
    """Filtered, paginated procedures and checklists below `section`, in a few queries.

    Each type is filtered on its own table; the two id sets are merged into one Page query so
    pagination and ordering happen in the database, then each page of results is made specific.
    """
    cooperatives = readable_pages(request, CooperativePage.objects.exact_type(CooperativePage)).order_by(
        "title"
    )
    form = PracticeFilterForm(request.GET or None, cooperatives=cooperatives, categories=categories)
    selections = []
    for model in KINDS.values():
        # exact_type gives the planner the content type index: without it SQLite scans every page
        # of the site (the catalogue's 21,000 tools) for the section's few hundred practices.
        pages = readable_pages(request, model.objects.live().descendant_of(section).exact_type(model))
        if form.is_valid():
            pages = form.filter(model, pages)
        elif form.is_bound:
            pages = pages.none()
        selections.append(pages.values("pk"))
    merged = Page.objects.filter(Q(pk__in=selections[0]) | Q(pk__in=selections[1])).order_by("title", "pk")
    paginator = Paginator(merged, PER_PAGE)
    page_obj = paginator.get_page(request.GET.get("page"))
    practices = list(page_obj.object_list.specific())
    for model in KINDS.values():
        prefetch_related_objects([p for p in practices if isinstance(p, model)], "tags", "author_cooperative")
    category_titles = dict(
        Page.objects.filter(path__in={p.path[: -Page.steplen] for p in practices}).values_list(
            "path", "title"
        )
    )
    for practice in practices:
        practice.category_title = category_titles.get(practice.path[: -Page.steplen], "")
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "filter_form": form,
        "practices": practices,
        "page_obj": page_obj,
        "result_count": paginator.count,
        "filter_query": query.urlencode(),
        "readable_cooperatives": readable_cooperative_ids(request),
    }
