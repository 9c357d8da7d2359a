"""Writes for accounts: sign-up and its e-mail link, profile and preferences, passwords, personal
access tokens, two-factor sign-in. Each records an audit entry."""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth import password_validation
from django.contrib.auth.hashers import make_password
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.encoding import force_str
from django.utils.http import urlsafe_base64_decode
from django.utils.translation import gettext as _
from django_otp import devices_for_user, verify_token
from django_otp.models import Device
from django_otp.oath import TOTP
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from alleyhub.accounts.hooks import signup_consents
from alleyhub.accounts.models import SPOKEN_LANGUAGES, PersonalAccessToken, Role, User
from alleyhub.accounts.tasks import send_signup_email
from alleyhub.accounts.tokens import email_verification_token
from alleyhub.accounts.validators import normalise_phone
from alleyhub.core.audit import audit_record
from alleyhub.core.exceptions import ApplicationError
from alleyhub.core.uploads import IMAGES, upload_validate

MAX_ACTIVE_TOKENS = 20


@transaction.atomic
def user_update_preferences(*, user: User, preferred_language: str, actor: User) -> User:
    """Set the user's preferred language (a code from settings.LANGUAGES).

    Raises ValidationError for an unknown language; records `accounts.user.preferences_changed`.
    """
    if user.preferred_language == preferred_language:
        return user
    old = user.preferred_language
    user.preferred_language = preferred_language
    user.full_clean(exclude=["password"])
    user.save(update_fields=["preferred_language"])
    audit_record(
        actor=actor,
        target=user,
        code="accounts.user.preferences_changed",
        data={"preferred_language": [old, preferred_language]},
    )
    return user


# --- sign-up -----------------------------------------------------------------------------------------


def normalise_email(email: str) -> str:
    """E-mail addresses are compared and stored in lower case: one account per address, whatever
    its spelling."""
    return (email or "").strip().lower()


def _send_signup_email(user: User, kind: str) -> None:
    transaction.on_commit(lambda: send_signup_email.enqueue(user_id=user.pk, kind=kind))


def signup_register(
    *,
    email: str,
    display_name: str,
    password: str,
    preferred_language: str,
    documents_accepted: bool,
    ip: str | None = None,
) -> User | None:
    """Someone signs up. Creates an inactive account (username = e-mail) that the link e-mailed to
    the address activates (`signup_verify`), and records the acceptance of the current privacy
    notice and terms (through the `signup_consents` hook, privacy's consent records).

    An address that belongs to an account already gets no second one and the caller learns
    nothing: the owner is e-mailed that someone tried (with links to sign in and to reset the
    password) and None is returned; the page says "check your mailbox" either way. A still
    pending sign-up for the address is replaced by this one (new password and name; its older
    links stop working, as the password changed).

    Raises ValidationError for a missing acceptance (field `accept`), a password the validators
    refuse (field `password`), an invalid address or name.
    """
    email = normalise_email(email)
    display_name = (display_name or "").strip()
    if not documents_accepted:
        raise ValidationError({"accept": _("请阅读并同意隐私政策和用户协议。")})
    # The password is judged and hashed whether or not the address is taken: neither the answer
    # nor the time it takes may tell that an account exists.
    try:
        password_validation.validate_password(
            password, User(username=email, email=email, display_name=display_name)
        )
    except ValidationError as error:
        raise ValidationError({"password": error.messages}) from None
    password_hash = make_password(password)
    with transaction.atomic():
        existing = (
            User.objects.select_for_update()
            .filter(Q(email__iexact=email) | Q(username__iexact=email))
            .order_by("pk")
            .first()
        )
        if existing is not None and not existing.is_signup_pending:
            audit_record(actor=None, target=existing, code="accounts.signup.existing_address", data={}, ip=ip)
            if normalise_email(existing.email) == email:  # never to another address
                _send_signup_email(existing, "existing")
            return None
        user = existing or User(username=email, role=Role.PUBLIC)
        user.email = email
        user.display_name = display_name
        user.preferred_language = preferred_language
        user.is_active = False
        user.signed_up_at = timezone.now()
        user.password = password_hash
        user.full_clean(exclude=["password", "username"] if existing else ["password"])
        try:
            with transaction.atomic():
                user.save()
        except IntegrityError:
            # The same address signed up at the same moment in another request: that one won.
            return None
        for record_consent in signup_consents.providers():
            record_consent(user, ip)
        audit_record(
            actor=user,
            target=user,
            code="accounts.signup.registered" if existing is None else "accounts.signup.replaced",
            data={"preferred_language": preferred_language},
            ip=ip,
        )
        _send_signup_email(user, "verify")
    return user


def signup_resend(*, email: str) -> None:
    """Send the link again to a pending sign-up for `email` (older links keep working until they
    expire). Any other address: nothing happens, and the caller cannot tell the difference."""
    user = User.objects.filter(email__iexact=normalise_email(email)).order_by("pk").first()
    if user is not None and user.is_signup_pending:
        with transaction.atomic():
            _send_signup_email(user, "verify")


def signup_user_from_link(uidb64: str) -> User | None:
    try:
        pk = int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
    return User.objects.filter(pk=pk).first()


def signup_verify(*, uidb64: str, token: str, ip: str | None = None) -> User:
    """Follow the e-mailed link: the pending account becomes active with its address verified.

    Raises ApplicationError (400) for a link that is wrong, expired, already used or replaced by
    a newer sign-up; records `accounts.signup.verified`.
    """
    with transaction.atomic():
        user = signup_user_from_link(uidb64)
        if user is not None:
            user = User.objects.select_for_update().get(pk=user.pk)
        if (
            user is None
            or not user.is_signup_pending
            or not email_verification_token.check_token(user, token)
        ):
            raise ApplicationError(
                _("验证链接无效、已使用或已过期。请重新发送验证邮件，或直接登录。"), status=400
            )
        user.is_active = True
        user.email_verified_at = timezone.now()
        user.save(update_fields=["is_active", "email_verified_at"])
        audit_record(actor=user, target=user, code="accounts.signup.verified", ip=ip)
    return user


def signup_pending_purge(*, now: datetime | None = None) -> int:
    """Delete sign-ups whose link expired a day ago without being followed (their consent rows
    go with them; the audit trail keeps that they signed up). Safe to run twice. Returns how many."""
    now = now or timezone.now()
    cutoff = now - timedelta(seconds=settings.SIGNUP_VERIFICATION_SECONDS) - timedelta(days=1)
    pending = User.objects.filter(
        is_active=False, signed_up_at__lt=cutoff, email_verified_at__isnull=True, last_login__isnull=True
    )
    count = 0
    for user in pending:
        with transaction.atomic():
            audit_record(actor=None, target=user, code="accounts.signup.expired_deleted")
            user.delete()
            count += 1
    return count


# --- profile and password ----------------------------------------------------------------------------


@transaction.atomic
def user_update_profile(
    *,
    user: User,
    actor: User,
    display_name: str,
    phone: str = "",
    job_title: str = "",
    languages_spoken: list[str] | None = None,
    photo: UploadedFile | None = None,
    photo_clear: bool = False,
) -> User:
    """Edit the user's own profile: display name, phone (a mainland mobile number or an
    international one in +country form, stored normalised), job title, languages spoken, photo
    (PNG or JPEG, core.uploads' image policy).

    Raises PermissionDenied unless `actor` is `user`; ValidationError for a bad phone number (field
    `phone`), an unknown language (`languages_spoken`), a refused photo (`photo`);
    records `accounts.user.profile_changed` with the names of the changed fields.
    """
    if actor.pk != user.pk:
        raise PermissionDenied(_("只能编辑自己的资料。"))
    user = User.objects.select_for_update().get(pk=user.pk)
    allowed = {code for code, _label in SPOKEN_LANGUAGES}
    languages = list(dict.fromkeys(languages_spoken or []))
    if any(code not in allowed for code in languages):
        raise ValidationError({"languages_spoken": _("请选择列出的语言。")})
    new = {
        "display_name": (display_name or "").strip(),
        "phone": normalise_phone(phone) if (phone or "").strip() else "",
        "job_title": (job_title or "").strip(),
        "languages_spoken": languages,
    }
    changed = [name for name, value in new.items() if getattr(user, name) != value]
    for name, value in new.items():
        setattr(user, name, value)
    old_photo = user.photo.name if user.photo else ""
    if photo is not None:
        try:
            content_type = upload_validate(photo, policy=IMAGES)
        except ApplicationError as error:
            raise ValidationError({"photo": error.message}) from None
        user.photo = photo
        user.photo_content_type = content_type
        changed.append("photo")
    elif photo_clear and old_photo:
        user.photo = ""
        user.photo_content_type = ""
        changed.append("photo")
    user.full_clean(exclude=["password"])
    user.save()
    if "photo" in changed and old_photo:
        storage = User._meta.get_field("photo").storage
        transaction.on_commit(lambda: storage.delete(old_photo))
    if changed:
        audit_record(actor=actor, target=user, code="accounts.user.profile_changed", data={"fields": changed})
    return user


def password_changed_record(*, user: User, how: str, ip: str | None = None) -> None:
    """Django's password views change the password; this notes it in the audit trail (`how`:
    "change" by the signed-in user, "reset" through the e-mailed link)."""
    audit_record(actor=user, target=user, code=f"accounts.user.password_{how}", ip=ip)


@transaction.atomic
def token_create(
    *, user: User, name: str, actor: User, expires_at: datetime | None = None
) -> tuple[PersonalAccessToken, str]:
    """Issue a personal access token for `user`. Returns the token and its plain text, which is
    never stored (only its SHA-256) and must be shown to the user once.

    Raises ApplicationError when the user already has too many active tokens or the expiry is
    in the past; ValidationError for an invalid name.
    """
    now = timezone.now()
    if expires_at is not None and expires_at <= now:
        raise ApplicationError(_("过期时间必须晚于现在。"), status=422)
    active = PersonalAccessToken.objects.filter(user=user, revoked_at__isnull=True).exclude(
        expires_at__lte=now
    )
    if active.count() >= MAX_ACTIVE_TOKENS:
        raise ApplicationError(
            _("有效令牌最多 %(n)s 个，请先撤销不用的令牌。") % {"n": MAX_ACTIVE_TOKENS}, status=409
        )
    plain = PersonalAccessToken.PREFIX + _random_secret()
    token = PersonalAccessToken(
        user=user,
        name=(name or "").strip(),
        token_hash=PersonalAccessToken.hash(plain),
        expires_at=expires_at,
    )
    token.full_clean()
    token.save()
    audit_record(actor=actor, target=token, code="accounts.token.created", data={"name": token.name})
    return token, plain


@transaction.atomic
def token_revoke(*, token: PersonalAccessToken, actor: User) -> PersonalAccessToken:
    """Revoke a token; it stops working at once. Raises ApplicationError (409) if already revoked."""
    token = PersonalAccessToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        raise ApplicationError(_("该令牌已撤销。"), status=409)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at", "updated_at"])
    audit_record(actor=actor, target=token, code="accounts.token.revoked", data={"name": token.name})
    return token


def _random_secret() -> str:
    return secrets.token_urlsafe(32)


def token_authenticate(token: str) -> User | None:
    """The active user whose active personal access token this is (None otherwise); notes when the
    token was last used. Registered as core's API token authenticator (`AccountsConfig.ready`)."""
    pat = (
        PersonalAccessToken.objects.select_related("user")
        .filter(token_hash=PersonalAccessToken.hash(token))
        .first()
    )
    if pat is None or not pat.is_active or not pat.user.is_active:
        return None
    PersonalAccessToken.objects.filter(pk=pat.pk).update(last_used_at=timezone.now())
    return pat.user


BACKUP_CODE_COUNT = 10


@transaction.atomic
def two_factor_enable(*, user: User, key: str, code: str, actor: User) -> tuple[TOTPDevice, list[str]]:
    """Turn on two-factor sign-in with the authenticator app the user set up with `key` (hex, as
    `django_otp.util.random_hex` makes it): `code` must be the app's current code. Creates the
    confirmed TOTP device and a fresh set of backup codes, which are returned to be shown once.

    Raises ApplicationError (422) for a wrong code, (409) when two-factor sign-in is already on;
    records `accounts.user.two_factor_enabled`.
    """
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ApplicationError(_("两步验证已经开启。"), status=409)
    device = TOTPDevice(user=user, name=_("身份验证器"), key=key, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    code = (code or "").strip().replace(" ", "")
    if not (code.isdigit() and totp.verify(int(code), device.tolerance)):
        raise ApplicationError(
            _("验证码不正确，请核对手机上的时间并输入当前显示的 6 位数字。"), {"field": "code"}, status=422
        )
    device.last_t = totp.t()  # this code may not be used again to sign in
    device.full_clean()
    device.save()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()
    codes = _backup_codes_replace(user=user)
    audit_record(actor=actor, target=user, code="accounts.user.two_factor_enabled")
    return device, codes


@transaction.atomic
def two_factor_backup_codes_regenerate(*, user: User, actor: User) -> list[str]:
    """Replace the user's backup codes with a fresh set (the old ones stop working) and return it.

    Raises ApplicationError (409) when two-factor sign-in is off; records
    `accounts.user.backup_codes_regenerated`.
    """
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        raise ApplicationError(_("两步验证尚未开启。"), status=409)
    codes = _backup_codes_replace(user=user)
    audit_record(actor=actor, target=user, code="accounts.user.backup_codes_regenerated")
    return codes


@transaction.atomic
def two_factor_disable(*, user: User, actor: User) -> None:
    """Turn two-factor sign-in off: every device and backup code of the user is deleted.

    Raises ApplicationError (403) for the roles that must use it (operators, the task force,
    government-unit staff) while TWO_FACTOR_REQUIRED_FOR_STAFF is on, (409) when it is off
    already; records `accounts.user.two_factor_disabled`.
    """
    if settings.TWO_FACTOR_REQUIRED_FOR_STAFF and user.is_platform_staff:
        raise ApplicationError(_("您的角色必须使用两步验证，不能关闭。"), status=403)
    devices = list(devices_for_user(user, confirmed=None))
    if not devices:
        raise ApplicationError(_("两步验证尚未开启。"), status=409)
    for device in devices:
        device.delete()
    audit_record(actor=actor, target=user, code="accounts.user.two_factor_disabled")


def two_factor_verify(*, user: User, code: str) -> Device | None:
    """The user's device that accepts `code` at sign-in, or None. A 6-digit code is tried on the
    authenticator only and anything else on the backup codes only, so a backup code never counts
    as a failed authenticator code (django-otp slows a device down after each failure). A backup
    code is used up by this; a failure records itself on the device (its throttling)."""
    code = (code or "").strip().replace(" ", "").lower()
    is_app_code = code.isdigit() and len(code) == 6
    for device in devices_for_user(user, confirmed=True):
        if isinstance(device, TOTPDevice) == is_app_code:
            verified = verify_token(user, device.persistent_id, code)
            if verified is not None:
                return verified
    return None


def _backup_codes_replace(*, user: User) -> list[str]:
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create([StaticToken(device=device, token=code) for code in codes])
    return codes
