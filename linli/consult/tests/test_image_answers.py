"""Image answers go through linli.core.uploads: checked by content, without GPS, and the old
file is removed once an answer is replaced or anonymised."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from linli.consult import actions, privacy
from linli.consult.models import Answer, Consultation
from linli.core.tests.test_uploads import gps_exif, photo

pytestmark = pytest.mark.django_db


@pytest.fixture
def image_question(people, tree, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    c = actions.consultation_create(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        title="楼道照片",
        opens_at=now + timedelta(hours=1),  # questions are added before answering opens
        closes_at=now + timedelta(days=7),
    )
    q = actions.question_add(consultation=c, actor=people["staff"], kind="image", text="拍一张")
    Consultation.objects.filter(pk=c.pk).update(opens_at=now - timedelta(hours=1))
    c.refresh_from_db()
    return c, q


def answer(c, q, person, data, name="photo.jpg"):
    return actions.response_submit(
        consultation=c,
        actor=person,
        answers={q.pk: SimpleUploadedFile(name, data, content_type="image/jpeg")},
    )


@pytest.mark.parametrize(
    "data",
    [b"<html><script>alert(1)</script></html>", b"%PDF-1.4 x", bytes(range(256)) * 4000],
    ids=["html", "pdf", "noise"],
)
def test_bytes_that_are_not_a_picture_are_refused_under_an_image_name(image_question, people, data):
    c, q = image_question
    with pytest.raises(ValidationError, match="not a picture"):
        answer(c, q, people["resident"], data)
    assert not Answer.objects.exists()


def test_gps_is_removed_from_an_image_answer(image_question, people):
    c, q = image_question
    answer(c, q, people["resident"], photo((800, 600), exif=gps_exif()))
    stored = Answer.objects.get().image
    with Image.open(io.BytesIO(stored.read())) as image:
        assert not image.getexif()


def test_the_old_file_is_removed_when_an_answer_is_replaced_or_anonymised(
    image_question, people, django_capture_on_commit_callbacks
):
    c, q = image_question
    with django_capture_on_commit_callbacks(execute=True):
        answer(c, q, people["resident"], photo())
    first = Answer.objects.get().image.name
    assert default_storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        answer(c, q, people["resident"], photo((80, 60)))
    second = Answer.objects.get().image.name
    assert second != first and default_storage.exists(second)
    assert not default_storage.exists(first)
    with django_capture_on_commit_callbacks(execute=True):
        privacy.anonymise(people["resident"])
    assert not default_storage.exists(second)


def test_a_refused_replacement_keeps_the_old_file(image_question, people):
    c, q = image_question
    answer(c, q, people["resident"], photo())
    first = Answer.objects.get().image.name
    with pytest.raises(ValidationError):
        answer(c, q, people["resident"], b"<html>")
    assert Answer.objects.get().image.name == first and default_storage.exists(first)
