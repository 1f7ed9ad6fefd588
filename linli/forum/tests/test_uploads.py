"""Forum pictures go through linli.core.uploads after the cheap checks: permission, rate limit and
spam screening come first, and a post's pictures are bounded together before any is decoded."""

import io
import time

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image

from linli.core import ratelimit
from linli.core.tests.test_uploads import png_declaring
from linli.forum import actions
from linli.forum.models import Topic, TopicImage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _english(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with translation.override("en"):
        yield


def unreadable():
    return SimpleUploadedFile("x.png", png_declaring(2000, 2000, b"garbage"), "image/png")


def post(person, tree, **kw):
    kw.setdefault("title", "照片")
    kw.setdefault("body", "看图")
    return actions.topic_create(author=person, neighborhood=tree.neighborhood, **kw)


def test_someone_over_the_rate_limit_is_told_so_before_any_picture_is_looked_at(people, tree):
    for _ in range(actions.POSTS_PER_HOUR):
        ratelimit.hit("forum.post", str(people["resident"].pk), window=3600)
    with pytest.raises(ValidationError, match="posted a lot"):
        post(people["resident"], tree, uploads=[unreadable()])


def test_the_spam_screening_of_the_text_comes_before_the_pictures(people, tree):
    with pytest.raises(ValidationError) as error:
        post(people["resident"], tree, body="请打 13912345678 找我", uploads=[unreadable()])
    assert "13912345678" in str(error.value)


def test_a_post_of_many_huge_pictures_is_refused_before_decoding_any(people, tree):
    # 6300 × 6300 each (just under the per-picture limit), a few kilobytes of zeros each:
    # together they would take seconds and gigabytes to decode.
    import zlib

    side = 6300
    data = png_declaring(side, side, zlib.compress(b"\x00" * (1 + (side + 7) // 8) * side, 9))
    pictures = [SimpleUploadedFile(f"{i}.png", data, "image/png") for i in range(9)]
    started = time.perf_counter()
    with pytest.raises(ValidationError, match="too large together"):
        post(people["resident"], tree, uploads=pictures)
    assert time.perf_counter() - started < 1.5
    assert not Topic.objects.exists()


def test_ordinary_pictures_are_kept_in_order(people, tree):
    pictures = []
    for colour in ("red", "blue"):
        buffer = io.BytesIO()
        Image.new("RGB", (2400, 1800), colour).save(buffer, "JPEG")
        pictures.append(SimpleUploadedFile(f"{colour}.jpg", buffer.getvalue(), "image/jpeg"))
    topic = post(people["resident"], tree, uploads=pictures)
    images = list(TopicImage.objects.filter(topic=topic).order_by("position"))
    assert [(i.width, i.height, i.ext) for i in images] == [(1600, 1200, "jpg")] * 2
