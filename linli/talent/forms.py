from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from .models import Availability, HelpKind, Invitation, Visibility


class ProfileForm(forms.Form):
    skills = forms.ModelMultipleChoiceField(
        label=_("Skills"), queryset=None, required=False, widget=forms.CheckboxSelectMultiple
    )
    tags = forms.CharField(
        label=_("Other skills"),
        max_length=200,
        required=False,
        help_text=_("Not in the list? Write them here, separated by commas."),
    )
    background = forms.CharField(
        label=_("Professional background"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What you do or did for a living, and what you know well."),
    )
    languages = forms.CharField(
        label=_("Languages"),
        max_length=120,
        required=False,
        help_text=_("For example: 中文, English, 日本語"),
    )
    help_kinds = forms.MultipleChoiceField(
        label=_("How I can help"),
        choices=HelpKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    availability = forms.ChoiceField(label=_("When I am available"), choices=Availability.choices)
    visibility = forms.ChoiceField(
        label=_("Who may see my profile"), choices=Visibility.choices, widget=forms.RadioSelect
    )
    contact_allowed = forms.BooleanField(
        label=_("Committee staff may see my phone number to contact me"), required=False
    )
    consent = forms.BooleanField(
        label=_(
            "I agree that the residents' committee keeps this profile and may invite me to help. I can withdraw at any time."
        ),
        required=False,
    )

    def __init__(self, *args, skills, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].queryset = skills
        self.fields["skills"].label_from_instance = lambda s: s.label


class SkillForm(forms.Form):
    name = forms.CharField(label=pgettext_lazy("talent field", "Name"), max_length=40)
    name_en = forms.CharField(
        label=pgettext_lazy("talent field", "English name"), max_length=60, required=False
    )


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    skill = forms.TypedChoiceField(
        label=pgettext_lazy("talent field", "Skill"), coerce=int, required=False, empty_value=None
    )
    language = forms.CharField(
        label=pgettext_lazy("talent field", "Language"), max_length=20, required=False
    )
    building = forms.TypedChoiceField(
        label=pgettext_lazy("talent field", "Building"),
        coerce=int,
        required=False,
        empty_value=None,
    )
    availability = forms.ChoiceField(
        label=_("Availability"),
        choices=[("", _("any time"))] + Availability.choices,
        required=False,
    )
    help = forms.ChoiceField(
        label=_("Can help with"), choices=[("", _("anything"))] + HelpKind.choices, required=False
    )

    def __init__(self, *args, skills, buildings=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skill"].choices = [("", _("all skills"))] + [(s.pk, s.label) for s in skills]
        if buildings is None:
            del self.fields["building"]
        else:
            self.fields["building"].choices = [("", _("all buildings"))] + [
                (b.pk, f"{b.compound.name} {b.label}") for b in buildings
            ]


class InviteForm(forms.Form):
    target_kind = forms.ChoiceField(label=_("Invite to"), choices=Invitation.Target.choices)
    target_label = forms.CharField(
        label=pgettext_lazy("talent field", "Title"),
        max_length=200,
        help_text=_("The topic, consultation or project, as people know it."),
    )
    target_id = forms.IntegerField(
        label=pgettext_lazy("talent field", "Number"),
        min_value=1,
        max_value=2**62,
        required=False,
        help_text=_("Its number on this site, if it has one."),
    )
    target_url = forms.CharField(
        label=pgettext_lazy("talent field", "Link"),
        max_length=300,
        required=False,
        help_text=_("A page of this site, starting with /."),
    )
    message = forms.CharField(
        label=pgettext_lazy("talent field", "Message"),
        max_length=1000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RespondForm(forms.Form):
    answer = forms.ChoiceField(
        label=_("Answer"),
        choices=[("accept", _("Accept")), ("decline", _("Decline"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=pgettext_lazy("talent field", "Note"), max_length=500, required=False
    )


class MatchForm(forms.Form):
    q = forms.CharField(
        label=_("Text of the topic or question"),
        max_length=400,  # it travels in the URL (GET): see api.MATCH_TEXT
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    circles = forms.CharField(
        label=pgettext_lazy("talent field", "Circles"),
        max_length=200,
        required=False,
        help_text=_("Circle names, separated by commas, e.g. #垃圾分类"),
    )
