"""What consultations hold about a person (PIPL): their answers. Answers stay in the counts, without the name;
free-text and image answers written by the person are removed."""

from linli.core.uploads import delete_on_commit

from .models import Answer, Response


def export(person):
    rows = []
    for r in (
        Response.objects.filter(respondent=person)
        .select_related("consultation")
        .prefetch_related("answers__question", "answers__choice")
    ):
        rows.append(
            {
                "consultation": r.consultation.title,
                "updated_at": r.updated_at.isoformat(),
                "channel": r.channel,
                "answers": [
                    {
                        "question": a.question.text,
                        "choice": a.choice.label if a.choice_id else None,
                        "rank": a.rank,
                        "number": str(a.number) if a.number is not None else None,
                        "text": a.text,
                    }
                    for a in r.answers.all()
                ],
            }
        )
    return {"consultation_answers": rows}


def anonymise(person):
    responses = Response.objects.filter(respondent=person)
    for answer in Answer.objects.filter(response__in=responses).exclude(image=""):
        delete_on_commit(answer.image)
    Answer.objects.filter(response__in=responses).exclude(text="", image="").update(
        text="", image="", hidden=True
    )
    responses.update(respondent=None)
    Response.objects.filter(entered_by=person).update(entered_by=None)
