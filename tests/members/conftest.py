import itertools
import uuid
from datetime import date

import pytest
from django.core.cache import cache
from wagtail.models import Locale

from cms.governance.models import DocumentKind, GovernanceVersion
from portal.members.models import Member, MemberKind, MemberStatus

numbers = itertools.count(1)


@pytest.fixture(autouse=True)
def empty_cache():
    # The API's local-memory response cache outlives a test's transaction.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_member(django_user_model):
    """A member with a user account; `status` is reached through change_status, as in the register."""

    def make(
        username=None,
        *,
        kind=MemberKind.INDIVIDUAL,
        status=MemberStatus.ACTIVE,
        password="pass-phrase-1",  # noqa: S107
        **user,
    ):
        username = username or f"person{next(numbers)}"
        language = user.pop("language", "en")
        account = django_user_model.objects.create_user(
            username, email=user.pop("email", f"{username}@example.coop"), password=password, **user
        )
        member = Member.objects.create(user=account, kind=kind, preferred_language=language)
        if status == MemberStatus.ACTIVE:
            member.change_status(MemberStatus.ACTIVE)
        elif status != MemberStatus.APPLICANT:
            member.change_status(MemberStatus.ACTIVE)
            member.change_status(status)
        return member

    return make


@pytest.fixture
def admin_client(client, django_user_model):
    admin = django_user_model.objects.create_superuser("admin", "admin@example.coop", "admin-password")
    client.force_login(admin)
    client.admin = admin
    return client


class Governance:
    """Governance documents built per test: versions in the source language and their translations."""

    def locale(self, code: str) -> Locale:
        return Locale.objects.get_or_create(language_code=code)[0]

    def add(self, kind, label, *, effective=None, summary="", body=None, lang="en", source=None, live=True):
        text = summary or f"{kind} {label}"
        return GovernanceVersion.objects.create(
            kind=kind,
            version_label=label,
            effective_date=effective or date(2025, 1, 1),
            change_summary=text,
            body=body or [{"type": "paragraph", "value": f"<p>{text}</p>"}],
            locale=self.locale(lang),
            translation_key=source.translation_key if source else uuid.uuid4(),
            live=live,
        )


@pytest.fixture
def governance(db):
    """The code of conduct 1.0 in English and Spanish, the privacy policy 1.0 in English, both in force."""
    documents = Governance()
    documents.code = documents.add(
        DocumentKind.CODE_OF_CONDUCT,
        "1.0",
        summary="First version.",
        body=[paragraph("Be kind."), paragraph("Listen.")],
    )
    documents.add(
        DocumentKind.CODE_OF_CONDUCT,
        "1.0",
        summary="Primera versión.",
        body=[paragraph("Sé amable."), paragraph("Escucha.")],
        lang="es",
        source=documents.code,
    )
    documents.privacy = documents.add(DocumentKind.PRIVACY_POLICY, "1.0", summary="We keep little.")
    return documents


def paragraph(text: str) -> dict:
    return {"type": "paragraph", "value": f"<p>{text}</p>"}
