"""The register's view of governance acceptance: who accepted which version, and who has yet to accept the one in
force. The listing's columns read the labels that MemberQuerySet.for_register() annotates."""

import django_filters
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column

from cms.governance.models import DocumentKind, GovernanceVersion
from cms.locales import default_code
from portal.members.acceptances import current_versions
from portal.members.models import Acceptance, MemberStatus

# The annotation of each document's latest accepted version, and its heading in the listing and the CSV.
ACCEPTED_HEADINGS = {
    "code_of_conduct_accepted": _("Code of conduct accepted"),
    "privacy_policy_accepted": _("Privacy policy accepted"),
}


def acceptance_columns() -> list[Column]:
    return [Column(name, label=label, sort_key=name) for name, label in ACCEPTED_HEADINGS.items()]


def source_versions(request=None):
    return GovernanceVersion.objects.filter(locale__language_code=default_code()).order_by("kind", "-effective_date")


class MemberFilterSet(WagtailFilterSet):
    accepted_version = django_filters.ModelChoiceFilter(
        label=_("Accepted"), queryset=source_versions, method="filter_accepted_version"
    )
    to_accept = django_filters.ChoiceFilter(
        label=_("Has yet to accept"), choices=DocumentKind.choices, method="filter_to_accept"
    )

    def filter_accepted_version(self, queryset, name, version):
        return queryset.filter(Exists(Acceptance.objects.filter(member=OuterRef("pk"), version=version)))

    def filter_to_accept(self, queryset, name, kind):
        current = current_versions().get(kind)
        if current is None:
            return queryset.none()
        accepted = Acceptance.objects.filter(member=OuterRef("pk"), version=current)
        return queryset.filter(~Exists(accepted)).exclude(status=MemberStatus.LEFT)
