"""What people may do in the forum. Objects: a Neighborhood, a Topic or a Reply (all carry neighborhood_id)."""

import rules

from linli.community.predicates import is_committee_staff, is_resident_of, is_street_staff

from .predicates import is_author, is_public_topic, is_visible_post

member = is_resident_of | is_committee_staff

rules.add_perm("forum.view_forum", rules.always_allow)
rules.add_perm("forum.read_residents_only", member | is_street_staff)
# A held or hidden post stays readable by its author (its link is on /forum/me/ and in the
# notice that it awaits review) and by the moderators; nobody else.
rules.add_perm(
    "forum.view_topic",
    (is_public_topic | member | is_street_staff)
    & (is_visible_post | is_committee_staff | is_author),
)
rules.add_perm("forum.post", member)
rules.add_perm("forum.support", member)
rules.add_perm("forum.report", member)
rules.add_perm("forum.mark_best", is_author | is_committee_staff)
rules.add_perm("forum.manage_topic", is_committee_staff)
rules.add_perm("forum.manage_circles", is_committee_staff)
rules.add_perm("forum.post_committee_topic", is_committee_staff)
# Quick proposals inside a topic (as in Loomio): the topic's author or staff start one; members
# take a stance; the proposal's author (or staff) closes it with the outcome.
rules.add_perm("forum.start_quick_proposal", member & (is_author | is_committee_staff))
rules.add_perm("forum.take_stance", member)
rules.add_perm("forum.close_quick_proposal", is_author | is_committee_staff)
# Authors fix what they wrote (the edit is screened like new text); moderators read every
# post's edit history, authors their own.
rules.add_perm("forum.edit_post", is_author & member)
rules.add_perm("forum.view_history", (is_author & member) | is_committee_staff)
# A draft is its author's alone (object: a TopicDraft).
rules.add_perm("forum.change_draft", is_author)
