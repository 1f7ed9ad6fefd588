from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from .models import Building, Resident, Role


class SignupForm(forms.Form):
    code = forms.CharField(
        label=_("Invitation code"),
        max_length=20,
        required=False,
        help_text=_(
            "From the letter the committee put in your mailbox. Without a code you can read public pages and ask the committee to verify you."
        ),
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "characters",
                "spellcheck": "false",
            }
        ),
    )
    username = forms.RegexField(
        label=_("User name"),
        max_length=40,
        regex=r"^[\w.@+-]+\Z",
        error_messages={"invalid": _("Use letters, digits and . @ + - _ only.")},
        widget=forms.TextInput(attrs={"autocomplete": "username", "autocapitalize": "none"}),
    )
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=40,
        required=False,
        help_text=_(
            "Shown beside your posts. Your real name and room are never shown to other residents."
        ),
    )
    real_name = forms.CharField(
        label=_("Real name"),
        max_length=60,
        required=False,
        help_text=_("Seen only by committee staff and your building leader."),
    )
    phone = forms.RegexField(
        label=_("Phone"),
        max_length=20,
        required=False,
        regex=r"^\+?[0-9 -]{5,20}\Z",
        error_messages={"invalid": _("Enter a phone number with digits only.")},
        widget=forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=Resident.Language.choices)
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        return data


class LoginForm(AuthenticationForm):
    """Django's sign-in form, with the user name bounded before anything looks at it: a name
    longer than any account's is refused as a wrong sign-in without asking the authentication
    backends, so django-axes never records (nor the database stores) a 100,000-character name."""

    def __init__(self, request=None, data=None, *args, **kwargs):
        longest = Resident._meta.get_field("username").max_length
        self.name_too_long = bool(data) and len(data.get("username") or "") > longest
        if self.name_too_long:
            data = data.copy()
            data["username"] = data["username"][:longest]
        super().__init__(request, data, *args, **kwargs)

    def clean(self):
        if self.name_too_long:
            raise self.get_invalid_login_error()
        return super().clean()


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=40, required=False)
    skills = forms.CharField(
        label=_("Skills"),
        max_length=200,
        required=False,
        help_text=_(
            "Your fields of expertise, separated by commas (e.g. architect, lawyer). Shown as a badge when a topic needs them."
        ),
    )
    real_name = forms.CharField(label=_("Real name"), max_length=60, required=False)
    phone = forms.RegexField(
        label=_("Phone"),
        max_length=20,
        required=False,
        regex=r"^\+?[0-9 -]{5,20}\Z",
        error_messages={"invalid": _("Enter a phone number with digits only.")},
    )
    language = forms.ChoiceField(label=_("Language"), choices=Resident.Language.choices)


class VerificationRequestForm(forms.Form):
    building = forms.ModelChoiceField(
        label=_("Building"), queryset=Building.objects.none(), empty_label=_("Choose your building")
    )
    unit = forms.CharField(label=_("Unit"), max_length=20, required=False)
    room = forms.CharField(label=_("Room"), max_length=20)
    note = forms.CharField(
        label=_("Note for the committee"),
        max_length=300,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, buildings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = buildings
        self.fields["building"].label_from_instance = lambda b: f"{b.compound.name} · {b.label}"


class ImportForm(forms.Form):
    compound = forms.ModelChoiceField(label=_("Compound"), queryset=None, empty_label=None)
    file = forms.FileField(label=_("Excel or CSV file"))

    def __init__(self, *args, compounds, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["compound"].queryset = compounds


class GenerateCodesForm(forms.Form):
    building = forms.ModelChoiceField(label=_("Building"), queryset=None)
    only_without_account = forms.BooleanField(
        label=_("Only households with no verified resident yet"), required=False, initial=True
    )

    def __init__(self, *args, buildings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["building"].queryset = buildings
        self.fields["building"].label_from_instance = lambda b: f"{b.compound.name} · {b.label}"


class VerifyByHandForm(forms.Form):
    username = forms.CharField(label=_("User name of the person"), max_length=150)

    def clean_username(self):
        try:
            return Resident.objects.get(username__iexact=self.cleaned_data["username"].strip())
        except Resident.DoesNotExist:
            raise forms.ValidationError(_("No account has this user name."))


class RejectForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)


class RoleGrantForm(forms.Form):
    username = forms.CharField(label=_("User name"), max_length=150)
    kind = forms.ChoiceField(
        label=_("Role"),
        choices=[
            (k, label)
            for k, label in Role.Kind.choices
            if k not in (Role.Kind.STREET_STAFF, Role.Kind.STREET_HEAD)
        ],
    )
    building = forms.ModelChoiceField(
        label=_("Building (for a building leader)"), queryset=None, required=False
    )
    compound = forms.ModelChoiceField(
        label=_("Compound (for the owners' committee or the property manager)"),
        queryset=None,
        required=False,
        empty_label=_("every compound"),
        help_text=_("An owners' committee and its owners' assembly belong to one compound."),
    )

    def __init__(self, *args, buildings, kinds=None, actor=None, compounds=None, **kwargs):
        """`kinds`: the roles the signed-in person may grant (predicates.grantable_kinds)."""
        super().__init__(*args, **kwargs)
        self.actor = actor
        if kinds is not None:
            self.fields["kind"].choices = [
                (k, label) for k, label in self.fields["kind"].choices if k in kinds
            ]
        self.fields["building"].queryset = buildings
        self.fields["building"].label_from_instance = lambda b: f"{b.compound.name} · {b.label}"
        if compounds is None:
            del self.fields["compound"]
        else:
            self.fields["compound"].queryset = compounds

    def clean_username(self):
        try:
            person = Resident.objects.get(username__iexact=self.cleaned_data["username"].strip())
        except Resident.DoesNotExist:
            raise forms.ValidationError(_("No account has this user name.")) from None
        if self.actor is not None and person.pk == self.actor.pk:
            raise forms.ValidationError(_("You cannot grant a role to yourself."))
        return person

    def clean(self):
        data = super().clean()
        if data.get("kind") == Role.Kind.BUILDING_LEADER and not data.get("building"):
            self.add_error("building", _("A building leader looks after one building: choose it."))
        return data


class StreetRoleGrantForm(forms.Form):
    """A street role (street staff) granted by the head of the street office."""

    username = forms.CharField(label=_("User name"), max_length=150)
    kind = forms.ChoiceField(
        label=_("Role"),
        choices=[(Role.Kind.STREET_STAFF, Role.Kind.STREET_STAFF.label)]
        + [(Role.Kind.STREET_HEAD, Role.Kind.STREET_HEAD.label)],
    )

    def __init__(self, *args, kinds, actor=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.actor = actor
        self.fields["kind"].choices = [
            (k, label) for k, label in self.fields["kind"].choices if k in kinds
        ]

    clean_username = RoleGrantForm.clean_username


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password, to confirm"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(label=_("I understand that this cannot be undone."))
