"""Casting a ballot online, entering paper and proxy ballots, checking a receipt."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.models import Household, Resident
from linli.core import ratelimit
from linli.core.errors import first_message
from linli.decide import actions, selectors
from linli.decide.forms import (
    choices_from_post,
)
from linli.decide.models import Decision
from linli.decide.receipts import receipt_display

from .common import _decision


@login_required
@require_POST
def ballot_cast(request, pk):
    decision = _decision(pk, request.user, "decide.vote")
    options = selectors.options_of(decision)
    try:
        chosen = choices_from_post(decision, options, request.POST)
        ballot = actions.ballot_cast(decision=decision, actor=request.user, option_ids=chosen)
    except ValueError as error:
        messages.error(request, str(error))
    except (ValidationError, PermissionDenied) as error:
        messages.error(
            request, first_message(error) if isinstance(error, ValidationError) else str(error)
        )
    else:
        messages.success(
            request, _("Your ballot is counted. You can change it until voting closes.")
        )
        messages.info(request, _receipt_message(ballot))
    return redirect(decision.get_absolute_url() + "#ballot")


def _receipt_message(ballot):
    return _(
        "Receipt code: %(code)s. Keep it: with it you (or anyone you give it to) can check on the "
        "decision's page that this ballot is counted, never how it voted."
    ) % {"code": receipt_display(ballot.receipt)}


def _household_from_post(request, decision):
    """The household a paper or proxy form names: by its address as people write it ("7-1204"),
    or by the hidden id of a row of the participation page."""
    address = request.POST.get("address", "").strip()
    if address:
        return selectors.household_by_address(decision.neighborhood, address)
    household = (
        Household.objects.filter(
            pk=request.POST.get("household")
            if str(request.POST.get("household", "")).isdigit()
            else None,
            neighborhood=decision.neighborhood,
        )
        .select_related("building")
        .first()
    )
    if household is None:
        raise ValidationError(_("Write the household's address, for example 7-1204."))
    return household


@login_required
@require_POST
def ballot_enter(request, pk):
    """A paper ballot (building leader, staff) or a written proxy (organisers, with the scanned form)."""
    decision = _decision(pk, request.user, "decide.view_participation")
    channel = request.POST.get("channel", "paper")
    try:
        household = _household_from_post(request, decision)
        resident = None
        if decision.unit == Decision.Unit.RESIDENT:
            rid = request.POST.get("resident", "")
            resident = Resident.objects.filter(
                pk=rid if rid.isdigit() else None, household=household
            ).first()
        chosen = choices_from_post(decision, selectors.options_of(decision), request.POST)
        ballot = actions.ballot_cast(
            decision=decision,
            actor=request.user,
            household=household,
            resident=resident,
            option_ids=chosen,
            channel=channel,
            proxy_holder=request.POST.get("proxy_holder", ""),
            proxy_form=request.FILES.get("proxy_form"),
            replace_reason=request.POST.get("replace_reason", "")[:500],
        )
    except ValueError as error:
        messages.error(request, str(error))
    except ValidationError as error:
        messages.error(request, first_message(error))
    except PermissionDenied as error:
        messages.error(request, str(error))
    else:
        messages.success(
            request, _("The ballot of %(home)s is recorded.") % {"home": household.address}
        )
        messages.info(request, _receipt_message(ballot))
        return redirect(
            f"{decision.get_absolute_url()}participation/?building={household.building_id}"
        )
    return redirect(
        f"{decision.get_absolute_url()}participation/?building={request.POST.get('building', '')}"
    )


RECEIPT_CHECKS = 30  # per person and per address, in ten minutes


@login_required
@require_POST
def receipt_check(request, pk):
    """Anyone who may see the decision and holds a receipt code checks that its ballot is counted."""
    decision = _decision(pk, request.user)
    scopes = (("receipt-user", str(request.user.pk)), ("receipt-ip", ratelimit.client_ip(request)))
    if any(ratelimit.exceeded(s, i, limit=RECEIPT_CHECKS, window=600) for s, i in scopes):
        messages.error(request, _("Too many receipt checks. Try again in a few minutes."))
        return redirect(decision.get_absolute_url() + "#receipt")
    for s, i in scopes:
        ratelimit.hit(s, i, window=600)
    status, at = selectors.receipt_check(decision, request.POST.get("code", ""))
    level = {"counted": messages.SUCCESS, "replaced": messages.WARNING}.get(status, messages.ERROR)
    messages.add_message(request, level, receipt_message(status, at))
    return redirect(decision.get_absolute_url() + "#receipt")


def receipt_message(status, at):
    """What a receipt check says, in the user's language (the page and the API)."""
    if status == "counted":
        return _(
            "Your ballot is counted: the ballot with this receipt (cast at %(when)s) is in the count."
        ) % {"when": selectors.moment_text(at)}
    if status == "replaced":
        return _(
            "This receipt belongs to a ballot that was replaced at %(when)s: only the newer ballot counts."
        ) % {"when": selectors.moment_text(at)}
    return _("No ballot of this decision has this receipt code. Check it for typos.")
