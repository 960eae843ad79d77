from django.urls import path, register_converter

from runs import views


class IdConverter:
    """Database ids only: 19 digits at most (a longer number overflows the database's integers)."""

    regex = "[0-9]{1,18}"

    def to_python(self, value):
        return int(value)

    def to_url(self, value):
        return str(value)


register_converter(IdConverter, "id")

urlpatterns = [
    path("verifications/lancer/<id:checklist_id>/", views.start, name="run_start"),
    path("verifications/utilisation/<id:checklist_id>/", views.usage, name="run_usage"),
    path("verifications/<id:pk>/", views.detail, name="run"),
    path("verifications/<id:pk>/criteres/<slug:item_id>/", views.answer, name="run_answer"),
    path("verifications/<id:pk>/criteres/<slug:item_id>/suggestion/", views.feedback, name="run_feedback"),
    path("verifications/<id:pk>/criteres/<slug:item_id>/preuve/", views.evidence, name="run_evidence"),
    path("verifications/<id:pk>/cloture/", views.close, name="run_close"),
    path("verifications/<id:pk>/partage/", views.share, name="run_share"),
    path("verifications/<id:pk>/rapport/", views.report, name="run_report"),
    path("verifications/<id:pk>/export.md", views.export, name="run_export"),
]
