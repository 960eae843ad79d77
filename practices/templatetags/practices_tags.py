from django import template

register = template.Library()


@register.filter
def comment_editable_by(comment, user):
    """Whether `user` may still edit or delete `comment` (own comment, within the window)."""
    return comment.editable_by(user)
