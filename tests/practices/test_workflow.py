"""An editor's submission stays private until a moderator approves it (Wagtail's default workflow)."""

from django.urls import reverse

from wagtail.models import Page
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from practices.models import ProcedurePage


def procedure_form(title, slug, action):
    data = nested_form_data(
        {
            "title": title,
            "slug": slug,
            "summary": "Résumé de la procédure.",
            "maturity": "brouillon",
            "visibility": "public",
            "review_interval_months": 12,
            "context_goal": rich_text("<p>Contexte.</p>"),
            "prerequisites": rich_text(""),
            "steps": streamfield(
                [
                    (
                        "step",
                        {
                            "title": "Première étape",
                            "instructions": rich_text("<p>Faire ceci.</p>"),
                            "tip": "",
                            "warning": "",
                            "tool": "",
                        },
                    )
                ]
            ),
            "comments": inline_formset([]),
        }
    )
    data[action] = "1"
    return data


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("practices", "procedurepage", parent.pk))


def test_editor_submission_is_private_until_a_moderator_approves(client, category, people):
    client.force_login(people["editor_a"])
    response = client.post(add_url(category), procedure_form("Ma procédure", "ma-procedure", "action-submit"))
    assert response.status_code == 302, response.content.decode()[:3000]

    page = ProcedurePage.objects.get(slug="ma-procedure")
    assert not page.live
    workflow_state = page.current_workflow_state
    assert workflow_state is not None and workflow_state.status == "in_progress"

    client.logout()
    assert client.get("/pratiques/infrastructure/ma-procedure/").status_code == 404
    assert "Ma procédure" not in client.get("/pratiques/").content.decode()

    task_state = workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, people["moderator"], "approve")

    page.refresh_from_db()
    assert page.live
    response = client.get("/pratiques/infrastructure/ma-procedure/")
    assert response.status_code == 200
    assert "Première étape" in response.content.decode()


def test_editor_cannot_publish_directly(client, category, people):
    client.force_login(people["editor_a"])
    response = client.post(
        add_url(category), procedure_form("Publication directe", "directe", "action-publish")
    )
    assert response.status_code == 302  # the form was valid and saved…
    page = ProcedurePage.objects.get(slug="directe")
    assert not page.live and page.has_unpublished_changes  # …as a draft: publishing was not allowed
    assert client.get("/pratiques/infrastructure/directe/").status_code == 404


def test_editors_edit_only_the_practices_they_created(client, category, people):
    client.force_login(people["editor_a"])
    client.post(add_url(category), procedure_form("Procédure de A", "procedure-a", "action-submit"))
    page = Page.objects.get(slug="procedure-a")

    assert page.permissions_for_user(people["editor_a"]).can_edit()
    assert not page.permissions_for_user(people["editor_b"]).can_edit()
    assert category.permissions_for_user(people["editor_b"]).can_add_subpage()
    assert not category.permissions_for_user(people["member_a"]).can_add_subpage()


def test_admin_forms_open_for_editors(client, category, people):
    client.force_login(people["editor_a"])
    for model in ("procedurepage", "checklistpage"):
        url = reverse("wagtailadmin_pages:add", args=("practices", model, category.pk))
        assert client.get(url).status_code == 200, model
