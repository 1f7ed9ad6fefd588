from .predicates import has_any_staff_role


def people(request):
    """Header data about who is looking: whether to show the staff link."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {"is_staff_user": bool(signed_in and has_any_staff_role(user))}
