"""Free-text answers are screened by the spam check and can be held: what moderation shows about
one (registry.py). Answers keep their own `hidden` column (results and the text-answer pages
filter on it), which moderation sets while a case holds or hides the answer."""

from django.urls import reverse
from django.utils.text import Truncator

from linli.moderation.registry import Target
from linli.moderation.registry import register as moderation_register


def _describe(answer):
    response = answer.response
    return Target(
        neighborhood_id=answer.neighborhood_id,
        author_id=response.respondent_id or response.entered_by_id,
        excerpt=Truncator(answer.text).chars(200),
        url=reverse("consult:text-answers", args=[response.consultation_id, answer.question_id]),
    )


def _set_hidden(pk, hidden):
    from .models import Answer

    Answer.objects.filter(pk=pk).update(hidden=hidden)


def register():
    from .models import Answer

    moderation_register(Answer, describe=_describe, set_hidden=_set_hidden)
