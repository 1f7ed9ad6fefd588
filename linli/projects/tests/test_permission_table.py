"""The projects' permission table: every role of the root conftest, a completed project in each
neighborhood, every output that shows one (project page and API, design version page,
comments API, team page, site plans page, a design file, a site plan file) with the personal
fields of the people named there, and every write (comment, rating, link, team, design
version, stage) made for real through the API.

Pages and API are fetched for real; has_perm alone proves nothing about a template.

    h   a project of `nb`: neighbour (building 1) on its team and author of design version 1,
        resident 张三 (13811112222, household 1-1-101) commenting on it; completed by staff
    x   a project of `other`: 李四 (shown as 书法老师, 13955556666, household 1-1-301) on its
        team and commenting; completed by other_staff

Read cells: `-` refused (302/401/403/404); `+` served (files); `o` shown, naming nobody; `d` shown with the people's
public display names; `n` + real name; `p` + phone; `r` + room. Projects are public (公示):
names beside work and comments are display names, never real names, phones or rooms.

Write cells: `y` done (2xx), `-` refused (401/403). The team write `T` adds a talent who shows
the profile to residents; `C` adds one who shows it to the committee only.
"""

import json

import pytest
from django.urls import reverse

from linli.community.testing import make_person
from linli.projects import actions
from linli.talent.tests.factories import declare, skills_for

from .conftest import image_upload

READS = {
    "D": "project page",
    "d": "project API",
    "V": "version page",
    "c": "comments API",
    "T": "team page",
    "S": "site plans page",
    "F": "design file",
    "G": "site plan file",
}
WRITES = {
    "c": "comment",
    "r": "rating",
    "l": "link",
    "T": "team (profile shown to residents)",
    "C": "team (profile for the committee only)",
    "v": "design version",
    "s": "stage",
}
PROJECTS = ("h", "x")

# role: (scope, reads  D d V c T S F G  for h | for x,  writes  c r l T C v s  for h | for x)
# fmt: off
TABLE = {
    "secretary":    ("committee staff",    "d d d d d o + +  |  d d d d - - + +",  "y y y y y y y  |  - - - - - - -"),
    "staff":        ("committee staff",    "d d d d d o + +  |  d d d d - - + +",  "y y y y y y y  |  - - - - - - -"),
    "leader":       ("own building",       "d d d d - - + +  |  d d d d - - + +",  "y y - - - - -  |  - - - - - - -"),
    "owners":       ("other building",     "d d d d - - + +  |  d d d d - - + +",  "y y - - - - -  |  - - - - - - -"),
    "property":     ("no household",       "d d d d - - + +  |  d d d d - - + +",  "- - - - - - -  |  - - - - - - -"),
    "resident":     ("own household",      "d d d d - - + +  |  d d d d - - + +",  "y y - - - - -  |  - - - - - - -"),
    "housemate":    ("own household",      "d d d d - - + +  |  d d d d - - + +",  "y y - - - - -  |  - - - - - - -"),
    "neighbour":    ("own building, team", "d d d d d - + +  |  d d d d - - + +",  "y y y y - y -  |  - - - - - - -"),
    "far_resident": ("other building",     "d d d d - - + +  |  d d d d - - + +",  "y y - - - - -  |  - - - - - - -"),
    "street_staff": ("street",             "d d d d - - + +  |  d d d d - - + +",  "- - - - - - -  |  - - - - - - -"),
    "other_staff":  ("other neighborhood", "d d d d - - + +  |  d d d d d o + +",  "- - - - - - -  |  y y y y y y y"),
    "unverified":   ("no household",       "d d d d - - + +  |  d d d d - - + +",  "- - - - - - -  |  - - - - - - -"),
    "anonymous":    ("signed out",         "d d d d - - + +  |  d d d d - - + +",  "- - - - - - -  |  - - - - - - -"),
}
# fmt: on

FIELDS = {"d": "display name", "n": "name", "p": "phone", "r": "room"}


def _cells(row, codes):
    groups = [g.split() for g in row.split("|")]
    assert len(groups) == len(PROJECTS) and all(len(g) == len(codes) for g in groups)
    return {
        (project, code): cell
        for project, group in zip(PROJECTS, groups, strict=True)
        for code, cell in zip(codes, group, strict=True)
    }


def test_the_table_covers_every_role_of_the_root_conftest(people):
    assert set(TABLE) == set(people)
    for _scope, reads, writes in TABLE.values():
        _cells(reads, READS)
        _cells(writes, WRITES)


def _fields(*persons):
    """What each personal field of these people looks like, for finding them in an output."""
    return {
        "display name": [p.public_name for p in persons],
        "name": [p.real_name for p in persons],
        "phone": [p.phone for p in persons],
        "room": [p.household.address for p in persons],
    }


@pytest.fixture
def projects(settings, tmp_path, tree, other_tree, people):
    from datetime import timedelta

    from django.utils import timezone

    from linli.community.models import Resident

    settings.MEDIA_ROOT = str(tmp_path / "media")
    # Long-standing residents, so that spam screening lets their comments through.
    Resident.objects.update(date_joined=timezone.now() - timedelta(days=400))
    li = make_person("li", other_tree.buildings[0].homes[2], real_name="李四", phone="13955556666")
    li.display_name = "书法老师"
    li.save(update_fields=["display_name"])
    people["neighbour"].phone = "13700000001"
    people["neighbour"].save(update_fields=["phone"])
    made = {}
    for key, nb, staff, member, commenter, others in (
        (
            "h",
            tree,
            people["staff"],
            people["neighbour"],
            people["resident"],
            (people["housemate"], people["far_resident"]),
        ),
        ("x", other_tree, people["other_staff"], li, li, ()),
    ):
        skill = skills_for(nb.neighborhood)["景观设计"]
        project = actions.project_create(
            neighborhood=nb.neighborhood,
            actor=staff,
            title=f"{nb.neighborhood.slug}口袋公园",
            description="改造",
            place_text="1 号楼旁",
            compound=nb.compound,
            budget=1000,
        )
        actions.team_member_add(
            project=project,
            profile=declare(member, [skill], visibility="residents"),
            role="设计组长",
            actor=staff,
        )
        version = actions.version_create(
            project=project, summary="第一稿", uploads=[image_upload()], actor=member
        )
        actions.comment_add(version=version, body="入口再宽一点就好了", actor=commenter)
        actions.project_stage_change(
            project=project, to_stage="completed", reason="已经验收", actor=staff
        )
        plan = actions.site_plan_upload(
            compound=nb.compound, upload=image_upload("plan.png", fmt="PNG"), actor=staff
        )
        project.version, project.plan = version, plan
        project.fields = _fields(member, commenter)
        # Talents whom a write may add to the team: one shown to residents, one not.
        project.talents = {
            "T": declare(others[0], [skill], visibility="residents") if others else None,
            "C": declare(others[1], [skill], visibility="committee") if others else None,
        }
        made[key] = project
    x_skill = skills_for(other_tree.neighborhood)["景观设计"]
    for code, visibility in (("T", "residents"), ("C", "committee")):
        someone = make_person(f"other_{code}", other_tree.buildings[0].homes[1 + (code == "C")])
        made["x"].talents[code] = declare(someone, [x_skill], visibility=visibility)
    return made


def _status(response, allowed=(200, 302, 401, 403, 404)):
    assert response.status_code in allowed, (response.status_code, response.content[:300])
    return response.status_code


def _page(client, url, start='<main id="main"', end="</main>"):
    response = client.get(url)
    if _status(response) != 200:
        return None
    return response.content.decode().split(start, 1)[1].split(end, 1)[0]


def _json(client, url):
    response = client.get(url)
    return json.dumps(response.json(), ensure_ascii=False) if _status(response) == 200 else None


def _file(client, url):
    response = client.get(url)
    if _status(response) != 200:
        return None
    if response.streaming:
        b"".join(response.streaming_content)
    return "+"


def _reads(client, project):
    version = project.version
    return {
        "D": _page(client, project.get_absolute_url()),
        "d": _json(client, f"/api/v1/projects/{project.pk}"),
        "V": _page(client, reverse("projects:version-detail", args=[project.pk, 1])),
        "c": _json(client, f"/api/v1/projects/{project.pk}/versions/1/comments"),
        "T": _page(client, reverse("projects:team", args=[project.pk])),
        "S": _page(client, reverse("projects:site-plans", args=[project.neighborhood.slug])),
        "F": _file(client, reverse("projects:design-file", args=[version.files.get().pk])),
        "G": _file(client, reverse("projects:siteplan-file", args=[project.plan.pk])),
    }


def _shown(text, fields):
    return {f for f, values in fields.items() if any(v in text for v in values)}


def _writes(client, project):
    """Each write made through the API: True when done, False when refused."""
    base = f"/api/v1/projects/{project.pk}"
    post = lambda url, data: client.post(url, data, content_type="application/json")  # noqa: E731
    done = {}
    attempts = {
        "c": lambda: post(f"{base}/versions/1/comments", {"body": "做得很好，谢谢大家"}),
        "r": lambda: post(f"{base}/rating", {"score": 4}),
        "l": lambda: post(f"{base}/links", {"kind": "topic", "label": "讨论帖", "url": ""}),
        "T": lambda: post(f"{base}/team", {"profile": project.talents["T"].pk, "role": "顾问"}),
        "C": lambda: post(f"{base}/team", {"profile": project.talents["C"].pk, "role": "顾问"}),
        "v": lambda: client.post(
            f"{base}/versions", {"summary": "第二稿", "files": [image_upload("v2.jpg")]}
        ),
        "s": lambda: post(f"{base}/stage", {"to_stage": "upkeep", "reason": "进入维护"}),
    }
    for code, attempt in attempts.items():
        response = attempt()
        # A talent the writer may not see is refused like one that does not exist (422).
        status = _status(response, allowed=(200, 201, 401, 403) + ((422,) if code in "TC" else ()))
        if status == 422:
            assert "人才库" in response.json()["detail"]
        done[code] = status in (200, 201)
    return done


@pytest.mark.parametrize("role", list(TABLE))
def test_permission_table(role, client, login, people, projects, record_property):
    c = client if role == "anonymous" else login(people[role])
    _scope, reads, writes = TABLE[role]
    reads, writes = _cells(reads, READS), _cells(writes, WRITES)
    checked, wrong = 0, []
    for key, project in projects.items():
        for code, text in _reads(c, project).items():
            cell = reads[(key, code)]
            if cell in "+-" and code in "FG":
                expected, got = cell == "+", text == "+"
                checked += 1
            else:
                expected = None if cell == "-" else {FIELDS[f] for f in cell if f in FIELDS}
                got = None if text is None else _shown(text, project.fields)
                checked += 5  # present or not, display name, real name, phone, room
            if got != expected:
                wrong.append(f"{role} {key} {READS[code]}: expected {expected}, got {got}")
        for code, done in _writes(c, project).items():
            expected = writes[(key, code)] == "y"
            checked += 1
            if done != expected:
                wrong.append(f"{role} {key} {WRITES[code]}: expected {expected}, got {done}")
    record_property("cells", checked)
    assert not wrong, "\n".join(wrong)
    assert checked == len(PROJECTS) * ((len(READS) - 2) * 5 + 2 + len(WRITES))


def test_a_team_member_cannot_put_a_committee_only_talent_on_the_team_from_the_team_page(
    login, people, projects
):
    """The team page posts a profile id: a resident on the team reaches only profiles shown to
    residents, and a committee-only talent stays off the public team (and unnamed)."""
    from linli.projects.models import TeamMember

    project, hidden = projects["h"], projects["h"].talents["C"]
    response = login(people["neighbour"]).post(
        reverse("projects:team", args=[project.pk]),
        {"profile": hidden.pk, "role": "顾问"},
        follow=True,
    )
    assert response.status_code == 200
    assert not TeamMember.objects.filter(project=project, profile=hidden).exists()
    assert hidden.person.public_name not in response.content.decode()
    # Staff, who see that profile, may add it.
    login(people["staff"]).post(
        reverse("projects:team", args=[project.pk]), {"profile": hidden.pk, "role": "顾问"}
    )
    assert TeamMember.objects.filter(project=project, profile=hidden).exists()
