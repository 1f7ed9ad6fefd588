"""The owner register of each compound (业主名册): the owners' assembly's electorate, its
units and their exclusive floor areas. Committee staff see every compound; the owners'
committee and the property manager only the compound they serve."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require
from linli.core.search import search_query

from .. import selectors
from ..actions.owners import OwnerEntry, unit_owners_set
from ..forms import ImportForm
from ..imports import ImportRejected
from ..models import Compound, Household, Neighborhood
from ..owner_imports import OWNER_COLUMNS_HELP, owner_import

OWNER_LINES = 4  # a unit's form shows its owners and blank lines up to this many


def _neighborhood(request, slug):
    neighborhood = get_object_or_404(Neighborhood, slug=slug)
    require(
        request.user,
        "community.open_owners",
        neighborhood,
        _(
            "The owner register is for committee staff, the owners' committee and the property manager."
        ),
    )
    return neighborhood


def _digits(value, limit=10):
    return (
        int(value) if value and value.isascii() and value.isdigit() and len(value) < limit else None
    )


@cached_page
@login_required
def owner_register(request, slug):
    neighborhood = _neighborhood(request, slug)
    compounds = selectors.compounds_served(request.user, neighborhood)
    if not compounds:
        raise Http404
    chosen = _digits(request.GET.get("compound"))
    compound = next((c for c in compounds if c.pk == chosen), compounds[0])
    building_id = _digits(request.GET.get("building"))
    q = search_query(request.GET.get("q"))
    missing = request.GET.get("missing") == "1"
    page = paginate(
        request,
        selectors.owner_register(compound, building_id=building_id, search=q, missing=missing),
        per_page=50,
    )
    return render(
        request,
        "community/owner_register.html",
        {
            "neighborhood": neighborhood,
            "compounds": compounds,
            "compound": compound,
            "buildings": compound.buildings.order_by("sort_key", "number"),
            "building_id": building_id,
            "q": q,
            "missing": missing,
            "page": page,
            "summary": selectors.owner_summary(compound),
            "can_manage": request.user.has_perm("community.manage_owners", compound),
        },
    )


class OwnerLineForm(forms.Form):
    name = forms.CharField(label=gettext_lazy("owner's name"), max_length=60, required=False)
    phone = forms.CharField(label=gettext_lazy("phone"), max_length=20, required=False)
    identity = forms.CharField(
        label=gettext_lazy("owner identity"),
        max_length=64,
        required=False,
        help_text=gettext_lazy("The same for every unit of one owner, e.g. an ID number."),
    )


OwnerLines = forms.formset_factory(
    OwnerLineForm, extra=0, max_num=OWNER_LINES, absolute_max=OWNER_LINES
)


@login_required
@require_http_methods(["GET", "POST"])
def unit_owners_edit(request, pk):
    household = get_object_or_404(
        Household.objects.select_related("building__compound__neighborhood"), pk=pk
    )
    compound = household.building.compound
    require(
        request.user,
        "community.manage_owners",
        compound,
        _("Only committee staff and this compound's owners' committee may change its owners."),
    )
    current = list(household.owner_units.select_related("owner").order_by("owner__name"))
    developer = any(t.owner.is_developer for t in current)
    initial = [
        {"name": t.owner.name, "phone": t.owner.phone, "identity": t.owner.identity}
        for t in current
        if not t.owner.is_developer
    ]
    initial += [{}] * (OWNER_LINES - len(initial))
    lines = OwnerLines(request.POST or None, initial=initial[:OWNER_LINES], prefix="o")
    if request.method == "POST" and lines.is_valid():
        if request.POST.get("developer") == "1":
            entries = [OwnerEntry(name="", is_developer=True)]
        else:
            entries = [
                OwnerEntry(name=d["name"], phone=d["phone"], identity=d["identity"])
                for d in lines.cleaned_data
                if d and (d.get("name") or d.get("phone") or d.get("identity"))
            ]
        done = run_action(
            request,
            unit_owners_set,
            success=_("The owners of %(home)s are saved.") % {"home": household.address},
            household=household,
            actor=request.user,
            owners=entries,
        )
        if done.ok:
            url = reverse("community:owner-register", args=[compound.neighborhood.slug])
            return redirect(f"{url}?compound={compound.pk}&building={household.building_id}")
    return render(
        request,
        "community/unit_owners_form.html",
        {
            "household": household,
            "compound": compound,
            "neighborhood": compound.neighborhood,
            "lines": lines,
            "developer": developer,
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def owner_import_view(request, slug):
    neighborhood = _neighborhood(request, slug)
    allowed = [
        c.pk
        for c in Compound.objects.filter(neighborhood=neighborhood)
        if request.user.has_perm("community.manage_owners", c)
    ]
    if not allowed:
        raise PermissionDenied(
            _("Only committee staff and a compound's owners' committee may import its owners.")
        )
    form = ImportForm(
        request.POST or None,
        request.FILES or None,
        compounds=Compound.objects.filter(pk__in=allowed),
    )
    report = None
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        compound = form.cleaned_data["compound"]
        try:
            report = owner_import(
                compound=compound, data=upload.read(), filename=upload.name, actor=request.user
            )
        except ValidationError as error:
            form.add_error("file", error)
        except ImportRejected as rejected:
            report = rejected.report
        else:
            messages.success(
                request,
                _("Imported: the owners of %(units)s units, %(created)s new owners.")
                % {"units": report.updated, "created": report.created},
            )
            url = reverse("community:owner-register", args=[neighborhood.slug])
            return redirect(f"{url}?compound={compound.pk}")
    return render(
        request,
        "community/owner_import.html",
        {
            "neighborhood": neighborhood,
            "form": form,
            "report": report,
            "columns_help": OWNER_COLUMNS_HELP,
        },
    )
