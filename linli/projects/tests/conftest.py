import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from linli.projects import actions
from linli.talent.tests.factories import declare, skills_for

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def image_upload(name="d.jpg", size=(120, 80), fmt="JPEG", exif=False):
    out = io.BytesIO()
    image = Image.new("RGB", size, "#3a7")
    if exif:
        data = Image.Exif()
        data[0x010F] = "SecretCam"  # Make
        data[0x8825] = {2: (31, 12, 0)}  # GPS
        image.save(out, fmt, exif=data)
    else:
        image.save(out, fmt)
    return SimpleUploadedFile(name, out.getvalue(), content_type="image/jpeg")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def skills(tree):
    return skills_for(tree.neighborhood)


@pytest.fixture
def designer(people, skills):
    return declare(people["neighbour"], [skills["景观设计"]], visibility="residents")


@pytest.fixture
def project(people, tree):
    return actions.project_create(
        neighborhood=tree.neighborhood,
        actor=people["staff"],
        title="垃圾分类房",
        description="新建 **分类房**，需要景观设计",
        place_text="7 号楼旁",
        compound=tree.compound,
        budget=1000,
    )


@pytest.fixture
def team_project(project, designer, people):
    actions.team_member_add(
        project=project, profile=designer, role="设计组长", actor=people["staff"]
    )
    return project


@pytest.fixture
def version(team_project, people):
    return actions.version_create(
        project=team_project, summary="第一稿", uploads=[image_upload()], actor=people["neighbour"]
    )
