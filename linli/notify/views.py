from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.core.forms import run_action
from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, selectors
from .forms import EmailForm, PreferencesForm
from .models import Notification, Preference


@cached_page
@login_required
def notification_list(request):
    require(request.user, "notify.view_own")
    page = paginate(request, selectors.inbox(request.user), per_page=30)
    return render(request, "notify/notification_list.html", {"page": page})


@login_required
@require_POST
def notification_read_all(request):
    require(request.user, "notify.view_own")
    actions.notifications_mark_read(person=request.user)
    messages.success(request, _("All notifications are marked as read."))
    return redirect("notify:notification-list")


@login_required
@require_POST
def notification_open(request, pk):
    notification = get_object_or_404(Notification, pk=pk)
    require(request.user, "notify.open_notification", notification.recipient)
    actions.notifications_mark_read(person=request.user, ids=[notification.pk])
    if notification.url and url_has_allowed_host_and_scheme(
        notification.url, allowed_hosts={request.get_host()}
    ):
        return redirect(notification.url)
    return redirect("notify:notification-list")


@login_required
@require_http_methods(["GET", "POST"])
def preferences(request):
    require(request.user, "notify.view_own")
    current = dict(Preference.objects.filter(person=request.user).values_list("kind", "channel"))
    form = PreferencesForm(request.POST or None, current=current)
    if request.method == "POST" and form.is_valid():
        done = run_action(
            request,
            actions.preferences_set,
            form=form,
            success=_("Your notification settings are saved."),
            person=request.user,
            choices=form.cleaned_data,
        )
        if done.ok:
            return redirect("notify:preferences")
    return render(
        request, "notify/preferences.html", {"form": form, "has_email": bool(request.user.email)}
    )


@login_required
@require_http_methods(["GET", "POST"])
def email_settings(request):
    """Add, change or remove the address that receives email (confirmed through a link)."""
    require(request.user, "notify.change_own_email")
    form = EmailForm(request.POST if request.POST.get("do") == "set" else None)
    if request.method == "POST" and request.POST.get("do") == "remove":
        actions.email_remove(person=request.user)
        messages.success(request, _("Linli will send you no more email."))
        return redirect("notify:email")
    if request.method == "POST" and form.is_valid():
        try:
            change = actions.email_change_request(
                person=request.user, address=form.cleaned_data["address"]
            )
        except ValidationError as error:
            form.add_error("address" if hasattr(error, "error_dict") else None, error)
        else:
            messages.success(
                request,
                _("We sent a link to %(address)s: open it to confirm the address.")
                % {"address": change.address},
            )
            return redirect("notify:email")
    status = selectors.email_status(request.user)
    return render(request, "notify/email_settings.html", {"form": form, **status})


@require_http_methods(["GET", "POST"])
def email_confirm(request, token):
    """The link in the confirmation email: a page with a button (a mail scanner opening the link
    confirms nothing), which works signed in or not."""
    try:
        data = actions.email_token_read(token)
    except ValidationError as error:
        return render(
            request, "notify/email_confirm.html", {"error": error.messages[0]}, status=400
        )
    if request.method == "POST":
        try:
            actions.email_change_confirm(token=token, actor=request.user)
        except (ValidationError, PermissionDenied) as error:
            message = error.messages[0] if isinstance(error, ValidationError) else str(error)
            status = 403 if isinstance(error, PermissionDenied) else 400
            return render(request, "notify/email_confirm.html", {"error": message}, status=status)
        messages.success(
            request, _("Your email address %(address)s is confirmed.") % {"address": data["a"]}
        )
        return redirect("notify:email" if request.user.is_authenticated else "login")
    return render(request, "notify/email_confirm.html", {"address": data["a"]})
