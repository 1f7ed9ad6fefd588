"""Decision pages: list, create, detail with discussion and ballot, participation, paper and
proxy ballots, results with every round and threshold, the published notice, ownership."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from linli.community.models import Building, Household, Resident
from linli.community.predicates import led_building_ids
from linli.community.selectors import home_neighborhood
from linli.community.shortcuts import neighborhood_or_404
from linli.core import charts, ratelimit
from linli.core.errors import first_message
from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require
from linli.core.text import render_markdown as _render_markdown
from linli.notify.feedback import reminded

from . import actions, selectors, tally
from .forms import (
    CommentForm,
    DecisionForm,
    NextRoundForm,
    OptionForm,
    OwnershipForm,
    RuleForm,
    choices_from_post,
)
from .models import Decision
from .receipts import receipt_display


def render_markdown(text):
    """Sanitised by nh3 in linli.core.text, so safe to put into the page as HTML."""
    return mark_safe(_render_markdown(text))


FIGURE_LABELS = {
    "turnout_area": lambda: _("Exclusive area of the owners taking part"),
    "turnout_heads": lambda: _("People taking part (headcount)"),
    "pass_area": lambda: _("Area of those voting for, of the area taking part"),
    "pass_heads": lambda: _("Headcount voting for, of those taking part"),
}


def _decision(pk, user, perm="decide.view_decision"):
    decision = get_object_or_404(
        Decision.objects.with_counts().select_related("neighborhood", "rule", "previous"), pk=pk
    )
    require(user, perm, decision)
    return decision


@login_required
def decision_index(request):
    neighborhood = home_neighborhood(request.user)
    if neighborhood is None:
        messages.info(request, _("Decisions are open to the verified residents of a neighborhood."))
        return redirect("community:verification-request")
    return redirect("decide:decision-list", neighborhood.slug)


@login_required
def decision_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "decide.view_decision")
    return render(
        request,
        "decide/decision_list.html",
        {
            "neighborhood": neighborhood,
            "page": paginate(request, selectors.decisions_of(neighborhood), per_page=20),
            "can_create": request.user.has_perm("decide.create_decision", neighborhood),
            "now": timezone.now(),
        },
    )


@login_required
def decision_create(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "decide.create_decision")
    form = DecisionForm(request.POST or None, neighborhood=neighborhood)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        done = run_action(
            request,
            actions.decision_create,
            form=form,
            success=_("The decision is created. Add its options now."),
            neighborhood=neighborhood,
            actor=request.user,
            **data,
        )
        if done.ok:
            return redirect("decide:option-create", done.value.pk)
    return render(
        request, "decide/decision_form.html", {"neighborhood": neighborhood, "form": form}
    )


@cached_page
@login_required
def decision_detail(request, pk):
    decision = _decision(pk, request.user)
    ballot = selectors.my_ballot(decision, request.user)
    options = selectors.options_of(decision)
    chosen = selectors.my_choices(ballot)
    ranks = {oid: i for i, oid in enumerate(chosen, 1)}
    for o in options:
        o.html = render_markdown(o.description)
        o.rank = ranks.get(o.pk)
        o.chosen = o.pk in ranks
    comments = paginate(request, selectors.comments_of(decision), per_page=30)
    for c in comments.object_list:
        c.html = render_markdown(c.body)
    user = request.user
    return render(
        request,
        "decide/decision_detail.html",
        {
            "decision": decision,
            "body": render_markdown(decision.body),
            "options": options,
            "ballot": ballot,
            "ballot_line": selectors.ballot_line(ballot) if ballot else "",
            "receipt": receipt_display(ballot.receipt) if ballot and ballot.receipt else "",
            "can_vote": decision.is_voting and user.has_perm("decide.vote", decision),
            "rank_choices": range(1, len(options) + 1),
            "comments": comments,
            "comment_form": CommentForm(),
            "can_comment": not decision.is_closed and user.has_perm("decide.comment", decision),
            "can_manage": user.has_perm("decide.manage_decision", decision),
            "can_track": user.has_perm("decide.view_participation", decision),
        },
    )


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


@login_required
@require_POST
def comment_create(request, pk):
    decision = _decision(pk, request.user, "decide.comment")
    form = CommentForm(request.POST)
    if form.is_valid():
        run_action(
            request,
            actions.comment_add,
            success=_("Your view is posted."),
            decision=decision,
            author=request.user,
            body=form.cleaned_data["body"],
        )
    else:
        messages.error(request, _("Write something first."))
    return redirect(decision.get_absolute_url() + "#discussion")


@login_required
def option_create(request, pk):
    decision = _decision(pk, request.user, "decide.manage_decision")
    form = OptionForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.option_add,
            form=form,
            success=_("Option added."),
            decision=decision,
            actor=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect("decide:option-create", decision.pk)
    return render(
        request,
        "decide/option_form.html",
        {"decision": decision, "form": form, "options": selectors.options_of(decision)},
    )


def _tracked_buildings(request, decision):
    """Buildings this person may follow up: all for organisers, their own for building leaders."""
    if request.user.has_perm("decide.manage_decision", decision) or request.user.has_perm(
        "community.manage_neighborhood", decision.neighborhood
    ):
        return None
    return led_building_ids(request.user)


@cached_page
@login_required
def participation(request, pk):
    decision = _decision(pk, request.user, "decide.view_participation")
    allowed = _tracked_buildings(request, decision)
    rows, compounds = selectors.participation(decision, allowed)
    building = None
    households = None
    building_id = request.GET.get("building") or (
        next(iter(allowed)) if allowed and len(allowed) == 1 else None
    )
    if (
        building_id
        and str(building_id).isdigit()
        and (allowed is None or int(building_id) in allowed)
    ):
        building = (
            Building.objects.filter(pk=building_id, neighborhood=decision.neighborhood)
            .select_related("compound")
            .first()
        )
        if building:
            households = paginate(
                request, selectors.households_with_ballots(decision, building), per_page=100
            )
    can_see_choices = request.user.has_perm("decide.see_choices", decision)
    if households is not None and can_see_choices:
        # An open ballot (declared so): organisers see what each household chose (one query for the page).
        chosen = selectors.choices_of_households(decision, [h.pk for h in households.object_list])
        for h in households.object_list:
            h.choices = chosen.get(h.pk, [])
    chart = charts.bar(
        _("Ballots by building (%)"),
        [f"{r.building.compound.name[:2]}{r.building.number}" for r in rows],
        {_("voted"): [round(100 * r.voted / r.eligible, 1) if r.eligible else 0 for r in rows]},
        show_legend=False,
        range=(0, 100),
    )
    return render(
        request,
        "decide/participation.html",
        {
            "decision": decision,
            "rows": rows,
            "compounds": compounds,
            "chart": chart,
            "building": building,
            "households": households,
            "can_see_choices": can_see_choices,
            "options": selectors.options_of(decision),
            "can_manage": request.user.has_perm("decide.manage_decision", decision),
            "can_proxy": request.user.has_perm("decide.record_proxy", decision),
            "can_enter_paper": request.user.has_perm("decide.enter_paper_ballots", decision),
            "can_replace": request.user.has_perm("decide.replace_ballot", decision),
            "can_paper": building is not None
            and request.user.has_perm("decide.enter_paper_ballot", building),
        },
    )


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


@login_required
@require_POST
def decision_remind(request, pk):
    decision = _decision(pk, request.user, "decide.manage_decision")
    done = run_action(request, actions.decision_remind, decision=decision, actor=request.user)
    if done.ok:
        reminded(request, done.value)
    return redirect(decision.get_absolute_url() + "participation/")


def _result_context(decision, result):
    titles = {o["id"]: o["title"] for o in result["options"]}
    rounds = []
    for i, r in enumerate(result["rounds"], 1):
        rounds.append(
            {
                "no": i,
                "rows": [(titles.get(int(k), k), v) for k, v in r["counts"].items()],
                "active": r["active"],
                "exhausted": r["exhausted"],
                "eliminated": titles.get(r["eliminated"]),
            }
        )
    figures = []
    if result.get("rule"):
        for f in result["rule"]["figures"]:
            figures.append(
                {
                    **f,
                    "label": FIGURE_LABELS[f["key"]](),
                    "area": "area" in f["key"],
                    "value_d": Decimal(f["value"]),
                    "total_d": Decimal(f["total"]),
                }
            )
    chart = charts.bar(
        _("Votes by option"),
        [o["title"] for o in result["options"]],
        {_("votes"): [o["votes"] for o in result["options"]]},
        horizontal=True,
        show_legend=False,
        print_values=True,
        width=420,
        height=max(180, 70 + 44 * len(result["options"])),
    )
    return {
        "result": result,
        "rounds": rounds,
        "figures": figures,
        "chart": chart,
        "winner": titles.get(result["winner"]),
        "outcome": actions.outcome_text(decision, result),
    }


@cached_page(unless=lambda request: "recount" in request.GET)  # a recount is asked to count again
@login_required
def results(request, pk):
    decision = _decision(pk, request.user)
    can_manage = request.user.has_perm("decide.manage_decision", decision)
    if not decision.is_closed:
        messages.info(request, _("Results are counted when voting closes."))
        return redirect(decision)
    result = decision.result if decision.published_at else tally.count(decision)
    context = _result_context(decision, result)
    options = selectors.options_of(decision)
    context.update(
        {
            "decision": decision,
            "can_manage": can_manage,
            "options": options,
            "next_form": NextRoundForm(options=options) if can_manage else None,
            "recount": actions.recount_matches(decision) if request.GET.get("recount") else None,
        }
    )
    return render(request, "decide/results.html", context)


@login_required
@require_POST
def decision_publish(request, pk):
    decision = _decision(pk, request.user, "decide.manage_decision")
    done = run_action(
        request,
        actions.decision_publish,
        success=_("The result is published as a notice."),
        decision=decision,
        actor=request.user,
    )
    if not done.ok:
        return redirect(decision)
    return redirect("decide:decision-notice", decision.pk)


@login_required
@require_POST
def next_round(request, pk):
    decision = _decision(pk, request.user, "decide.manage_decision")
    form = NextRoundForm(request.POST, options=selectors.options_of(decision))
    if form.is_valid():
        done = run_action(
            request,
            actions.decision_next_round,
            decision=decision,
            actor=request.user,
            option_ids=[int(i) for i in form.cleaned_data["options"]],
            voting_opens_at=form.cleaned_data["voting_opens_at"],
            voting_closes_at=form.cleaned_data["voting_closes_at"],
        )
        if done.ok:
            nxt = done.value
            messages.success(request, _("Round %(n)s is created.") % {"n": nxt.round_no})
            return redirect(nxt)
    else:
        messages.error(request, _("Choose the options and the voting period of the next round."))
    return redirect("decide:decision-results", decision.pk)


@cached_page
def decision_notice(request, pk):
    """The published result (公示): public to everyone who may see the decision."""
    decision = _decision(pk, request.user)
    if not decision.published_at:
        messages.info(request, _("The result has not been published yet."))
        return redirect(decision)
    context = _result_context(decision, decision.result)
    context["decision"] = decision
    return render(request, "decide/notice.html", context)


@login_required
def ownership_list(request, slug):
    neighborhood = neighborhood_or_404(request, slug, "decide.manage_ownership")
    if request.method == "POST":
        form = OwnershipForm(request.POST)
        if form.is_valid():
            household = get_object_or_404(
                Household, pk=form.cleaned_data["household"], neighborhood=neighborhood
            )
            try:
                data = {k: v for k, v in form.cleaned_data.items() if k != "household"}
                actions.ownership_set(household=household, actor=request.user, **data)
            except ValidationError as error:
                messages.error(request, first_message(error))
            else:
                messages.success(
                    request, _("Ownership of %(home)s is saved.") % {"home": household.address}
                )
        else:
            messages.error(request, _("Check the owner's details."))
        return redirect(request.get_full_path())
    building = request.GET.get("building")
    building = int(building) if building and building.isdigit() else None
    return render(
        request,
        "decide/ownership_list.html",
        {
            "neighborhood": neighborhood,
            "page": paginate(
                request, selectors.ownership_households(neighborhood, building), per_page=50
            ),
            "buildings": Building.objects.filter(neighborhood=neighborhood)
            .select_related("compound")
            .order_by("compound__name", "sort_key"),
            "building": building,
        },
    )


@login_required
def rule_list(request, slug):
    """Counting rules: the built-in ones (Art. 278, simple majority) and this neighborhood's own."""
    from django.db.models import Q

    from .models import Rule

    neighborhood = neighborhood_or_404(request, slug, "decide.manage_ownership")
    form = RuleForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.rule_create,
            form=form,
            success=_("The counting rule is saved."),
            neighborhood=neighborhood,
            actor=request.user,
            **form.cleaned_data,
        )
        if done.ok:
            return redirect("decide:rule-list", slug)
    rules = Rule.objects.filter(Q(neighborhood=None) | Q(neighborhood=neighborhood)).order_by(
        "neighborhood_id", "key"
    )
    return render(
        request,
        "decide/rule_list.html",
        {"neighborhood": neighborhood, "rules": rules, "form": form},
    )
