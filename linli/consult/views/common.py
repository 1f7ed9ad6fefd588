"""Helpers shared by the consult views."""

from django.shortcuts import get_object_or_404

from linli.consult.models import Consultation
from linli.core.perms import require


def _consultation(pk, user, perm="consult.view_consultation"):
    c = get_object_or_404(Consultation.objects.select_related("neighborhood"), pk=pk)
    require(user, perm, c)
    return c
