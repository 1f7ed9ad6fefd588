from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Proposal


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("title"), max_length=100)
    body = forms.CharField(
        label=_("what and why"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What should change, where, and why it matters to you. Markdown."),
    )


class AnswerForm(forms.Form):
    kind = forms.ChoiceField(label=_("answer"), choices=Proposal.Answer.choices)
    link_id = forms.IntegerField(
        label=_("number"),
        required=False,
        min_value=1,
        help_text=_("The number of the consultation, decision or project (not for a no)."),
    )
    text = forms.CharField(
        label=_("reasons"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Public: why the committee answers this way."),
    )


class RuleForm(forms.Form):
    share_percent = forms.DecimalField(
        label=_("share of households (%)"), min_value=0.01, max_value=100, decimal_places=2
    )
    buildings = forms.IntegerField(label=_("buildings"), min_value=0, max_value=500)
    per_building = forms.IntegerField(label=_("supports per building"), min_value=1, max_value=500)
    answer_days = forms.IntegerField(label=_("days to answer"), min_value=1, max_value=365)
