from .selectors import unread_count


def unread(request):
    """Header data: the signed-in person's unread notifications (one query)."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {"unread_notifications": unread_count(user) if signed_in else 0}
