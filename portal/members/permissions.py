from wagtail.permission_policies import ModelPermissionPolicy


class MemberPermissionPolicy(ModelPermissionPolicy):
    """Model permissions, except that nobody deletes a member: leaving anonymises the record and keeps its history."""

    def user_has_permission(self, user, action):
        return action != "delete" and super().user_has_permission(user, action)

    def user_has_any_permission(self, user, actions):
        return super().user_has_any_permission(user, [action for action in actions if action != "delete"])

    def users_with_any_permission(self, actions):
        return super().users_with_any_permission([action for action in actions if action != "delete"])
