"""The main flows in a real browser, JavaScript off, at 360 and 1280 px: a resident offers their
skills, staff find and invite them; staff start a project, mark it on the site plan, the team
publishes design versions, a resident comments, versions are compared.

Screenshots land in var/test-artifacts/screenshots/.
"""

import pytest

from linli.community.testing import PASSWORD
from linli.core.browser import (
    csp_violations,
    horizontal_overflow,
    screenshot,
    sign_in,
    watch_console,
)
from linli.projects import actions
from linli.projects.models import Comment, DesignVersion, Project
from linli.talent.models import Invitation, TalentProfile

from .conftest import PDF, image_upload

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def fits(page):
    assert horizontal_overflow(page) <= 0, (
        f"{page.url} is wider than the {page.viewport_size['width']} px viewport"
    )


def submit(page, selector="main form[method=post] button.primary"):
    with page.expect_navigation():
        page.locator(selector).first.click()


def test_talent_offered_found_and_invited(live_server, page, width, people, tree, skills, tmp_path):
    url = live_server.url
    resident = page(width, java_script_enabled=False)
    console = watch_console(resident)
    sign_in(resident, url, "neighbour", PASSWORD)
    resident.goto(url + "/talent/me/")
    resident.get_by_label("景观设计").check()
    resident.fill("#id_background", "景观设计师，做过口袋公园。")
    resident.fill("#id_languages", "中文, English")
    resident.locator("input[name=help_kinds][value=design]").check()
    resident.locator("input[name=visibility][value=residents]").check()
    resident.locator("#id_consent").check()
    fits(resident)
    screenshot(resident, "talent-mine")
    submit(resident)
    assert TalentProfile.objects.get(person=people["neighbour"]).is_active

    staff = page(width, java_script_enabled=False)
    sign_in(staff, url, "staff", PASSWORD)
    staff.goto(url + "/talent/n/nb/match/?q=小区花园怎么改，需要景观设计")
    fits(staff)
    screenshot(staff, "talent-match")
    staff.goto(url + "/talent/n/nb/?q=口袋公园")
    fits(staff)
    screenshot(staff, "talent-search")
    with staff.expect_navigation():
        staff.locator(".talent-list h3 a").first.click()
    staff.fill("#id_target_label", "中心花园改造议题")
    submit(staff)
    fits(staff)
    screenshot(staff, "talent-profile-staff")
    assert Invitation.objects.get().target_label == "中心花园改造议题"

    resident.goto(url + "/talent/me/")
    resident.fill("input[name=note]", "周末可以")
    with resident.expect_navigation():
        resident.locator("button[name=answer][value=accept]").click()
    assert Invitation.objects.get().status == "accepted"
    fits(resident)
    screenshot(resident, "talent-invitation-accepted")
    assert csp_violations(console) == []


def test_project_from_site_plan_to_compared_versions(
    live_server, page, width, people, tree, designer, tmp_path
):
    url = live_server.url
    actions.site_plan_upload(
        compound=tree.compound, upload=image_upload(size=(800, 500)), actor=people["staff"]
    )
    staff = page(width, java_script_enabled=False)
    console = watch_console(staff)
    sign_in(staff, url, "staff", PASSWORD)
    staff.goto(url + "/projects/n/nb/new/")
    staff.fill("#id_title", "垃圾分类房改造")
    staff.fill("#id_description", "集中的**垃圾分类房**，四个投放口。")
    staff.fill("#id_place_text", "1 号楼与 2 号楼之间")
    staff.fill("#id_budget", "186000")
    submit(staff)
    project = Project.objects.get()
    staff.goto(url + f"/projects/{project.pk}/place/")
    with staff.expect_navigation():
        staff.locator("input[type=image]").click(position={"x": 160, "y": 50})
    project.refresh_from_db()
    assert project.has_point and abs(float(project.point_x) - 50) < 2
    staff.goto(url + f"/projects/{project.pk}/team/?q=景观")
    staff.fill("input[name=role]", "设计组长")
    with staff.expect_navigation():
        staff.locator(".talent-pick button").click()
    assert project.team.count() == 1

    team = page(width, java_script_enabled=False)
    sign_in(team, url, "neighbour", PASSWORD)
    for n, summary in enumerate(["第一稿：四个投放口。", "第二稿：加雨棚，东移 15 米。"], start=1):
        drawing = tmp_path / f"v{n}.png"
        drawing.write_bytes(image_upload(size=(600, 400), fmt="PNG").read())
        notes = tmp_path / "notes.pdf"
        notes.write_bytes(PDF)
        team.goto(url + f"/projects/{project.pk}/v/new/")
        team.fill("#id_summary", summary)
        team.set_input_files("#id_files", [str(drawing), str(notes)])
        if n == 2:
            team.select_option("#id_answer-0-kind", "reply")
            team.fill("#id_answer-0-label", "7 号楼居民：离窗户太近")
        fits(team)
        screenshot(team, f"project-version-form-{n}")
        submit(team)
    assert DesignVersion.objects.filter(project=project).count() == 2

    resident = page(width, java_script_enabled=False)
    sign_in(resident, url, "resident", PASSWORD)
    resident.goto(url + f"/projects/{project.pk}/v/2/")
    resident.fill("#id_body", "雨棚很有必要，支持！")
    submit(resident)
    assert Comment.objects.count() == 1
    fits(resident)
    screenshot(resident, "project-version")
    resident.goto(url + f"/projects/{project.pk}/compare/")
    assert "第一稿" in resident.inner_text("main") and "第二稿" in resident.inner_text("main")
    fits(resident)
    screenshot(resident, "project-compare")

    staff.goto(url + f"/projects/{project.pk}/")
    staff.select_option("#id_to_stage", "construction")
    with staff.expect_navigation():
        staff.locator("#timeline button.primary").click()
    assert Project.objects.get().stage == "need"  # skipped without a reason: refused
    staff.select_option("#id_to_stage", "construction")
    staff.fill("#id_reason", "街道已批准")
    with staff.expect_navigation():
        staff.locator("#timeline button.primary").click()
    assert Project.objects.get().stage == "construction"
    assert staff.locator("svg circle.pin").count() == 1
    fits(staff)
    screenshot(staff, "project-detail")
    assert csp_violations(console) == []
