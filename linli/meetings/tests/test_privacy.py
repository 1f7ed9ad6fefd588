from linli.meetings import actions, privacy
from linli.meetings.models import Attendance


def test_export_lists_the_meetings_signed_in_at_and_anonymise_keeps_the_count_without_the_name(
    people, make_meeting
):
    m = make_meeting(hours_from_now=0.5)
    actions.attendance_sign_in(meeting=m, person=people["resident"])
    exported = privacy.export(people["resident"])["meeting_attendance"]
    assert [row["meeting"] for row in exported] == [m.title] and exported[0]["name"] == "张三"
    privacy.anonymise(people["resident"])
    row = Attendance.objects.get(meeting=m)
    assert row.person_id is None and "张三" not in row.name
    m.refresh_from_db()
    assert m.attendee_count == 1
