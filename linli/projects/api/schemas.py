"""What the projects API reads and writes (ninja schemas)."""

from datetime import datetime
from decimal import Decimal

from ninja import Field, Schema

from linli.api.schemas import MAX_ID, choices
from linli.projects.models import Link, Stage


class ProjectOut(Schema):
    id: int
    neighborhood: str
    title: str
    stage: str
    compound: str | None
    place: str
    point: list[Decimal] | None = Field(None, description="x and y in % of the site plan")
    budget: Decimal | None
    version_count: int
    comment_count: int
    rating_count: int
    rating_average: float | None
    url: str


class StageChangeOut(Schema):
    from_stage: str
    to_stage: str
    reason: str
    by: str | None
    at: datetime


class MemberOut(Schema):
    id: int
    name: str
    role: str


class LinkOut(Schema):
    kind: str
    object_id: int | None
    label: str
    url: str


class FileOut(Schema):
    kind: str
    name: str
    url: str
    size: int


class VersionOut(Schema):
    number: int
    summary: str
    created_at: datetime
    comment_count: int
    files: list[FileOut]
    answers: list[LinkOut] = []


class ProjectDetailOut(ProjectOut):
    description: str
    timeline: list[StageChangeOut]
    team: list[MemberOut]
    versions: list[VersionOut]
    links: list[LinkOut]


class CommentOut(Schema):
    id: int
    author: str
    body_html: str
    created_at: datetime


class CommentIn(Schema):
    body: str = Field(..., min_length=1, max_length=4000)


class StageIn(Schema):
    to_stage: Stage
    reason: str = Field("", max_length=500)


class RatingIn(Schema):
    score: int = Field(..., ge=1, le=5)


class RatingOut(Schema):
    score: int
    rating_count: int
    rating_average: float | None


class TeamIn(Schema):
    profile: int = Field(..., ge=1, le=MAX_ID, description="A talent profile id")
    role: str = Field(..., min_length=1, max_length=60)


class LinkIn(Schema):
    kind: choices(Link.Kind)  # (in place: moderation and sorting have a `Kind` too)
    label: str = Field(..., min_length=1, max_length=200)
    url: str = Field("", max_length=300)
    object_id: int | None = Field(None, ge=1, le=MAX_ID)
    version: int | None = Field(
        None,
        ge=1,
        le=100_000,
        description="The design version's number, if the link is feedback it answers",
    )
