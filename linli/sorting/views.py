"""Sorting pages: the guide, an item, suggestions, staff management, the iCal feed, the scoreboard."""

from datetime import date

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.models import Building, Neighborhood
from linli.community.predicates import led_building_ids
from linli.community.selectors import neighborhood_to_open
from linli.core import charts
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, feeds, selectors
from .forms import (
    CheckForm,
    CollectionDayForm,
    DecideForm,
    ItemForm,
    PointForm,
    SearchForm,
    SuggestForm,
)
from .models import Item, Kind


def _neighborhood(slug):
    return get_object_or_404(Neighborhood, slug=slug)


def home_neighborhood(request):
    return neighborhood_to_open(request.user)


def index(request):
    neighborhood = home_neighborhood(request)
    if neighborhood is None:
        return render(request, "sorting/empty.html")
    return redirect("sorting:guide", slug=neighborhood.slug)


def _apply_errors(form, error):
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


@cached_page
def guide(request, slug):
    neighborhood = _neighborhood(slug)
    require(request.user, "sorting.view_guide", neighborhood)
    form = SearchForm(request.GET or None)
    query, kind, results, page = "", "", [], None
    if form.is_valid():
        query, kind = form.cleaned_data["q"].strip(), form.cleaned_data["kind"]
    if query:
        results = [entry for entry, _score in selectors.search(neighborhood.pk, query, limit=30)]
        if kind:
            results = [e for e in results if e.kind == kind]
    elif kind:
        entries = [e for e in selectors.guide.index_for(neighborhood.pk).entries if e.kind == kind]
        page = paginate(request, sorted(entries, key=lambda e: e.name_zh), per_page=60)
        results = page.object_list
    context = {
        "neighborhood": neighborhood,
        "form": form,
        "query": query,
        "kind": kind,
        "results": results,
        "page": page,
        "kinds": Kind.choices,
        "points": selectors.points_of(neighborhood),
        "collection_days": selectors.upcoming_collection_days(neighborhood),
        "can_suggest": request.user.has_perm("sorting.suggest_item", neighborhood),
        "can_manage": request.user.has_perm("sorting.manage_guide", neighborhood),
        "can_scoreboard": request.user.has_perm("sorting.view_scoreboard", neighborhood),
    }
    if request.htmx and request.htmx.target == "guide-results":
        return render(request, "sorting/guide.html#results", context)
    return render(request, "sorting/guide.html", context)


def item_detail(request, pk):
    item = get_object_or_404(Item.objects.select_related("neighborhood"), pk=pk)
    if item.status != Item.Status.PUBLISHED:
        require(request.user, "sorting.manage_guide", item)
    neighborhood = item.neighborhood or home_neighborhood(request)
    require(request.user, "sorting.view_guide", neighborhood)
    points = (
        [p for p in selectors.points_of(neighborhood) if item.kind in p.kind_list]
        if neighborhood
        else []
    )
    return render(
        request,
        "sorting/item_detail.html",
        {
            "item": item,
            "neighborhood": neighborhood,
            "preparation": selectors.item_preparation(item),
            "points": points,
            "collection_days": selectors.upcoming_collection_days(neighborhood)
            if neighborhood and item.kind in ("bulky", "hazardous", "recyclable")
            else [],
            "can_manage": neighborhood is not None
            and request.user.has_perm("sorting.manage_guide", neighborhood),
        },
    )


@login_required
def suggest(request, slug):
    neighborhood = _neighborhood(slug)
    require(
        request.user,
        "sorting.suggest_item",
        neighborhood,
        _("Only verified residents of this neighborhood may suggest items."),
    )
    form = SuggestForm(request.POST or None, initial={"name_zh": request.GET.get("q", "")[:40]})
    if request.method == "POST" and form.is_valid():
        try:
            actions.item_suggest(
                neighborhood=neighborhood, person=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("Thank you! Staff will check your suggestion and add it to the guide.")
            )
            return redirect("sorting:guide", slug=slug)
    return render(request, "sorting/suggest.html", {"neighborhood": neighborhood, "form": form})


@login_required
def manage(request, slug):
    neighborhood = _neighborhood(slug)
    require(request.user, "sorting.manage_guide", neighborhood)
    compounds = selectors.compound_choices(neighborhood)
    item_form = ItemForm(prefix="item")
    point_form = PointForm(prefix="point", compounds=compounds)
    day_form = CollectionDayForm(prefix="day", compounds=compounds)
    if request.method == "POST":
        which = request.POST.get("form")
        try:
            if which == "item":
                item_form = ItemForm(request.POST, prefix="item")
                if item_form.is_valid():
                    actions.item_save(
                        neighborhood=neighborhood, actor=request.user, **item_form.cleaned_data
                    )
                    messages.success(request, _("The item is in the guide."))
                    return redirect("sorting:manage", slug=slug)
            elif which == "point":
                point_form = PointForm(request.POST, prefix="point", compounds=compounds)
                if point_form.is_valid():
                    actions.point_save(actor=request.user, **point_form.cleaned_data)
                    messages.success(request, _("The drop-off point is saved."))
                    return redirect("sorting:manage", slug=slug)
            elif which == "day":
                day_form = CollectionDayForm(request.POST, prefix="day", compounds=compounds)
                if day_form.is_valid():
                    actions.collection_day_save(
                        neighborhood=neighborhood, actor=request.user, **day_form.cleaned_data
                    )
                    messages.success(request, _("The collection day is saved."))
                    return redirect("sorting:manage", slug=slug)
        except ValidationError as error:
            _apply_errors({"item": item_form, "point": point_form, "day": day_form}[which], error)
    return render(
        request,
        "sorting/manage.html",
        {
            "neighborhood": neighborhood,
            "item_form": item_form,
            "point_form": point_form,
            "day_form": day_form,
            "suggestions": paginate(request, selectors.suggestions(neighborhood), per_page=30),
            "local_items": selectors.local_items(neighborhood)[:100],
            "points": selectors.points_of(neighborhood),
            "decide_form": DecideForm(),
        },
    )


@login_required
@require_POST
def suggestion_decide(request, pk):
    item = get_object_or_404(Item, pk=pk, neighborhood__isnull=False)
    require(request.user, "sorting.manage_guide", item)
    accept = request.POST.get("decision") == "accept"
    form = DecideForm(request.POST)
    try:
        if accept and not form.is_valid():
            raise ValidationError(_("Choose one of the kinds of waste."))
        actions.suggestion_decide(
            item=item,
            actor=request.user,
            accept=accept,
            kind=form.cleaned_data.get("kind") if accept else None,
            note=form.cleaned_data.get("note") if accept else None,
        )
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Added to the guide.") if accept else _("Suggestion declined."))
    return redirect("sorting:manage", slug=item.neighborhood.slug)


@login_required
@require_POST
def item_delete(request, pk):
    item = get_object_or_404(Item, pk=pk, neighborhood__isnull=False)
    try:
        actions.item_delete(item=item, actor=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The item was removed from this neighborhood's guide."))
    return redirect("sorting:manage", slug=item.neighborhood.slug)


def collection_feed(request, slug):
    neighborhood = _neighborhood(slug)
    require(request.user, "sorting.view_guide", neighborhood)
    body = feeds.collection_calendar(neighborhood, selectors.collection_days_for_feed(neighborhood))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{neighborhood.slug}-collection.ics"'
    return response


def _month_from(request):
    raw = request.GET.get("month", "")
    try:
        year, month = (int(x) for x in raw.split("-"))
        return date(year, month, 1)
    except ValueError:
        return timezone.localdate().replace(day=1)


@cached_page
@login_required
def scoreboard(request, slug):
    neighborhood = _neighborhood(slug)
    require(request.user, "sorting.view_scoreboard", neighborhood)
    month = _month_from(request)
    table, months = selectors.scoreboard(neighborhood, month)
    scored = [r for r in table if r["score"] is not None]
    labels = [f"{r['building'].compound.name} {r['building'].number}" for r in scored]
    chart = (
        charts.bar(
            _("Share well sorted, %(month)s") % {"month": f"{month:%Y-%m}"},
            labels,
            {_("Score"): [r["score"] for r in scored]},
            horizontal=True,
            show_legend=False,
            height=max(240, 22 * len(scored) + 80),
            range=(0, 100),
        )
        if scored
        else None
    )
    averages = []
    for i, _m in enumerate(months):
        values = [r["trend"][i] for r in table if r["trend"][i] is not None]
        averages.append(round(sum(values) / len(values)) if values else None)
    trend_chart = charts.line(
        _("Neighborhood average, last 6 months"),
        [f"{m:%Y-%m}" for m in months],
        {_("Average score"): averages},
        show_legend=False,
        height=240,
        range=(0, 100),
    )
    previous = (month - timezone.timedelta(days=1)).replace(day=1)
    following = (month + timezone.timedelta(days=32)).replace(day=1)
    return render(
        request,
        "sorting/scoreboard.html",
        {
            "neighborhood": neighborhood,
            "month": month,
            "months": months,
            "table": table,
            "chart": chart,
            "trend_chart": trend_chart,
            "averages": averages,
            "previous": previous,
            "following": following if following <= timezone.localdate() else None,
            "can_record": request.user.has_perm("sorting.record_check", neighborhood),
            # Whoever may open every building's record (staff, property manager, street
            # staff) gets the links; a leader gets the one of their own building.
            "can_see_records": request.user.has_perm("sorting.view_building_checks", neighborhood),
            "led": led_building_ids(request.user),
        },
    )


@login_required
def building_record(request, pk):
    building = get_object_or_404(Building.objects.select_related("compound", "neighborhood"), pk=pk)
    require(
        request.user,
        "sorting.view_building_checks",
        building,
        _("Only staff and this building's leader see its sorting checks."),
    )
    months = selectors.months_back(timezone.localdate(), 12)
    history = selectors.building_months(building, months)
    scores = [row.score if row else None for _m, row in history]
    chart = charts.line(
        _("Score by month"),
        [f"{m:%Y-%m}" for m in months],
        {building.label: scores},
        show_legend=False,
        height=240,
        range=(0, 100),
    )
    return render(
        request,
        "sorting/building_record.html",
        {
            "building": building,
            "history": history,
            "chart": chart,
            "checks": paginate(request, selectors.building_checks(building), per_page=30),
            "points": selectors.dropoffs_for_building(building),
        },
    )


@login_required
def check_new(request, slug):
    neighborhood = _neighborhood(slug)
    require(request.user, "sorting.record_check", neighborhood)
    buildings, points = selectors.check_choices(neighborhood)
    form = CheckForm(
        request.POST or None,
        request.FILES or None,
        buildings=buildings,
        points=points,
        initial={"day": timezone.localdate(), "building": request.GET.get("building")},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            actions.check_record(
                building=data["building"],
                actor=request.user,
                day=data["day"],
                result=data["result"],
                point=data["point"],
                note=data["note"],
                photo=data["photo"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The check is recorded."))
            return redirect("sorting:check-new", slug=slug)
    return render(request, "sorting/check_form.html", {"neighborhood": neighborhood, "form": form})
