"""Display names are screened too (community.actions.profile_update, through core.screening):
a held new name waits in `display_name_pending`, seen only by its owner, and the old name stays
until staff decide. Moderation describes residents itself (community stands below it)."""

from django.urls import reverse

from .registry import Target, register


def _describe(resident):
    household = resident.household
    return Target(
        neighborhood_id=household.neighborhood_id,
        author_id=resident.pk,
        excerpt=resident.display_name_pending or resident.display_name,
        url=reverse("community:profile"),
    )


def _set_hidden(pk, hidden):
    """Released: the new name replaces the old. Hidden or deleted by staff: it is dropped. Held
    (the case just opened): nothing yet, the name waits."""
    from django.contrib.auth import get_user_model
    from django.contrib.contenttypes.models import ContentType

    from linli.community.actions import display_name_release

    from .models import Case

    if hidden:
        status = (
            Case.objects.filter(
                content_type=ContentType.objects.get_for_model(get_user_model()), object_id=pk
            )
            .values_list("status", flat=True)
            .first()
        )
        if status not in (Case.Status.HIDDEN, Case.Status.DELETED):
            return
    display_name_release(resident_id=pk, approved=not hidden)


def plug():
    from django.contrib.auth import get_user_model

    from linli.core import screening

    from .screen import screened

    screening.plug(screened)
    register(get_user_model(), describe=_describe, set_hidden=_set_hidden)
