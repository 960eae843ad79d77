"""The practice's "visibility" field, turned into a Wagtail view restriction on publish."""

from django.contrib.auth.models import Group

from wagtail.models import PageViewRestriction

from kb.roles import MEMBERS
from practices.models.practice import Visibility


def apply_visibility(page):
    """Create or remove the page's "Membres" restriction so it matches page.visibility."""
    members = Group.objects.get_or_create(name=MEMBERS)[0]
    restrictions = PageViewRestriction.objects.filter(
        page=page, restriction_type=PageViewRestriction.GROUPS, groups=members
    )
    if page.visibility == Visibility.MEMBERS:
        if not restrictions.exists():
            restriction = PageViewRestriction.objects.create(
                page=page, restriction_type=PageViewRestriction.GROUPS
            )
            restriction.groups.set([members])
    else:
        # Only the restriction this field made goes; other restrictions set in the admin stay.
        for restriction in restrictions:
            if list(restriction.groups.all()) == [members]:
                restriction.delete()
