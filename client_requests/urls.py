from django.urls import path

from . import views

urlpatterns = [
    path("demandes/", views.index, name="client_requests"),
    path("demandes/nouvelle/", views.new_request, name="client_request_new"),
    path("demandes/suivi/<str:token>/", views.status, name="client_request_status"),
    path("demandes/<int:pk>/", views.detail, name="client_request"),
    path("demandes/<int:pk>/interet/", views.interest, name="client_request_interest"),
    path("demandes/<int:pk>/message/", views.message, name="client_request_message"),
    path("demandes/<int:pk>/chef-de-file/", views.lead, name="client_request_lead"),
    path("demandes/<int:pk>/etat/", views.progress, name="client_request_progress"),
]
