"""`{% pending_comments as count %}`: the moderation queue's size for the admin header and
index, for users who may see comments (None for others, who get no query)."""

from django import template

from comments.moderation import pending_count

register = template.Library()


@register.simple_tag(takes_context=True)
def pending_comments(context):
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is not None and user.is_active and user.has_perm("comments.view_comment"):
        return pending_count()
    return None
