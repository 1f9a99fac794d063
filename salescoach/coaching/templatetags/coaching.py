"""Template helpers that ask the privacy policy what the current viewer may do with an item."""

from __future__ import annotations

from typing import Any

from django import template

from salescoach.coaching.frameworks import FRAMEWORKS
from salescoach.privacy import policy

register = template.Library()


@register.simple_tag(takes_context=True)
def item_perms(context: template.Context, item: Any) -> dict[str, bool]:
    """What the viewer may do with a note, plan item, commitment or observation."""
    viewer = context["request"].membership
    return {
        "edit": policy.can_edit_item(viewer, item),
        "delete": policy.can_delete_item(viewer, item),
        "share": policy.can_share_item(viewer, item),
        "unshare": policy.can_unshare_item(viewer, item),
        "privacy": policy.can_change_privacy(viewer, item),
        "review": type(item).__name__ == "Commitment" and policy.can_review_commitment(viewer, item),
        "author": policy.author_id(item) == viewer.pk,
    }


@register.simple_tag(takes_context=True)
def session_level(context: template.Context, session: Any) -> int:
    return int(policy.session_access(context["request"].membership, session))


@register.filter
def framework_name(key: str) -> str:
    framework = FRAMEWORKS.get(key)
    return framework.title() if framework else key


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    try:
        return mapping.get(key)
    except AttributeError:
        return None
