"""A resident's own data: see it, download it, delete the account."""

import json

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from linli.core.perms import require

from .. import actions
from ..forms import DeleteAccountForm


@login_required
def my_data(request):
    require(request.user, "community.export_own_data")
    data = actions.resident_export(person=request.user)
    if request.GET.get("format") == "json":
        response = HttpResponse(
            json.dumps(data, ensure_ascii=False, indent=2),
            content_type="application/json; charset=utf-8",
        )
        response["Content-Disposition"] = f'attachment; filename="linli-{request.user.pk}.json"'
        return response
    return render(request, "community/my_data.html", {"data": data})


@login_required
@require_http_methods(["GET", "POST"])
def account_delete(request):
    require(request.user, "community.delete_own_account")
    form = DeleteAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.resident_delete(person=request.user, password=form.cleaned_data["password"])
        except ValidationError as error:
            form.add_error("password", error.message_dict.get("password", error.messages))
        else:
            logout(request)
            messages.success(
                request, _("Your account is deleted. Your public posts remain without your name.")
            )
            return redirect("home")
    return render(request, "community/account_delete.html", {"form": form})
