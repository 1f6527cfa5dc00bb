"""One visibility rule: live, unexpired, and view restrictions that hold across every language version."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser, Group
from django.utils import timezone
from wagtail.models import PageViewRestriction

from cms.visibility import is_visible, visible_pages


def restrict(page, restriction_type=PageViewRestriction.LOGIN, groups=(), password=""):
    restriction = PageViewRestriction.objects.create(page=page, restriction_type=restriction_type, password=password)
    restriction.groups.set(groups)
    return restriction


@pytest.mark.parametrize("viewer", [None, "anonymous"])
def test_restriction_added_to_source_after_translating_hides_the_translation(small_demo, viewer):
    user = AnonymousUser() if viewer else None
    translation = small_demo.page("spaces", "es")
    assert is_visible(translation, user)

    restrict(small_demo.page("spaces"))

    assert not is_visible(translation, user)
    assert not is_visible(small_demo.page("spaces"), user)


def test_restriction_on_an_ancestor_section_covers_translated_descendants(small_demo, member):
    members = Group.objects.get(name="Members")
    restrict(small_demo.page("1-principles"), PageViewRestriction.GROUPS, [members])

    for key in ("1-principles", "principles", "spaces"):
        assert not is_visible(small_demo.page(key, "es"))
        assert is_visible(small_demo.page(key, "es"), member)
    assert is_visible(small_demo.page("welcome"))


def test_group_restriction_needs_the_group(small_demo, member, outsider):
    register = small_demo.page("register-of-members")
    assert is_visible(register, member)
    assert not is_visible(register, outsider)
    assert not is_visible(register, None)


def test_login_restriction_admits_any_signed_in_user(small_demo, outsider):
    restrict(small_demo.page("commoning"))
    assert is_visible(small_demo.page("commoning"), outsider)
    assert not is_visible(small_demo.page("commoning"))


def test_password_protected_pages_never_appear(small_demo, django_user_model):
    admin = django_user_model.objects.create_superuser("root", password="root-password")
    restrict(small_demo.page("principles"), PageViewRestriction.PASSWORD, password="shared")
    assert not is_visible(small_demo.page("spaces", "es"), admin)
    assert not is_visible(small_demo.page("principles"), admin)


def test_wagtail_sees_inherited_restrictions_on_translations(small_demo):
    restriction = restrict(small_demo.page("1-principles"))
    assert list(small_demo.page("spaces", "es").get_view_restrictions()) == [restriction]


def test_unpublished_and_expired_pages_are_hidden(small_demo, member):
    spaces = small_demo.page("spaces")
    spaces.unpublish()
    assert not is_visible(spaces, member)

    commoning = small_demo.page("commoning")
    commoning.expire_at = timezone.now() - timedelta(minutes=1)
    commoning.save()
    assert not is_visible(commoning, member)

    visible_keys = set(visible_pages(user=member).values_list("pk", flat=True))
    assert small_demo.page("welcome").pk in visible_keys
    assert spaces.pk not in visible_keys and commoning.pk not in visible_keys


def test_draft_changes_stay_out_of_live_pages(small_demo):
    spaces = small_demo.page("spaces")
    spaces.title = "DRAFT-CANARY"
    spaces.save_revision()
    live = visible_pages().get(pk=spaces.pk)
    assert live.title == "Spaces"
