"""Sign-up with an invitation code, and asking staff to be verified."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from linli.core import ratelimit
from linli.core.perms import require

from .. import actions
from ..forms import SignupForm, VerificationRequestForm
from ..models import Building, VerificationRequest


class LoginView(auth_views.LoginView):
    """Signing in switches to the person's saved language (emma reads English wherever she
    signs in): for this response, and by the language cookie for the next ones."""

    redirect_authenticated_user = True

    def form_valid(self, form):
        response = super().form_valid(form)
        language = getattr(form.get_user(), "language", "")
        if language in dict(settings.LANGUAGES):
            translation.activate(language)
            response.set_cookie(settings.LANGUAGE_COOKIE_NAME, language, samesite="Lax")
        return response


@require_http_methods(["GET", "POST"])
def signup(request):
    if request.user.is_authenticated:
        return redirect("home")
    initial = {"code": request.GET.get("code", "")[:20], "language": translation.get_language()}
    form = SignupForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = actions.resident_signup(
                username=data["username"],
                password=data["password1"],
                display_name=data["display_name"],
                real_name=data["real_name"],
                phone=data["phone"],
                language=data["language"],
                code=data["code"],
                client_ip=ratelimit.client_ip(request),
            )
        except ValidationError as error:
            if hasattr(error, "error_dict"):
                for field, errors in error.error_dict.items():
                    form.add_error(field if field in form.fields else None, errors)
            else:
                form.add_error("code" if data["code"] else "password1", error)
        else:
            login(request, person, backend="django.contrib.auth.backends.ModelBackend")
            translation.activate(person.language)
            if person.is_verified:
                messages.success(request, _("Welcome! Your account belongs to your household now."))
                response = redirect("community:household-mine")
            else:
                messages.info(
                    request,
                    _("Your account is ready. Ask the committee to verify you to take part."),
                )
                response = redirect("community:verification-request")
            response.set_cookie("django_language", person.language, samesite="Lax")
            return response
    return render(request, "registration/signup.html", {"form": form})


@login_required
@require_http_methods(["GET", "POST"])
def verification_request(request):
    pending = (
        VerificationRequest.objects.filter(resident=request.user)
        .order_by("-created_at")
        .select_related("building__compound")
        .first()
    )
    if request.user.is_verified:
        return redirect("community:household-mine")
    require(
        request.user,
        "community.request_verification",
        message=_("Street staff work for the street and need no verification as residents."),
    )
    buildings = Building.objects.select_related("compound").order_by(
        "compound__name", "sort_key", "number"
    )
    form = VerificationRequestForm(request.POST or None, buildings=buildings)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                actions.verification_request_create(resident=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        except PermissionDenied:
            raise
        else:
            messages.success(
                request,
                _("Your request was sent. The committee will check it and verify your account."),
            )
            return redirect("community:verification-request")
    return render(
        request, "community/verification_request.html", {"form": form, "pending": pending}
    )
