"""Helpers shared by the spaces actions."""

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from linli.community.selectors import people_with_role
from linli.spaces.models import Booking


def _local(dt):
    return timezone.localtime(dt)


def _overlapping(space, starts_at, ends_at, statuses):
    return Booking.objects.filter(
        space=space, status__in=statuses, starts_at__lt=ends_at, ends_at__gt=starts_at
    )


def _refuse_taken(space, starts_at):
    raise ValidationError(
        _("The space is already booked on %(time)s. Choose another time.")
        % {"time": _local(starts_at).strftime("%Y-%m-%d %H:%M")},
        code="taken",
    )


def _staff_ids(neighborhood_id):
    return people_with_role("committee_staff", "secretary", neighborhood_id=neighborhood_id)
