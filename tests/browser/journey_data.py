"""Set-up for the journeys on top of the demo network: known passwords, a practice closed to a group."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

from practices.models import Comment, ProcedurePage
from tests.factories import PASSWORD

SECRET_COMMENT = "Le code du coffre zorglub est rangé chez Ada"


def give_password(username):
    """Demo accounts get random passwords; the journeys sign in with a known one."""
    user = get_user_model().objects.get(username=username)
    user.set_password(PASSWORD)
    user.save(update_fields=["password"])
    return user


def restrict_to_another_group(slug, commenter):
    """Close a public demo practice to a group the demo members are not in, with a comment on it."""
    practice = ProcedurePage.objects.get(slug=slug)
    committee = Group.objects.create(name="Comité de sécurité")
    restriction = PageViewRestriction.objects.create(
        page=practice, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.set([committee])
    Comment.objects.create(page=practice, author=commenter, body=SECRET_COMMENT)
    return practice
