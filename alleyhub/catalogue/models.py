from django.contrib.contenttypes.fields import GenericRelation
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from alleyhub.core.models import PublishableListing
from alleyhub.directory.models import ListingAttachment, Organization, validate_stages


class ServiceCategory(models.TextChoices):
    FINANCE = "finance", _("科技金融")
    REGISTRATION_TAX_LAW = "registration_tax_law", _("工商、税务与法律")
    HR_TALENT = "hr_talent", _("人力资源与人才")
    IP = "ip", _("知识产权保护")
    SPACE = "space", _("空间载体")
    TESTING_PILOT = "testing_pilot", _("检测、中试与概念验证")
    POLICY = "policy", _("政策申报")


class ServiceOffering(PublishableListing):
    """An entry of the service list (服务清单): what a provider offers, to whom, and how to apply."""

    # Attachments are deleted with the listing (one model for every kind, directory.ListingAttachment).
    attachments = GenericRelation(ListingAttachment)

    owner = models.ForeignKey(
        Organization, verbose_name=_("服务提供方"), on_delete=models.CASCADE, related_name="services"
    )
    category = models.CharField(_("服务类别"), max_length=30, choices=ServiceCategory.choices, db_index=True)
    title_zh = models.CharField(_("中文名称"), max_length=200, blank=True)
    title_en = models.CharField(_("英文名称"), max_length=200, blank=True)
    description_zh = models.TextField(_("服务内容（中文）"), blank=True)
    description_en = models.TextField(_("服务内容（英文）"), blank=True)
    stages = models.JSONField(_("适用发展阶段"), default=list, blank=True, validators=[validate_stages])
    eligibility_zh = models.TextField(_("申请条件（中文）"), blank=True)
    eligibility_en = models.TextField(_("申请条件（英文）"), blank=True)
    how_to_apply_zh = models.TextField(_("办理方式（中文）"), blank=True)
    how_to_apply_en = models.TextField(_("办理方式（英文）"), blank=True)
    is_free = models.BooleanField(_("免费"), default=False)
    fee_zh = models.CharField(_("收费说明（中文）"), max_length=200, blank=True)
    fee_en = models.CharField(_("收费说明（英文）"), max_length=200, blank=True)
    contact_name = models.CharField(_("联系人"), max_length=50, blank=True)
    contact_phone = models.CharField(_("联系电话"), max_length=30, blank=True)
    contact_email = models.EmailField(_("联系邮箱"), blank=True)

    class Meta:
        verbose_name = _("服务事项")
        verbose_name_plural = _("服务清单")
        ordering = ["category", "title_zh"]
        constraints = [
            models.CheckConstraint(condition=~models.Q(title_zh="", title_en=""), name="service_has_a_title")
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return self.localized("title")

    @property
    def description(self) -> str:
        return self.localized("description")

    def clean(self):
        if not (self.title_zh or self.title_en):
            raise ValidationError({"title_zh": _("请至少填写中文或英文名称。")})
