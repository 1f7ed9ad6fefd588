"""Request pages: list (with filters and overdue), new (with likely duplicates), detail
with its history and the moves each person may make."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.community.models import Neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core.errors import first_message
from linli.core.pagecache import cached_page
from linli.core.perms import require
from linli.core.text import render_markdown

from .. import actions, selectors
from ..forms import RateForm, ReasonForm, RequestForm, TransferForm, TransitionForm
from ..models import Party, Request
from .common import back, fail


def request_index(request):
    household = getattr(request.user, "household", None) if request.user.is_authenticated else None
    if household is not None:
        return redirect("office:request-list", slug=household.neighborhood.slug)
    neighborhoods = selectors.neighborhoods_to_choose()
    if len(neighborhoods) == 1:
        return redirect("office:request-list", slug=neighborhoods[0].slug)
    return render(request, "office/request_index.html", {"neighborhoods": neighborhoods})


def _int(value):
    try:
        return int(value) if value and len(value) < 19 else None
    except ValueError:
        return None


@cached_page
def request_list(request, slug):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    f = {
        "status": request.GET.get("status", ""),
        "category": _int(request.GET.get("category")),
        "party": request.GET.get("party", ""),
        "overdue": request.GET.get("overdue") == "1",
        "mine": request.GET.get("mine") == "1",
    }
    qs = selectors.request_list(user=request.user, neighborhood=neighborhood, **f).only(
        *selectors.LIST_FIELDS
    )
    page = selectors.Window(qs, request.GET.get("page"))
    page.object_list = selectors.with_reporters(request.user, page.object_list)
    return render(
        request,
        "office/request_list.html",
        {
            "neighborhood": neighborhood,
            "page": page,
            "filters": f,
            "categories": list(selectors.categories_of(neighborhood, active_only=False)),
            "parties": Party.choices,
            "statuses": Request.Status.choices,
            "sees_all": selectors.sees_all(request.user, neighborhood),
            "can_submit": request.user.has_perm("office.submit_request", neighborhood),
            "can_dashboard": request.user.has_perm("office.view_dashboard", neighborhood),
            "can_export": request.user.has_perm("office.export_requests", neighborhood),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def request_create(request, slug):
    neighborhood = neighborhood_or_404(
        request,
        slug,
        "office.submit_request",
        _("Only verified residents of this neighborhood can send requests."),
    )
    form = RequestForm(
        request.POST or None,
        request.FILES or None,
        neighborhood=neighborhood,
        initial={"public": True},
    )
    similar = []
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        similar = selectors.similar_requests(
            neighborhood=neighborhood,
            category=d["category"].pk,
            building=d["building"].pk if d["building"] else None,
            text=d["description"],
        )
        if "check" not in request.POST:
            try:
                made = actions.request_submit(
                    reporter=request.user,
                    neighborhood=neighborhood,
                    category=d["category"],
                    description=d["description"],
                    building=d["building"],
                    place=d["place"],
                    public=d["public"],
                    share_phone=d["share_phone"],
                    photos=d["photos"],
                )
            except ValidationError as error:
                form.add_error(None, first_message(error))
            else:
                messages.success(
                    request,
                    _("Your request #%(n)s is sent to the %(party)s.")
                    % {"n": made.pk, "party": Party(made.party).label},
                )
                return redirect(made)
    return render(
        request,
        "office/request_form.html",
        {
            "neighborhood": neighborhood,
            "form": form,
            "similar": similar,
            "checked": "check" in request.POST,
        },
    )


def request_similar(request, slug):
    """The likely-duplicates fragment, fetched by htmx while the resident types."""
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    similar = selectors.similar_requests(
        neighborhood=neighborhood,
        category=_int(request.GET.get("category")),
        building=_int(request.GET.get("building")),
        text=request.GET.get("description", "")[:500],
    )
    return render(
        request,
        "office/request_form.html#similar",
        {"similar": similar, "neighborhood": neighborhood, "checked": True},
    )


@cached_page
def request_detail(request, pk):
    item = get_object_or_404(
        Request.objects.select_related(
            "category", "building__compound", "neighborhood", "reporter", "household__building"
        ),
        pk=pk,
    )
    require(request.user, "office.view_request", item)
    user = request.user
    can = {
        p: user.has_perm(f"office.{p}", item)
        for p in (
            "handle_request",
            "transfer_request",
            "follow_request",
            "rate_request",
            "reopen_request",
        )
    }
    who = selectors.reporter_view(user, item)
    return render(
        request,
        "office/request_detail.html",
        {
            "item": item,
            "who": who,
            "events": selectors.request_events(item),
            "photos": list(item.photos.all()),
            "can": can,
            "following": selectors.is_following(user, item) if can["follow_request"] else False,
            "transition_form": TransitionForm(current=item.status),
            "transfer_form": TransferForm(),
            "rate_form": RateForm(),
            "reopen_form": ReasonForm(),
            "similar": selectors.similar_requests(
                neighborhood=item.neighborhood,
                category=item.category_id,
                building=item.building_id,
                exclude=item.pk,
                limit=3,
            )
            if can["handle_request"]
            else [],
            "description_html": render_markdown(item.description),
        },
    )


def _load(pk):
    return get_object_or_404(Request.objects.select_related("category", "neighborhood"), pk=pk)


@login_required
@require_POST
def request_transition(request, pk):
    item = _load(pk)
    form = TransitionForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a status."))
        actions.request_transition(
            request=item,
            actor=request.user,
            to=form.cleaned_data["to"],
            note=form.cleaned_data["note"],
        )
        messages.success(request, _("Saved; the resident is told."))
    except ValidationError as error:
        fail(request, error)
    return back(request, item.get_absolute_url())


@login_required
@require_POST
def request_transfer(request, pk):
    item = _load(pk)
    form = TransferForm(request.POST)
    try:
        actions.request_transfer(
            request=item,
            actor=request.user,
            party=form.data.get("party", ""),
            reason=form.data.get("reason", ""),
        )
        messages.success(request, _("Transferred."))
    except ValidationError as error:
        fail(request, error)
    return back(request, item.get_absolute_url())


@login_required
@require_POST
def request_follow(request, pk):
    item = _load(pk)
    if request.POST.get("follow") == "0":
        actions.request_unfollow(request=item, person=request.user)
        messages.success(request, _("You no longer follow this request."))
    else:
        actions.request_follow(request=item, person=request.user)
        messages.success(request, _("Me too: you will be told of every change."))
    return back(request, item.get_absolute_url())


@login_required
@require_POST
def request_rate(request, pk):
    item = _load(pk)
    form = RateForm(request.POST)
    try:
        if not form.is_valid():
            raise ValidationError(_("Rate from 1 to 5 stars."))
        actions.request_rate(
            request=item,
            person=request.user,
            rating=form.cleaned_data["rating"],
            comment=form.cleaned_data["comment"],
        )
        messages.success(request, _("Thank you for rating."))
    except ValidationError as error:
        fail(request, error)
    return back(request, item.get_absolute_url())


@login_required
@require_POST
def request_reopen(request, pk):
    item = _load(pk)
    try:
        actions.request_reopen(
            request=item, person=request.user, reason=request.POST.get("reason", "")
        )
        messages.success(request, _("Reopened; the office is told."))
    except ValidationError as error:
        fail(request, error)
    return back(request, item.get_absolute_url())
