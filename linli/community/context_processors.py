from .predicates import opens_staff_pages


def people(request):
    """Header data about who is looking: the "Staff" link only for whom /staff/ opens (not
    leaders, owners' committee or property manager)."""
    user = getattr(request, "user", None)
    signed_in = bool(user and user.is_authenticated)
    return {"is_staff_user": bool(signed_in and opens_staff_pages(user))}
