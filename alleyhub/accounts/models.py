import hashlib
import secrets

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import BaseModel
from alleyhub.core.uploads import random_upload_to

# Languages a person can say they speak on their profile (codes, labels in the reader's language).
SPOKEN_LANGUAGES = [
    ("zh", _("中文")),
    ("en", _("英语")),
    ("ja", _("日语")),
    ("ko", _("韩语")),
    ("de", _("德语")),
    ("fr", _("法语")),
    ("es", _("西班牙语")),
    ("ru", _("俄语")),
]


class Role(models.TextChoices):
    OPERATOR = "operator", _("街区运营方")
    TASK_FORCE = "task_force", _("工作专班")
    UNIT_STAFF = "unit_staff", _("政府部门工作人员")
    BROKER = "broker", _("科技经纪人")
    MEMBER = "member", _("机构成员")
    PUBLIC = "public", _("公众")


class User(AbstractUser):
    """A person who signs in. `role` is the platform-wide role; what a user may do for an
    organisation comes from their `Membership` of it."""

    role = models.CharField(
        _("平台角色"), max_length=20, choices=Role.choices, default=Role.PUBLIC, db_index=True
    )
    display_name = models.CharField(_("显示名称"), max_length=100, blank=True)
    phone = models.CharField(_("手机号"), max_length=20, blank=True)
    preferred_language = models.CharField(
        _("偏好语言"), max_length=10, choices=[("zh-hans", "简体中文"), ("en", "English")], default="zh-hans"
    )
    is_demo = models.BooleanField(_("演示账号"), default=False)
    contact_consent_at = models.DateTimeField(_("同意被联系时间"), null=True, blank=True)
    job_title = models.CharField(_("职务"), max_length=100, blank=True)
    languages_spoken = models.JSONField(_("使用语言"), default=list, blank=True)
    photo = models.FileField(_("照片"), upload_to=random_upload_to("accounts/photos"), blank=True)
    photo_content_type = models.CharField(max_length=100, blank=True, editable=False)
    # Self sign-up (accounts.signup): when the form was sent and when the e-mail link was followed.
    # An account with `signed_up_at` but no `email_verified_at` is a pending sign-up: inactive,
    # and a new sign-up with its address replaces it.
    signed_up_at = models.DateTimeField(_("注册时间"), null=True, blank=True, editable=False)
    email_verified_at = models.DateTimeField(_("邮箱验证时间"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("用户")
        verbose_name_plural = _("用户")

    def __str__(self) -> str:
        return self.display_name or self.get_full_name() or self.username

    @property
    def is_operator(self) -> bool:
        return self.is_superuser or self.role in (Role.OPERATOR, Role.TASK_FORCE)

    @property
    def is_platform_staff(self) -> bool:
        """Operators, the task force, government-unit staff (and superusers): the accounts whose
        sessions expire when idle (accounts.middleware)."""
        return self.is_superuser or self.role in (Role.OPERATOR, Role.TASK_FORCE, Role.UNIT_STAFF)

    @property
    def is_signup_pending(self) -> bool:
        """Signed up, e-mail link not followed yet (so not allowed to sign in)."""
        return not self.is_active and self.signed_up_at is not None and self.email_verified_at is None

    @property
    def is_broker(self) -> bool:
        return self.role == Role.BROKER


class Membership(BaseModel):
    class MemberRole(models.TextChoices):
        ADMIN = "admin", _("管理员")
        MEMBER = "member", _("成员")

    user = models.ForeignKey(
        User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="memberships"
    )
    organization = models.ForeignKey(
        "directory.Organization", verbose_name=_("机构"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(
        _("机构内角色"), max_length=20, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    title = models.CharField(_("职务"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("机构成员")
        verbose_name_plural = _("机构成员")
        constraints = [
            models.UniqueConstraint(fields=["user", "organization"], name="membership_unique_user_org")
        ]

    def __str__(self) -> str:
        return f"{self.user} @ {self.organization}"


class PersonalAccessToken(BaseModel):
    """A token for the API. Only its SHA-256 is stored; the plain token is shown once."""

    PREFIX = "ahp_"

    user = models.ForeignKey(User, verbose_name=_("用户"), on_delete=models.CASCADE, related_name="tokens")
    name = models.CharField(_("名称"), max_length=100)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    last_used_at = models.DateTimeField(_("最近使用"), null=True, blank=True)
    expires_at = models.DateTimeField(_("过期时间"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("撤销时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("个人访问令牌")
        verbose_name_plural = _("个人访问令牌")

    def __str__(self) -> str:
        return f"{self.name} ({self.user})"

    @staticmethod
    def hash(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @classmethod
    def issue(cls, *, user: User, name: str, expires_at=None) -> tuple["PersonalAccessToken", str]:
        plain = cls.PREFIX + secrets.token_urlsafe(32)
        return cls.objects.create(
            user=user, name=name, token_hash=cls.hash(plain), expires_at=expires_at
        ), plain

    @property
    def is_active(self) -> bool:
        now = timezone.now()
        return self.revoked_at is None and (self.expires_at is None or self.expires_at > now)
