"""Helpers for the apps' screening tests: a text the spam check holds (not refuses) for a newly
verified resident, and the staff steps that follow (release, remove, appeal) through the pages."""

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from .models import Case

HELD = "会计，可代开发票"  # invoice selling: held for review, not refused


def case_of(obj) -> Case:
    return Case.objects.get(content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk)


def decide(client, case, decision, note="checked"):
    """A moderator's decision through the review page (client signed in as staff)."""
    return client.post(
        reverse("moderation:case-review", args=[case.pk]), {"decision": decision, "note": note}
    )


def appeal(client, case, note="This is my real offer of help."):
    return client.post(reverse("moderation:case-appeal", args=[case.pk]), {"note": note})


def waiting(text) -> bool:
    """Whether a page or API body shows “Waiting for review” (in either language) instead of a text."""
    return "Waiting for review" in text or "等待审核" in text
