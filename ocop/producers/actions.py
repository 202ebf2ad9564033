"""Every change to producers: one named function each, audited, in one transaction."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.accounts import actions as account_actions
from ocop.audit.log import diff, record, snapshot
from ocop.lib import uploads
from ocop.producers import rules
from ocop.producers.enums import TOURISM_ONLY_TYPES, TOURISM_PRODUCT_SET
from ocop.producers.models import EvidenceDocument, Producer, ProducerMembership

EDITABLE_FIELDS = [
    "name",
    "legal_type",
    "registration_number",
    "tax_code",
    "founded_on",
    "commune",
    "address",
    "representative_name",
    "representative_title",
    "representative_gender",
    "representative_ethnicity",
    "representative_disability",
    "workforce",
    "local_workforce",
    "local_capital_share",
    "phone",
    "email",
    "website",
    "latitude",
    "longitude",
    "profile",
]


class ProducerError(Exception):
    """A producer action was refused; the message says why, in the user's language."""


def may_use_product_set(producer: Producer, product_set_number: int) -> bool:
    """Associations and operating centres may only enter community tourism (set 26)."""
    return producer.legal_type not in TOURISM_ONLY_TYPES or (
        product_set_number == TOURISM_PRODUCT_SET
    )


def _check_products_allowed(producer: Producer) -> None:
    """Refuse a legal type under which one of the producer's products may not stand (an
    association or operating centre keeps only set 26, community tourism)."""
    # producers sits below products in the layers (.importlinter: products imports producers,
    # never the reverse), so no import of ocop.products here: the reverse relation
    # ``producer.products`` and the lookup ``product_set__number`` are resolved by the ORM.
    stranded = [
        _("%(name)s (bộ số %(number)s)") % {"name": name, "number": number}
        for name, number in producer.products.order_by("name").values_list(
            "name", "product_set__number"
        )
        if not may_use_product_set(producer, number)
    ]
    if stranded:
        raise ProducerError(
            _(
                "Không đổi được loại hình thành “%(type)s”: loại hình này chỉ được đăng ký sản "
                "phẩm dịch vụ du lịch cộng đồng (bộ số 26), mà chủ thể đang có sản phẩm thuộc "
                "bộ khác: %(products)s."
            )
            % {"type": producer.get_legal_type_display(), "products": "; ".join(stranded)}
        )


def _validated(producer: Producer) -> Producer:
    try:
        producer.full_clean(exclude=["created_by"])
    except ValidationError as exc:
        raise ProducerError("; ".join(m for ms in exc.message_dict.values() for m in ms)) from None
    return producer


@transaction.atomic
def create_producer(*, actor, **fields) -> Producer:
    """An officer records a producer of their commune or province (on the producer's behalf)."""
    producer = _validated(Producer(created_by=actor, **fields))
    if actor is not None and not rules.can_manage_producer(actor, producer):
        raise ProducerError(_("Bạn chỉ tạo được chủ thể trên địa bàn của mình."))
    producer.save()
    record("producer.created", actor=actor, obj=producer, changes=snapshot(producer, ["name"]))
    return producer


@transaction.atomic
def register_producer(
    *, username: str, password: str, account_email: str, full_name: str, **fields
) -> tuple[Producer, object]:
    """Self-registration: a new account and its producer, linked by the producer role.
    (``account_email`` is the account's; the producer's own ``email`` is in ``fields``.)"""
    producer = _validated(Producer(**fields))
    user = account_actions.create_user(
        actor=None, username=username, email=account_email, full_name=full_name, password=password
    )
    producer.created_by = user
    producer.save()
    record("producer.registered", actor=user, obj=producer, changes={"name": producer.name})
    add_account(producer, user, actor=None)
    return producer, user


@transaction.atomic
def update_producer(producer: Producer, *, actor, **fields) -> Producer:
    if not rules.can_edit_producer(actor, producer):
        raise ProducerError(_("Bạn không có quyền sửa thông tin chủ thể này."))
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ProducerError(_("Không sửa được: %(fields)s.") % {"fields": ", ".join(unknown)})
    before = snapshot(producer, fields)
    old_type = producer.legal_type
    for name, value in fields.items():
        setattr(producer, name, value)
    _validated(producer)
    if not rules.can_edit_producer(actor, producer):  # e.g. moved out of the officer's commune
        raise ProducerError(_("Bạn chỉ chuyển chủ thể trong địa bàn của mình."))
    if producer.legal_type != old_type:
        _check_products_allowed(producer)
    changes = diff(before, snapshot(producer, fields))
    if changes:
        producer.save(update_fields=list(fields))
        record("producer.updated", actor=actor, obj=producer, changes=changes)
    return producer


@transaction.atomic
def invite_producer_account(
    producer: Producer, *, actor, username: str, email: str, full_name: str
):
    """An officer gives a producer an account (it signs in after setting a password by e-mail)."""
    if not rules.can_manage_producer(actor, producer):
        raise ProducerError(_("Bạn chỉ quản lý chủ thể trên địa bàn của mình."))
    try:
        user = account_actions.create_user(
            actor=actor, username=username, email=email, full_name=full_name
        )
    except account_actions.AccountError as exc:
        raise ProducerError(str(exc)) from None
    add_account(producer, user, actor=actor)
    return user


@transaction.atomic
def add_account(producer: Producer, user, *, actor) -> ProducerMembership:
    """Let an account act for a producer (``actor=None`` is the system: self-registration)."""
    if actor is not None and not rules.can_manage_producer(actor, producer):
        raise ProducerError(_("Bạn chỉ quản lý chủ thể trên địa bàn của mình."))
    if ProducerMembership.objects.active().filter(user=user, producer=producer).exists():
        raise ProducerError(_("Tài khoản này đã thay mặt chủ thể."))
    membership = ProducerMembership.objects.create(user=user, producer=producer, granted_by=actor)
    record(
        "producer.account_added",
        actor=actor,
        obj=producer,
        changes={"username": user.get_username()},
    )
    rules.forget_producers(user)
    return membership


@transaction.atomic
def remove_account(membership: ProducerMembership, *, actor) -> ProducerMembership:
    """The account stops acting for the producer; the row stays for the history."""
    membership = (
        ProducerMembership.objects.select_for_update()
        .select_related("producer__commune", "user")
        .get(pk=membership.pk)
    )
    if not rules.can_remove_account(actor, membership):
        raise ProducerError(_("Bạn không có quyền gỡ tài khoản này khỏi chủ thể."))
    membership.revoked_at, membership.revoked_by = timezone.now(), actor
    membership.save(update_fields=["revoked_at", "revoked_by"])
    record(
        "producer.account_removed",
        actor=actor,
        obj=membership.producer,
        changes={"username": membership.user.get_username()},
    )
    rules.forget_producers(membership.user)
    return membership


# --- evidence library ----------------------------------------------------------------------


@transaction.atomic
def upload_evidence(producer: Producer, *, actor, file, **fields) -> EvidenceDocument:
    """Store one checked file in the producer's library (``fields``: kind, title, number,
    issuer, issued_on, expires_on). The file is checked by content, hashed and thumbnailed."""
    if not rules.can_edit_producer(actor, producer):
        raise ProducerError(_("Bạn không có quyền thêm tài liệu cho chủ thể này."))
    try:
        inspected = getattr(file, "inspected", None) or uploads.inspect(file)
    except uploads.UploadRefused as exc:
        raise ProducerError(str(exc)) from None
    document = EvidenceDocument(
        producer=producer,
        uploaded_by=actor,
        original_name=(getattr(file, "name", "") or "")[-255:],
        content_type=inspected.content_type,
        extension=inspected.extension,
        size=inspected.size,
        sha256=inspected.sha256,
        **fields,
    )
    try:
        document.full_clean(exclude=["file", "thumbnail", "uploaded_by"])
    except ValidationError as exc:
        raise ProducerError("; ".join(m for ms in exc.message_dict.values() for m in ms)) from None
    document.file.save("upload", file, save=False)
    if inspected.kind in uploads.IMAGE_KINDS:
        document.thumbnail.save("thumb", uploads.make_thumbnail(file), save=False)
    document.save()
    record(
        "evidence.uploaded",
        actor=actor,
        obj=document,
        changes={"producer": producer.code, "sha256": document.sha256, "size": document.size},
    )
    return document


@transaction.atomic
def withdraw_evidence(document: EvidenceDocument, *, actor) -> EvidenceDocument:
    """Hide a document from the library. Dossiers already filed keep it (and its file)."""
    if not rules.can_edit_producer(actor, document.producer):
        raise ProducerError(_("Bạn không có quyền sửa thư viện tài liệu của chủ thể này."))
    if document.withdrawn_at is None:
        document.withdrawn_at = timezone.now()
        document.save(update_fields=["withdrawn_at"])
        record("evidence.withdrawn", actor=actor, obj=document)
    return document
