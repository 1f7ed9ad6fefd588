"""run_action: an action's ValidationError becomes a message and the view carries on."""

from django import forms
from django.contrib.messages import get_messages
from django.contrib.messages.storage.fallback import FallbackStorage
from django.contrib.sessions.backends.signed_cookies import SessionStore
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from linli.core.forms import run_action


def _request():
    request = RequestFactory().post("/")
    request.session = SessionStore()
    request._messages = FallbackStorage(request)
    return request


def _refuse(**kwargs):
    raise ValidationError("名称不能为空。")


def test_run_action_returns_the_result_and_flashes_the_success_message():
    request = _request()
    done = run_action(request, lambda *, a, b: a + b, success="好了", a=1, b=2)
    assert done.ok and done.value == 3
    assert [str(m) for m in get_messages(request)] == ["好了"]


def test_run_action_flashes_the_first_message_of_a_validation_error_and_no_success():
    request = _request()
    done = run_action(request, _refuse, success="好了", x=1)
    assert not done.ok and done.value is None
    messages = list(get_messages(request))
    assert [str(m) for m in messages] == ["名称不能为空。"] and messages[0].level_tag == "error"


def test_run_action_puts_the_error_on_the_form_when_there_is_one():
    request = _request()
    form = forms.Form(data={})
    form.is_valid()
    done = run_action(request, _refuse, form=form, success="好了")
    assert not done.ok and form.non_field_errors() == ["名称不能为空。"]
    assert list(get_messages(request)) == []
