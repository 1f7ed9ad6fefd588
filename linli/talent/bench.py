"""Benchmark pages of the talent pool; `generate` fills the demo neighborhood's pool to 5,000 profiles."""

import random

from django.db import transaction

TARGET = 5000

PAGES = [
    dict(name="talent.search", path="/talent/n/binjiang/", user="staff"),
    dict(
        name="talent.search-filtered",
        path="/talent/n/binjiang/?q=%E8%AE%BE%E8%AE%A1&language=English&help=design",
        user="staff",
    ),
    dict(
        name="talent.match",
        path="/talent/n/binjiang/match/?q=%E5%9E%83%E5%9C%BE%E5%88%86%E7%B1%BB%E6%88%BF%E7%9A%84%E9%80%89%E5%9D%80%E5%92%8C%E5%BC%82%E5%91%B3&circles=%E5%9E%83%E5%9C%BE%E5%88%86%E7%B1%BB",
        user="staff",
    ),
    dict(name="talent.directory", path="/talent/n/binjiang/", user="resident"),
]


@transaction.atomic
def generate(scale: int, stdout=None):
    """Profiles for verified residents of binjiang without one, up to 5,000 (idempotent)."""
    from linli.community.models import Neighborhood, Resident

    from .demo import _profiles_for
    from .models import Skill, TalentProfile

    neighborhood = Neighborhood.objects.filter(slug="binjiang").first()
    if neighborhood is None:
        return
    skills = list(Skill.objects.filter(neighborhood=neighborhood).order_by("pk"))
    missing = TARGET - TalentProfile.objects.filter(neighborhood=neighborhood).count()
    if not skills or missing <= 0:
        return
    people = list(
        Resident.objects.filter(
            household__neighborhood=neighborhood,
            verified_at__isnull=False,
            talent_profile__isnull=True,
        )
        .select_related("household")
        .order_by("pk")[:missing]
    )
    _profiles_for(people, skills, random.Random(scale), start=100)
    from .actions import skill_counts_refresh

    skill_counts_refresh([s.pk for s in skills])
    if stdout:
        stdout.write(
            f"talent: {TalentProfile.objects.filter(neighborhood=neighborhood).count()} profiles\n"
        )
