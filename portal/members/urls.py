"""A member's own pages, included under /<language>/account/ and /account/ (see portal/members/language.py)."""

from django.urls import path

from portal.members.views import account, governance, personal, tokens

app_name = "account"

urlpatterns = [
    path("", account.AccountHomeView.as_view(), name="home"),
    path("sign-in/", account.SignInView.as_view(), name="sign-in"),
    path("sign-out/", account.SignOutView.as_view(), name="sign-out"),
    path("password-reset/", account.PasswordResetView.as_view(), name="password-reset"),
    path("password-reset/sent/", account.PasswordResetSentView.as_view(), name="password-reset-sent"),
    path("reset/<uidb64>/<token>/", account.PasswordResetConfirmView.as_view(), name="password-reset-confirm"),
    path("reset/done/", account.PasswordResetCompleteView.as_view(), name="password-reset-complete"),
    path("governance/", governance.GovernanceView.as_view(), name="governance"),
    path("data.json", personal.DataDownloadView.as_view(), name="data"),
    path("leave/", personal.LeaveView.as_view(), name="leave"),
    path("left/", personal.LeftView.as_view(), name="left"),
    path("tokens/", tokens.TokensView.as_view(), name="tokens"),
    path("tokens/<int:pk>/revoke/", tokens.RevokeTokenView.as_view(), name="revoke-token"),
]
