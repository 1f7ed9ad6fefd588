from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from linli.moderation.models import Reason

from .models import BODY_MAX, REPLY_MAX, TITLE_MAX, Stance, Visibility


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    widget = MultipleImageInput

    def clean(self, data, initial=None):
        if not data:
            return []
        files = data if isinstance(data, (list, tuple)) else [data]
        return [super(MultipleImageField, self).clean(f, initial) for f in files]


class TopicForm(forms.Form):
    title = forms.CharField(
        label=_("Title"),
        max_length=TITLE_MAX,
        error_messages={
            "required": _("Give the topic a title."),
            "max_length": _("A title has at most %(limit_value)d characters."),
        },
    )
    body = forms.CharField(
        label=_("Text"),
        max_length=BODY_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_(
            "Markdown works: **bold**, lists, links. Add #circle# tags and @username mentions."
        ),
        error_messages={
            "required": _("Write something in the topic."),
            "max_length": _("The text has at most %(limit_value)d characters."),
        },
    )
    circles = forms.CharField(
        label=_("Circles"),
        max_length=120,
        required=False,
        help_text=_("Up to 5, separated by commas, e.g. 垃圾分类, 设计"),
    )
    visibility = forms.ChoiceField(
        label=_("Who can read it"), choices=Visibility.choices, initial=Visibility.PUBLIC
    )
    images = MultipleImageField(
        label=_("Pictures"),
        required=False,
        help_text=_("Up to 9 pictures, 10 MB each. Location and camera data are removed."),
        widget=MultipleImageInput(attrs={"accept": "image/jpeg,image/png,image/webp,image/gif"}),
    )
    is_committee = forms.BooleanField(label=_("Committee topic (居委会议题)"), required=False)
    confirm_personal = forms.BooleanField(
        label=_("Post it even if it shows a phone, ID-card or room number"), required=False
    )

    def __init__(self, *args, can_committee=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not can_committee:
            del self.fields["is_committee"]

    def circle_names(self):
        import re

        return [
            n
            for n in re.split(r"[,，、\s]+", self.cleaned_data.get("circles") or "")
            if n.strip("#")
        ]


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"),
        max_length=REPLY_MAX,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={
            "required": _("Write something in your reply."),
            "max_length": _("A reply has at most %(limit_value)d characters."),
        },
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    confirm_personal = forms.BooleanField(
        label=_("Post it even if it shows a phone, ID-card or room number"), required=False
    )


class ReportForm(forms.Form):
    reason = forms.ChoiceField(
        label=_("Why do you report this?"),
        choices=Reason.choices,
        widget=forms.RadioSelect,
        error_messages={"required": _("Choose a reason for the report.")},
    )
    note = forms.CharField(
        label=_("Anything the committee should know"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class MoveForm(forms.Form):
    circles = forms.CharField(
        label=_("Circles"),
        max_length=120,
        required=False,
        help_text=_("Separated by commas; the topic leaves circles not listed."),
    )


class CircleForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=20)
    description = forms.CharField(label=_("Description"), max_length=200, required=False)


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=100, required=False)
    circle = forms.IntegerField(required=False, min_value=1, widget=forms.HiddenInput)
    since = forms.DateField(
        label=pgettext_lazy("date range", "From"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )


class QuickProposalForm(forms.Form):
    statement = forms.CharField(
        label=pgettext_lazy("quick proposal", "proposal"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One clear sentence people can agree or disagree with."),
    )
    closes_at = forms.DateTimeField(
        label=_("closes"),
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
    )


class StanceForm(forms.Form):
    position = forms.ChoiceField(
        label=_("stance"), choices=Stance.Position.choices, widget=forms.RadioSelect
    )
    reason = forms.CharField(label=_("reason"), max_length=500)


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("outcome"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("What was agreed, and what happens next."),
    )


class TopicEditForm(forms.Form):
    """The author's fix of a topic: its title and text (circles and pictures stay)."""

    title = TopicForm.base_fields["title"]
    body = TopicForm.base_fields["body"]
    confirm_personal = TopicForm.base_fields["confirm_personal"]


class ReplyEditForm(forms.Form):
    body = ReplyForm.base_fields["body"]
    confirm_personal = ReplyForm.base_fields["confirm_personal"]
