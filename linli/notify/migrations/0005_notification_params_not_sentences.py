"""Older notifications kept words already translated in their parameters, in the language of
whoever caused them: an English reader saw "The result of … is published: 未通过". The result
becomes its key again (passed, not_passed, chosen…), and a verified household's "A区 7号楼"
becomes its compound and building number, so both are said in the reader's language.
Anything not recognised is left as it is (it is shown as it was written)."""

import re

from django.db import migrations

OUTCOMES = {
    "无效：参与表决的业主不足": "invalid",
    "not valid: too few took part": "invalid",
    "通过": "passed",
    "passed": "passed",
    "未通过": "not_passed",
    "not passed": "not_passed",
    "无结果（票数相同）": "tie",
    "no winner (a tie)": "tie",
}
CHOSEN = re.compile(r"^(?:选定：|chosen: )(?P<winner>.*)$", re.S)
HOUSEHOLD = re.compile(r"^(?P<compound>.*?) ?(?:(?P<zh>[^\s]+)号楼|Building (?P<en>\S+))$")


def _outcome(params):
    text = params.get("outcome")
    if not isinstance(text, str) or text in {"invalid", "passed", "not_passed", "chosen", "tie"}:
        return None
    if text in OUTCOMES:
        return {**params, "outcome": OUTCOMES[text]}
    chosen = CHOSEN.match(text)
    if chosen:
        return {**params, "outcome": "chosen", "winner": chosen["winner"]}
    return None


def _household(params):
    text = params.get("household")
    match = HOUSEHOLD.match(text) if isinstance(text, str) else None
    if not match or "building" in params:
        return None
    rest = {k: v for k, v in params.items() if k != "household"}
    return {**rest, "compound": match["compound"], "building": match["zh"] or match["en"]}


def forwards(apps, schema_editor):
    Notification = apps.get_model("notify", "Notification")
    for kind, fix in (("decide.result_published", _outcome), ("community.verified", _household)):
        changed = []
        for row in Notification.objects.filter(kind=kind).only("id", "params").iterator(2000):
            params = fix(row.params or {})
            if params is not None:
                row.params = params
                changed.append(row)
            if len(changed) >= 2000:
                Notification.objects.bulk_update(changed, ["params"])
                changed = []
        Notification.objects.bulk_update(changed, ["params"])


class Migration(migrations.Migration):
    dependencies = [("notify", "0004_neighborhood_on_notifications")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop, elidable=True)]
