"""The street office's pages: the overview of its neighborhoods (with charts, comparison and
one neighborhood's figures), escalated requests, and departments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import pgettext
from django.views.decorators.http import require_http_methods, require_POST

from linli.community.models import Neighborhood, Street
from linli.community.shortcuts import neighborhood_or_404
from linli.core import charts
from linli.core.errors import first_message
from linli.core.forms import run_action
from linli.core.paging import paginate
from linli.core.perms import require
from linli.office.models import Request

from . import actions, selectors
from .forms import AnswerForm, DepartmentForm, EscalateForm, RouteForm
from .models import Department, Escalation

MAX_COMPARE = 8


def _street(request, pk, perm="street.view_overview"):
    street = get_object_or_404(Street, pk=pk)
    require(request.user, perm, street, _("This page is for the street's staff."))
    return street


@login_required
def street_index(request):
    require(request.user, "street.open_street", message=_("This page is for the street's staff."))
    streets = list(selectors.streets_of(request.user))
    if len(streets) == 1:
        return redirect("street:overview", streets[0].pk)
    return render(request, "street/street_index.html", {"streets": streets})


def _name(n):
    from django.utils.translation import get_language

    return n.name_en if n.name_en and (get_language() or "").startswith("en") else n.name


@login_required
def overview(request, pk):
    """Every neighborhood of the street (a page of them), or those ticked to compare (`n`)."""
    street = _street(request, pk)
    wanted = [slug for slug in request.GET.getlist("n") if slug][:MAX_COMPARE]
    all_neighborhoods = selectors.street_neighborhoods(street)
    if wanted:
        page = None
        neighborhoods = list(all_neighborhoods.filter(slug__in=wanted))
    else:
        page = paginate(request, all_neighborhoods, per_page=30)
        neighborhoods = list(page.object_list)
    rows = selectors.overview(street, neighborhoods)
    return render(
        request,
        "street/overview.html",
        {
            "street": street,
            "rows": rows,
            "page": page,
            "comparing": bool(wanted),
            "charts": _charts(rows),
            "max_compare": MAX_COMPARE,
        },
    )


def _charts(rows):
    names = [_name(r.neighborhood) for r in rows]
    if not rows:
        return []
    labels = selectors.month_labels()
    return [
        charts.bar(
            _("Participation (% of households heard)"),
            names,
            {_("Participation"): [r.participation for r in rows]},
            show_legend=False,
            width=480,
            height=300,
        ),
        charts.bar(
            _("Open and overdue requests"),
            names,
            {
                _("Open"): [r.open_requests for r in rows],
                _("Overdue"): [r.overdue_requests for r in rows],
                _("With the street"): [r.escalations_open for r in rows],
            },
            width=480,
            height=300,
        ),
        charts.bar(
            _("Resolved in time (%)"),
            names,
            {_("Resolved in time"): [r.on_time for r in rows]},
            show_legend=False,
            width=480,
            height=300,
        ),
        charts.bar(
            _("Sorting score"),
            names,
            {_("Sorting score"): [r.sorting_score for r in rows]},
            show_legend=False,
            width=480,
            height=300,
        ),
        charts.line(
            _("Requests per month"),
            labels,
            {name: r.per_month for name, r in zip(names, rows, strict=True)},
            width=480,
            height=300,
            x_label_rotation=45,
        ),
        charts.bar(
            _("Active people (last 30 days)"),
            names,
            {_("Active people"): [r.active_people for r in rows]},
            show_legend=False,
            width=480,
            height=300,
        ),
    ]


@login_required
def neighborhood_figures(request, pk, slug):
    """One neighborhood's figures, with its monthly requests, and the ways into its pages."""
    street = _street(request, pk)
    neighborhood = get_object_or_404(Neighborhood, slug=slug, street=street)
    (row,) = selectors.overview(street, [neighborhood])
    chart = charts.bar(
        _("Requests per month"),
        selectors.month_labels(),
        {_("Requests"): row.per_month},
        show_legend=False,
        width=640,
        height=300,
        x_label_rotation=45,
    )
    return render(
        request,
        "street/neighborhood_figures.html",
        {
            "street": street,
            "neighborhood": neighborhood,
            "row": row,
            "chart": chart,
            "escalations": list(
                selectors.escalations(neighborhood=neighborhood, status="open")[:20]
            ),
        },
    )


@login_required
def escalation_list(request, pk):
    street = _street(request, pk)
    status = request.GET.get("status", "open")
    page = paginate(request, selectors.escalations(street=street, status=status), per_page=30)
    return render(
        request,
        "street/escalation_list.html",
        {
            "street": street,
            "page": page,
            "status": status,
            "statuses": [("open", pgettext("request", "open"))] + list(Escalation.Status.choices),
        },
    )


@login_required
def escalation_mine(request, slug):
    """A neighborhood's escalations, for its committee (and the street's staff)."""
    neighborhood = neighborhood_or_404(request, slug, "street.view_escalations")
    page = paginate(request, selectors.escalations(neighborhood=neighborhood), per_page=30)
    return render(
        request, "street/escalation_mine.html", {"neighborhood": neighborhood, "page": page}
    )


@login_required
def escalation_detail(request, pk):
    try:
        item = selectors.escalation_detail(pk)
    except Escalation.DoesNotExist:
        raise Http404 from None
    require(request.user, "street.view_escalation", item)
    can_handle = request.user.has_perm("street.handle_escalation", item)
    return render(
        request,
        "street/escalation_detail.html",
        {
            "item": item,
            "can_handle": can_handle and item.is_open,
            "route_form": RouteForm(departments=selectors.departments_of(item.street_id))
            if can_handle
            else None,
            "answer_form": AnswerForm() if can_handle else None,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def escalation_create(request, pk):
    item = get_object_or_404(Request.objects.select_related("category", "neighborhood"), pk=pk)
    require(
        request.user,
        "street.escalate_request",
        item,
        _("Only committee staff of this neighborhood can escalate its requests."),
    )
    form = EscalateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.escalation_create,
            form=form,
            success=_("Escalated: the street is told, and so is the reporter."),
            request=item,
            actor=request.user,
            reason=form.cleaned_data["reason"],
        )
        if done.ok:
            return redirect(done.value)
    return render(
        request,
        "street/escalation_form.html",
        {"item": item, "form": form, "current": selectors.escalation_of(item.pk)},
    )


def _escalation(pk):
    return get_object_or_404(
        Escalation.objects.select_related("request__category", "department"), pk=pk
    )


@login_required
@require_POST
def escalation_route(request, pk):
    item = _escalation(pk)
    require(request.user, "street.handle_escalation", item)
    form = RouteForm(request.POST, departments=selectors.departments_of(item.street_id))
    if form.is_valid():
        run_action(
            request,
            actions.escalation_route,
            success=_("Routed; the neighborhood is told."),
            escalation=item,
            actor=request.user,
            department=form.cleaned_data["department"],
            note=form.cleaned_data["note"],
        )
    else:
        messages.error(request, _("Choose one of this street's departments."))
    return redirect(item)


@login_required
@require_POST
def escalation_close(request, pk, how):
    item = _escalation(pk)
    require(request.user, "street.handle_escalation", item)
    form = AnswerForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Write the answer, or why it is returned, in a few words."))
        return redirect(item)
    fn, text = (
        (actions.escalation_answer, _("Answered; the neighborhood is told."))
        if how == "answer"
        else (actions.escalation_return, _("Returned to the neighborhood."))
    )
    kwargs = {"answer" if how == "answer" else "reason": form.cleaned_data["text"]}
    run_action(request, fn, success=text, escalation=item, actor=request.user, **kwargs)
    return redirect(item)


@login_required
@require_http_methods(["GET", "POST"])
def department_list(request, pk, department_id=None):
    street = _street(request, pk, "street.manage_departments")
    department = (
        get_object_or_404(Department, pk=department_id, street=street) if department_id else None
    )
    form = DepartmentForm(request.POST or None, instance=department)
    if request.method == "POST" and form.is_valid():
        try:
            actions.department_save(
                actor=request.user, street=street, department=department, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, first_message(error))
        else:
            messages.success(request, _("Department saved."))
            return redirect("street:department-list", street.pk)
    return render(
        request,
        "street/department_list.html",
        {
            "street": street,
            "form": form,
            "editing": department,
            "departments": list(selectors.departments_of(street, active_only=False)[:200]),
        },
    )
