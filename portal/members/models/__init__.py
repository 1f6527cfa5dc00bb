from portal.members.models.acceptance import Acceptance  # noqa: F401
from portal.members.models.member import (  # noqa: F401
    Member,
    MemberKind,
    MemberStatus,
    MemberStatusChange,
    ProvisioningStatus,
    StatusChangeNotAllowed,
    member_of,
)
from portal.members.models.tokens import PersonalToken  # noqa: F401
