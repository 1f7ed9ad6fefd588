"""Participation, reminders, results, free-text answers and their moderation, publishing, export."""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.models import Building
from linli.community.predicates import led_building_ids
from linli.consult import actions, selectors
from linli.consult.models import Answer, Question
from linli.core import charts
from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.notify.feedback import reminded

from ..charts import participation_chart
from .common import _consultation


@cached_page
@login_required
def participation(request, pk):
    c = _consultation(pk, request.user, "consult.view_participation")
    organiser = request.user.has_perm("consult.manage_consultation", c) or request.user.has_perm(
        "community.manage_neighborhood", c.neighborhood
    )
    allowed = None if organiser else led_building_ids(request.user)
    rows, compounds, total = selectors.participation(c, allowed)
    building, households = None, None
    bid = request.GET.get("building") or (
        next(iter(allowed)) if allowed and len(allowed) == 1 else None
    )
    if bid and str(bid).isdigit() and (allowed is None or int(bid) in allowed):
        building = (
            Building.objects.filter(pk=bid, neighborhood=c.neighborhood)
            .select_related("compound")
            .first()
        )
        if building:
            households = paginate(request, selectors.households_heard(c, building), per_page=100)
    chart = participation_chart(rows)
    return render(
        request,
        "consult/participation.html",
        {
            "c": c,
            "rows": rows,
            "compounds": compounds,
            "total": total,
            "chart": chart,
            "building": building,
            "households": households,
            "can_manage": organiser,
            "can_enter": building is not None
            and request.user.has_perm("consult.enter_on_behalf", building),
        },
    )


@login_required
@require_POST
def remind(request, pk):
    c = _consultation(pk, request.user, "consult.manage_consultation")
    done = run_action(request, actions.consultation_remind, consultation=c, actor=request.user)
    if done.ok:
        reminded(request, done.value)
    return redirect("consult:consultation-participation", c.pk)


@cached_page
@login_required
def results(request, pk):
    c = _consultation(pk, request.user)
    if not request.user.has_perm("consult.view_results", c):
        messages.info(request, _("Results are shown once the committee publishes them."))
        return redirect(c)
    questions = selectors.results(c, selectors.questions_of(c))
    for q in questions:
        if q.has_choices:
            values = (
                [n for _c, n, _r in q.rows]
                if q.kind != Question.Kind.RANKING
                else [round(r, 2) if r else 0 for _c, _n, r in q.rows]
            )
            title = (
                q.text
                if q.kind != Question.Kind.RANKING
                else _("%(q)s (average rank, lower is preferred)") % {"q": q.text}
            )
            q.chart = charts.bar(
                title,
                [ch.label for ch, _n, _r in q.rows],
                {_("answers"): values},
                horizontal=True,
                show_legend=False,
                print_values=True,
                width=420,
                height=max(180, 70 + 40 * len(q.rows)),
            )
        elif q.kind == Question.Kind.RATING:
            q.chart = charts.bar(
                q.text,
                [str(v) for v, _n in q.ratings],
                {_("answers"): [n for _v, n in q.ratings]},
                show_legend=False,
                print_values=True,
                width=420,
                height=240,
            )
    return render(
        request,
        "consult/results.html",
        {
            "c": c,
            "questions": questions,
            "can_manage": request.user.has_perm("consult.manage_consultation", c),
            "can_export": request.user.has_perm("consult.export_results", c),
        },
    )


@login_required
def text_answers(request, pk, question_id):
    c = _consultation(pk, request.user, "consult.view_results")
    question = get_object_or_404(Question, pk=question_id, consultation=c)
    can_manage = request.user.has_perm("consult.manage_consultation", c)
    page = paginate(
        request, selectors.text_answers(question, include_hidden=can_manage), per_page=30
    )
    return render(
        request,
        "consult/text_answers.html",
        {"c": c, "question": question, "page": page, "can_manage": can_manage},
    )


@login_required
@require_POST
def moderate(request, pk, answer_id):
    c = _consultation(pk, request.user, "consult.manage_consultation")
    answer = get_object_or_404(
        Answer.objects.select_related("question__consultation"),
        pk=answer_id,
        question__consultation=c,
    )
    actions.answer_moderate(
        answer=answer, actor=request.user, hidden=request.POST.get("hidden") == "1"
    )
    messages.success(
        request, _("The answer is hidden.") if answer.hidden else _("The answer is shown again.")
    )
    return redirect("consult:text-answers", c.pk, answer.question_id)


@login_required
@require_POST
def publish(request, pk):
    c = _consultation(pk, request.user, "consult.manage_consultation")
    actions.results_publish(consultation=c, actor=request.user)
    messages.success(request, _("The results are published to residents."))
    return redirect("consult:consultation-results", c.pk)


@login_required
def export(request, pk, fmt):
    c = _consultation(pk, request.user, "consult.export_results")
    header, rows = selectors.export_rows(c, selectors.questions_of(c))
    if fmt not in ("csv", "xlsx"):
        from django.http import Http404

        raise Http404
    if fmt == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="consultation-{c.pk}.csv"'
        response.write("\ufeff")  # Excel opens UTF-8 CSV with Chinese correctly only with a BOM
        writer = csv.writer(response)
        writer.writerow(header)
        writer.writerows([[_safe(v) for v in row] for row in rows])
        return response
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(title="answers")
    ws.append(header)
    for row in rows:
        ws.append([_safe(v) for v in row])
    response = HttpResponse(
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="consultation-{c.pk}.xlsx"'
    wb.save(response)
    return response


def _safe(value):
    """Spreadsheet formulas in answers are shown as text, never run (CSV/formula injection)."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
        return "'" + value
    return value
