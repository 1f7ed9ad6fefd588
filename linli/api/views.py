from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.core.perms import require

from . import actions
from .forms import TokenForm
from .models import ApiToken


@login_required
@require_http_methods(["GET", "POST"])
def token_list(request):
    require(request.user, "api.manage_own_tokens")
    form = TokenForm(request.POST or None)
    created = None
    if request.method == "POST" and form.is_valid():
        try:
            token, secret = actions.token_create(person=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            created = {"token": token, "secret": secret}  # shown once, on this response only
            form = TokenForm()
    tokens = ApiToken.objects.filter(person=request.user).order_by("revoked_at", "-created_at")[:50]
    response = render(
        request, "api/token_list.html", {"form": form, "tokens": tokens, "created": created}
    )
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_POST
def token_revoke(request, pk):
    token = get_object_or_404(ApiToken, pk=pk)
    require(request.user, "api.revoke_token", token.person)
    actions.token_revoke(token=token, person=request.user)
    messages.success(request, _("The token is revoked: scripts using it are refused from now on."))
    return redirect("tokens:token-list")
