from portal.members.models.member import (  # noqa: F401
    Member,
    MemberKind,
    MemberStatus,
    MemberStatusChange,
    ProvisioningStatus,
    StatusChangeNotAllowed,
)
