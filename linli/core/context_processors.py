from django.conf import settings

from linli.community.predicates import has_any_staff_role


def linli(request):
    user = getattr(request, "user", None)
    return {
        "site_name": settings.LINLI["SITE_NAME"],
        "is_staff_user": bool(user and has_any_staff_role(user)),
    }
