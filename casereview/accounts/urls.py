"""Accounts pages: sign-in, two-factor, sign-out, passwords and API tokens."""

from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("sign-in/", views.sign_in, name="login"),
    path("two-factor/", views.two_factor_verify, name="two_factor_verify"),
    path("two-factor/set-up/", views.two_factor_setup, name="two_factor_setup"),
    path("sign-out/", views.sign_out, name="logout"),
    # Every reset page lives under password-reset/, which the two-factor middleware exempts as a whole.
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path("password-reset/complete/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("password-reset/<uidb64>/<token>/", views.PasswordResetConfirmView.as_view(), name="password_reset_confirm"),
    path("password/change/", views.PasswordChangeView.as_view(), name="password_change"),
    path("api-tokens/", views.tokens, name="tokens"),
    path("api-tokens/<int:token_id>/revoke/", views.token_revoke, name="token_revoke"),
]
