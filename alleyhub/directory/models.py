from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from alleyhub.accounts.models import Membership
from alleyhub.core.models import BaseModel, BilingualMixin, VersionedModel, current_language_code
from alleyhub.core.uploads import random_upload_to
from alleyhub.core.validators import validate_credit_code


class LifecycleStage(models.TextChoices):
    SEED = "seed", _("种子期")
    STARTUP = "startup", _("初创期")
    GROWTH = "growth", _("成长期")
    MATURE = "mature", _("成熟期")


def validate_stages(value):
    if not isinstance(value, list) or any(v not in LifecycleStage.values for v in value):
        raise ValidationError(_("发展阶段无效。"), code="invalid_stages")


class Industry(BaseModel):
    """A node of the hierarchical industry taxonomy (e.g. 集成电路 > 功率半导体)."""

    code = models.SlugField(_("代码"), max_length=60, unique=True)
    name_zh = models.CharField(_("中文名"), max_length=100)
    name_en = models.CharField(_("英文名"), max_length=100)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("上级"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    keywords = models.TextField(_("关键词"), blank=True, help_text=_("用于匹配的同义词，空格分隔"))

    class Meta:
        verbose_name = _("产业领域")
        verbose_name_plural = _("产业领域")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.localized_name

    @property
    def localized_name(self) -> str:
        return self.name_en if current_language_code() == "en" else self.name_zh


class OrganizationKind(models.TextChoices):
    ENTERPRISE = "enterprise", _("科创企业")
    INSTITUTE = "institute", _("科研院所")
    UNIVERSITY = "university", _("高校")
    INVESTOR = "investor", _("投资机构")
    SERVICE_PROVIDER = "service_provider", _("服务机构")
    INCUBATOR = "incubator", _("孵化器 / 空间运营方")
    PLATFORM = "platform", _("功能性平台")
    GOVERNMENT_UNIT = "government_unit", _("政府部门")


class OrganizationStatus(models.TextChoices):
    """Whether the operators let an organisation in. Only approved organisations' listings are
    published (directory.ownership.public_listing_q); self-registered ones start pending."""

    PENDING = "pending", _("待审核")
    APPROVED = "approved", _("已通过")
    REJECTED = "rejected", _("未通过")


class Organization(BilingualMixin, VersionedModel, BaseModel):
    kind = models.CharField(_("类型"), max_length=20, choices=OrganizationKind.choices, db_index=True)
    name_zh = models.CharField(_("中文名称"), max_length=200, blank=True)
    name_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    short_name = models.CharField(_("简称"), max_length=60, blank=True)
    slug = models.SlugField(_("标识"), max_length=80, unique=True)
    credit_code = models.CharField(
        _("统一社会信用代码"), max_length=18, blank=True, validators=[validate_credit_code]
    )
    stage = models.CharField(
        _("发展阶段"), max_length=10, choices=LifecycleStage.choices, blank=True, db_index=True
    )
    industries = models.ManyToManyField(
        Industry, verbose_name=_("产业领域"), blank=True, related_name="organizations"
    )
    description_zh = models.TextField(_("中文简介"), blank=True)
    description_en = models.TextField(_("英文简介"), blank=True)
    website = models.URLField(_("网站"), blank=True)
    founded_year = models.PositiveSmallIntegerField(
        _("成立年份"), null=True, blank=True, validators=[MinValueValidator(1800), MaxValueValidator(2100)]
    )
    employees = models.PositiveIntegerField(_("员工人数"), null=True, blank=True)
    address = models.CharField(_("地址"), max_length=200, blank=True)
    subdistrict = models.CharField(_("街道"), max_length=50, blank=True, db_index=True)
    latitude = models.DecimalField(
        _("纬度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("经度"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    is_published = models.BooleanField(_("公开"), default=True, db_index=True)
    # Rows made by operators, the admin and the demo are approved; `organization_register` sets
    # pending explicitly (the migration that added the field approved every existing row).
    status = models.CharField(
        _("审核状态"),
        max_length=10,
        choices=OrganizationStatus.choices,
        default=OrganizationStatus.APPROVED,
        db_index=True,
    )
    review_note = models.TextField(_("审核意见"), blank=True)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("注册人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    logo = models.FileField(_("标志"), upload_to=random_upload_to("logos"), blank=True, max_length=200)

    class Meta:
        verbose_name = _("机构")
        verbose_name_plural = _("机构")
        ordering = ["kind", "name_zh", "name_en"]
        constraints = [
            models.UniqueConstraint(
                fields=["credit_code"],
                condition=~models.Q(credit_code=""),
                name="organization_unique_credit_code",
            ),
            models.CheckConstraint(
                condition=~models.Q(name_zh="", name_en=""), name="organization_has_a_name"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.localized("name")

    @property
    def is_approved(self) -> bool:
        return self.status == OrganizationStatus.APPROVED

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("directory:detail", kwargs={"slug": self.slug})

    def clean(self):
        self.credit_code = (self.credit_code or "").strip().upper()
        if not (self.name_zh or self.name_en):
            raise ValidationError({"name_zh": _("请至少填写中文或英文名称。")})


class Person(BilingualMixin, BaseModel):
    """An expert, researcher or broker, with affiliations to organisations."""

    class Kind(models.TextChoices):
        EXPERT = "expert", _("专家")
        RESEARCHER = "researcher", _("科研人员")
        BROKER = "broker", _("科技经纪人")
        ENTREPRENEUR = "entrepreneur", _("创业者")
        INVESTOR = "investor", _("投资人")

    kind = models.CharField(_("类型"), max_length=20, choices=Kind.choices, db_index=True)
    name_zh = models.CharField(_("中文姓名"), max_length=60, blank=True)
    name_en = models.CharField(_("英文姓名"), max_length=100, blank=True)
    title_zh = models.CharField(_("中文职称"), max_length=100, blank=True)
    title_en = models.CharField(_("英文职称"), max_length=100, blank=True)
    bio_zh = models.TextField(_("中文简介"), blank=True)
    bio_en = models.TextField(_("英文简介"), blank=True)
    expertise = models.CharField(_("专长关键词"), max_length=300, blank=True)
    industries = models.ManyToManyField(
        Industry, verbose_name=_("产业领域"), blank=True, related_name="people"
    )
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("平台账号"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="person",
    )
    email = models.EmailField(_("邮箱"), blank=True)
    is_published = models.BooleanField(_("公开"), default=True)
    contact_consent = models.BooleanField(_("同意公开联系方式"), default=False)

    class Meta:
        verbose_name = _("人员")
        verbose_name_plural = _("人员")
        ordering = ["name_zh", "name_en"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(name_zh="", name_en=""), name="person_has_a_name")
        ]

    def __str__(self) -> str:
        return self.localized("name")


class Affiliation(BaseModel):
    person = models.ForeignKey(
        Person, verbose_name=_("人员"), on_delete=models.CASCADE, related_name="affiliations"
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="affiliations"
    )
    position = models.CharField(_("职位"), max_length=100, blank=True)
    is_primary = models.BooleanField(_("主要任职"), default=True)
    start_date = models.DateField(_("开始日期"), null=True, blank=True)
    end_date = models.DateField(_("结束日期"), null=True, blank=True)

    class Meta:
        verbose_name = _("任职")
        verbose_name_plural = _("任职")
        constraints = [
            models.UniqueConstraint(fields=["person", "organization"], name="affiliation_unique_person_org"),
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True)
                | models.Q(start_date__isnull=True)
                | models.Q(end_date__gte=models.F("start_date")),
                name="affiliation_dates_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.organization}"


class JoinRequestStatus(models.TextChoices):
    PENDING = "pending", _("待审批")
    APPROVED = "approved", _("已批准")
    REJECTED = "rejected", _("已拒绝")
    WITHDRAWN = "withdrawn", _("已撤回")


class JoinRequest(VersionedModel, BaseModel):
    """A user asks to become a member of an organisation; its admins (or, when it has none, an
    operator) decide (directory.services.JOIN_MOVES)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("申请人"),
        on_delete=models.CASCADE,
        related_name="join_requests",
    )
    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="join_requests"
    )
    message = models.TextField(_("留言"), max_length=1000, blank=True)
    status = models.CharField(
        _("状态"),
        max_length=10,
        choices=JoinRequestStatus.choices,
        default=JoinRequestStatus.PENDING,
        db_index=True,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("审批人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("审批时间"), null=True, blank=True)
    decision_note = models.TextField(_("审批意见"), max_length=1000, blank=True)

    class Meta:
        verbose_name = _("加入申请")
        verbose_name_plural = _("加入申请")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organization"],
                condition=models.Q(status="pending"),
                name="joinrequest_one_pending_per_user_org",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.organization}"


class InvitationStatus(models.TextChoices):
    PENDING = "pending", _("待接受")
    ACCEPTED = "accepted", _("已接受")
    REVOKED = "revoked", _("已撤销")


class Invitation(BaseModel):
    """An organisation admin invites a colleague by e-mail. The link carries a signed token
    (directory.services.invitation_token) that works once, until `expires_at`."""

    organization = models.ForeignKey(
        Organization, verbose_name=_("机构"), on_delete=models.CASCADE, related_name="invitations"
    )
    email = models.EmailField(_("邮箱"))
    role = models.CharField(
        _("机构内角色"),
        max_length=20,
        choices=Membership.MemberRole.choices,
        default=Membership.MemberRole.MEMBER,
    )
    nonce = models.CharField(max_length=32, editable=False)
    status = models.CharField(
        _("状态"), max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("邀请人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    expires_at = models.DateTimeField(_("过期时间"))
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("接受人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(_("接受时间"), null=True, blank=True)

    class Meta:
        verbose_name = _("成员邀请")
        verbose_name_plural = _("成员邀请")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} → {self.organization}"


class ListingAttachment(BaseModel):
    """A file attached to a listing (outcome, demand, investor profile, service, space unit).

    One model for the five listing kinds, pointing at its listing with a generic relation: the
    kinds live in three sibling apps above the directory (listings, catalogue, spaces) that may not
    import each other, and a nullable foreign key per kind would make this lower app depend on
    them. The listing decides who sees the file (`directory.attachments`): a published listing's
    attachments are public unless `confidential`; a draft's only for those who may see the draft;
    confidential ones only for those who may see the listing's confidential part."""

    content_type = models.ForeignKey(ContentType, on_delete=models.CASCADE, related_name="+")
    object_id = models.PositiveBigIntegerField()
    listing = GenericForeignKey("content_type", "object_id")
    file = models.FileField(_("文件"), upload_to=random_upload_to("listings"), max_length=200)
    original_name = models.CharField(_("文件名"), max_length=200)
    size = models.PositiveIntegerField(_("大小（字节）"))
    mime_type = models.CharField(_("类型"), max_length=100)
    title = models.CharField(_("说明"), max_length=200, blank=True)
    confidential = models.BooleanField(
        _("保密"), default=False, help_text=_("仅所属机构、运营方及获准查看保密信息的人可以下载")
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("上传人"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("条目附件")
        verbose_name_plural = _("条目附件")
        ordering = ["pk"]
        indexes = [models.Index(fields=["content_type", "object_id"], name="attachment_listing")]

    def __str__(self) -> str:
        return self.original_name
