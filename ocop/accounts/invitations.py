"""The invitation e-mail: how a new account (an officer's, a producer's) sets its password."""

from django.conf import settings

from ocop.accounts.forms import ResetPasswordForm


def send_invitation(request, user) -> None:
    """The password-reset e-mail doubles as the invitation to set a first password."""
    form = ResetPasswordForm({"email": user.email})
    form.is_valid()
    form.save(
        request=request,
        use_https=request.is_secure(),
        subject_template_name="accounts/email/invitation_subject.txt",
        email_template_name="accounts/email/invitation.txt",
        from_email=settings.DEFAULT_FROM_EMAIL,
        extra_email_context={"inviter": request.user},
    )
