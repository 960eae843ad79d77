from django.urls import path

from . import views
from .feeds import FollowedSearchFeed

urlpatterns = [
    path("suivre/", views.follow, name="follow"),
    path("membres/mentions/", views.mention_suggestions, name="mention_suggestions"),
    path("suivre/recherche/", views.follow_search, name="follow_search"),
    path("compte/suivis/", views.following, name="following"),
    path("compte/suivis/recherche/<str:token>/atom/", FollowedSearchFeed(), name="search_feed"),
    path("compte/notifications/", views.notifications, name="notifications"),
    path("compte/notifications/lues/", views.mark_all_read, name="notifications_read"),
    path("compte/notifications/<int:pk>/", views.open_notification, name="notification"),
    path("compte/notifications/e-mails/", views.preferences, name="notification_preferences"),
    path("compte/notifications/desabonnement/<str:token>/", views.unsubscribe, name="unsubscribe"),
]
