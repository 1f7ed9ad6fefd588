from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from linli.core.pagecache import cached_page
from linli.core.paging import paginate
from linli.core.perms import require

from . import actions, selectors
from .forms import PreferencesForm
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
        try:
            actions.preferences_set(person=request.user, choices=form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your notification settings are saved."))
            return redirect("notify:preferences")
    return render(
        request, "notify/preferences.html", {"form": form, "has_email": bool(request.user.email)}
    )
