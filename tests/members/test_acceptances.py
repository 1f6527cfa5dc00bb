"""Governance acceptance: what a member still has to accept, recording it, and being asked again."""

from datetime import timedelta

import pytest
from django.utils import timezone

from cms.governance.models import DocumentKind
from portal.members.acceptances import NotAMember, VersionNotCurrent, accept, pending_for
from portal.members.models import Acceptance, MemberStatus

CODE, PRIVACY = DocumentKind.CODE_OF_CONDUCT, DocumentKind.PRIVACY_POLICY


def pending(member, lang="en"):
    return [
        (each.kind, each.source.version_label, each.locale, each.served.change_summary)
        for each in pending_for(member, lang)
    ]


def test_a_new_member_has_both_documents_to_accept(governance, make_member):
    ana = make_member("ana", status=MemberStatus.APPLICANT)
    assert pending(ana, "es") == [
        (CODE, "1.0", "es", "Primera versión."),
        (PRIVACY, "1.0", "en", "We keep little."),  # not translated: served from the fallback
    ]


def test_accepting_records_version_language_and_time(governance, make_member):
    ana = make_member("ana")
    before = timezone.now()
    code = accept(ana, CODE, "1.0", "es")
    privacy = accept(ana, PRIVACY, "1.0", "de")  # no German translation: what she read was English
    assert (code.member, code.kind, code.version, code.version_label, code.language) == (
        ana,
        CODE,
        governance.code,
        "1.0",
        "es",
    )
    assert (privacy.version, privacy.language) == (governance.privacy, "en")
    assert code.accepted_at >= before
    assert pending(ana) == []
    # Accepting again keeps the first record.
    assert accept(ana, CODE, "1.0", "en") == code
    assert Acceptance.objects.filter(member=ana).count() == 2


def test_a_new_version_in_force_asks_again_with_what_changed(governance, make_member):
    ana = make_member("ana")
    accept(ana, CODE, "1.0", "es")
    accept(ana, PRIVACY, "1.0", "es")
    today = timezone.localdate()
    new = governance.add(CODE, "2.0", effective=today, summary="Adds recorded sessions.")
    governance.add(CODE, "2.0", effective=today, summary="Añade las sesiones grabadas.", lang="es", source=new)
    governance.add(CODE, "3.0", effective=today + timedelta(days=30), summary="Not yet.")
    governance.add(PRIVACY, "2.0", effective=today, summary="A draft.", live=False)

    (asked,) = pending_for(ana, "es")
    assert (asked.kind, asked.source, asked.locale, asked.served.change_summary) == (
        CODE,
        new,
        "es",
        "Añade las sesiones grabadas.",
    )
    assert asked.last_accepted.version_label == "1.0"

    with pytest.raises(VersionNotCurrent):
        accept(ana, CODE, "1.0", "es")  # the old version is no longer the one to accept
    with pytest.raises(VersionNotCurrent):
        accept(ana, CODE, "3.0", "es")  # nor one not yet in force
    accept(ana, CODE, "2.0", "es")
    assert pending(ana) == []
    assert [each.version_label for each in ana.acceptances.all()] == ["2.0", "1.0", "1.0"]


def test_each_member_is_asked_for_what_they_have_not_accepted(governance, make_member):
    ana, bo = make_member("ana"), make_member("bo")
    accept(ana, CODE, "1.0", "en")
    assert [kind for kind, *_ in pending(ana)] == [PRIVACY]
    assert [kind for kind, *_ in pending(bo)] == [CODE, PRIVACY]


def test_people_outside_the_register_and_leavers_accept_nothing(governance, make_member, django_user_model):
    editor = django_user_model.objects.create_user("editor")
    with pytest.raises(NotAMember):
        accept(None, CODE, "1.0", "en")
    assert pending_for(None, "en") == []
    assert not hasattr(editor, "member")
    ana = make_member("ana")
    ana.change_status(MemberStatus.LEFT)
    assert pending_for(ana, "en") == []
    with pytest.raises(NotAMember):
        accept(ana, CODE, "1.0", "en")


def test_pending_documents_cost_three_queries(governance, make_member, django_assert_num_queries):
    ana = make_member("ana")
    accept(ana, CODE, "1.0", "en")
    for version in range(2, 6):
        governance.add(PRIVACY, f"{version}.0", effective=timezone.localdate() - timedelta(days=10 - version))
    with django_assert_num_queries(3):
        found = pending(ana, "es")
    assert found == [(PRIVACY, "5.0", "en", "privacy_policy 5.0")]
