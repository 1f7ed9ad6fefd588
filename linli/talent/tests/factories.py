"""Builders for talent tests (also used by the projects tests)."""

from linli.talent import actions
from linli.talent.models import Skill


def skills_for(neighborhood):
    return {
        name: Skill.objects.get_or_create(
            neighborhood=neighborhood, name=name, defaults={"name_en": en}
        )[0]
        for name, en in [
            ("景观设计", "landscape design"),
            ("法律", "law"),
            ("翻译", "translation"),
            ("环保与垃圾分类", "waste sorting"),
        ]
    }


def declare(
    person,
    skills=(),
    *,
    visibility="committee",
    contact_allowed=False,
    background="",
    tags="",
    languages="中文",
    help_kinds=("advice",),
):
    return actions.profile_save(
        person=person,
        skills=list(skills),
        tags=tags,
        background=background,
        languages=languages,
        help_kinds=list(help_kinds),
        availability="weekends",
        visibility=visibility,
        contact_allowed=contact_allowed,
        consent=True,
    )
