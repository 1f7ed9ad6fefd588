from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from linli.community.models import Building, Compound
from linli.core.linkables import add_picker_fields

from .models import Decision, Option, Rule


class DecisionForm(forms.ModelForm):
    voting_opens_at = forms.DateTimeField(
        label=_("Voting opens"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text=_(
            "Until then the motion is in deliberation: options can be added and discussed."
        ),
    )
    voting_closes_at = forms.DateTimeField(
        label=_("Voting closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    compound = forms.ModelChoiceField(
        label=_("Owners' assembly of"),
        queryset=Compound.objects.none(),
        required=False,
        empty_label=_("— not an owners' decision of one compound —"),
        help_text=_(
            "An owners' decision (业主共同决定) belongs to one compound: its owners vote, one ballot "
            "per unit, and its units' floor areas count. Choosing it sets the buildings for you."
        ),
    )

    class Meta:
        model = Decision
        fields = [
            "title",
            "body",
            "method",
            "unit",
            "owners_only",
            "compound",
            "buildings",
            "rule",
            "voting_opens_at",
            "voting_closes_at",
            "open_ballot",
            "link_kind",
            "link_id",
        ]
        widgets = {
            "buildings": forms.CheckboxSelectMultiple,
            "body": forms.Textarea(attrs={"rows": 5}),
        }

    def __init__(self, *args, neighborhood, user=None, with_options=False, **kwargs):
        super().__init__(*args, **kwargs)
        if with_options:  # a new decision: its options at once (a draft may have none yet)
            self.fields["options"] = forms.CharField(
                label=_("Options"),
                required=False,
                widget=forms.Textarea(attrs={"rows": 4}),
                help_text=_(
                    "One per line. A decision is published with at least one option; without any, save it as a draft."
                ),
            )
        self.fields["buildings"].queryset = (
            Building.objects.filter(neighborhood=neighborhood)
            .select_related("compound")
            .order_by("compound__name", "sort_key")
        )
        self.fields["buildings"].label_from_instance = lambda b: f"{b.compound.name} {b.label}"
        self.fields["rule"].queryset = Rule.objects.filter(
            Q(neighborhood=None) | Q(neighborhood=neighborhood)
        )
        self.fields["compound"].queryset = Compound.objects.filter(neighborhood=neighborhood)
        self.fields["link_kind"].help_text = _(
            "Optional: what this decides, e.g. “projects.project”, with its number below."
        )
        if user is not None:  # pick, don't type (linli/core/linkables.py)
            add_picker_fields(
                self, user=user, neighborhood=neighborhood, label=_("What it decides")
            )

    def option_titles(self) -> list[str]:
        text = self.cleaned_data.get("options") or ""
        return [line.strip()[:120] for line in text.splitlines() if line.strip()]

    def clean(self):
        data = super().clean()
        compound, chosen = data.get("compound"), data.get("buildings") or []
        if compound is not None and any(b.compound_id != compound.pk for b in chosen):
            self.add_error(
                "buildings",
                _("An owners' decision of %(compound)s covers only its own buildings.")
                % {"compound": compound.name},
            )
        return data


class OptionForm(forms.ModelForm):
    class Meta:
        model = Option
        fields = ["title", "description", "image", "approves"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Your view"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )


class OwnershipForm(forms.Form):
    household = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    owner_key = forms.CharField(label=_("Owner identity"), max_length=64, required=False)
    owner_name = forms.CharField(label=_("Owner's name"), max_length=60, required=False)
    is_developer = forms.BooleanField(label=_("Unsold, held by the developer"), required=False)


class NextRoundForm(forms.Form):
    options = forms.MultipleChoiceField(
        label=_("Options in the next round"), widget=forms.CheckboxSelectMultiple
    )
    voting_opens_at = forms.DateTimeField(
        label=_("Voting opens"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )
    voting_closes_at = forms.DateTimeField(
        label=_("Voting closes"), widget=forms.DateTimeInput(attrs={"type": "datetime-local"})
    )

    def __init__(self, *args, options, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["options"].choices = [(str(o.pk), o.title) for o in options]


def choices_from_post(decision, options, data) -> list:
    """The option ids a ballot form chose, in order of preference; ValueError with a message for bad input."""
    if decision.method == Decision.Method.RANKED:
        ranked = []
        for o in options:
            value = (data.get(f"rank_{o.pk}") or "").strip()
            if value:
                try:
                    ranked.append((int(value), o.pk))
                except ValueError:
                    raise ValueError(_("Ranks are numbers.")) from None
        ranks = [r for r, _oid in ranked]
        if len(set(ranks)) != len(ranks):
            raise ValueError(_("Give each rank to one option only."))
        return [oid for _r, oid in sorted(ranked)]
    return data.getlist("option")


class RuleForm(forms.ModelForm):
    """A neighborhood's own counting rule: each threshold is a fraction (0/0: not applied)."""

    class Meta:
        model = Rule
        fields = [
            "key",
            "name",
            "name_en",
            "turnout_area_num",
            "turnout_area_den",
            "turnout_heads_num",
            "turnout_heads_den",
            "pass_area_num",
            "pass_area_den",
            "pass_area_strict",
            "pass_heads_num",
            "pass_heads_den",
            "pass_heads_strict",
            "owners_headcount",
        ]
        labels = {
            "turnout_area_num": _("Turnout by area: numerator"),
            "turnout_area_den": _("Turnout by area: denominator"),
            "turnout_heads_num": _("Turnout by headcount: numerator"),
            "turnout_heads_den": _("Turnout by headcount: denominator"),
            "pass_area_num": _("Passing by area: numerator"),
            "pass_area_den": _("Passing by area: denominator"),
            "pass_area_strict": _("Area: “more than” (otherwise “at least”)"),
            "pass_heads_num": _("Passing by headcount: numerator"),
            "pass_heads_den": _("Passing by headcount: denominator"),
            "pass_heads_strict": _("Headcount: “more than” (otherwise “at least”)"),
            "owners_headcount": _("Count heads by owner (Art. 278)"),
        }

    def clean(self):
        data = super().clean()
        for part in ("turnout_area", "turnout_heads", "pass_area", "pass_heads"):
            num, den = data.get(f"{part}_num") or 0, data.get(f"{part}_den") or 0
            if num > den or (den and not num) or (num and not den):
                raise forms.ValidationError(
                    _(
                        "Each threshold is a fraction from 1/n to n/n, or 0/0 when it does not apply."
                    )
                )
        return data
