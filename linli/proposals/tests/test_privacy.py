from linli.proposals import actions, privacy


def test_export_lists_own_proposals_and_supports(people, make_proposal):
    mine = make_proposal()
    theirs = make_proposal(title="路灯", author=people["far_resident"])
    actions.support_add(proposal=theirs, person=people["resident"])
    exported = privacy.export(people["resident"])
    assert [p["id"] for p in exported["proposals"]] == [mine.pk]
    assert [s["proposal"] for s in exported["proposal_supports"]] == [theirs.pk]
