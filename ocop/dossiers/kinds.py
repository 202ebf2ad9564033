"""The three kinds of dossier (Điều 6.1): which a product may start today, and what an upgrade
or a re-evaluation must hold before it is submitted, beyond the common form.

- First (Điều 6.1.a): a product without a standing recognition. That includes a product whose
  last result was 1★–2★ (no decision, Điều 4.1.a) and one whose recognition has lapsed.
- Upgrade (Điều 6.1.b, 7.5): a recognised product below 5★; it copies the dossier the
  recognition rests on, states its changes and links evidence for them.
- Re-evaluation (Điều 6.1.c, 7.6.a): a recognised product, only from 180 to 120 days before
  its recognition expires; it updates what changed since and its legal papers are valid.

"Recognised" comes from ``ocop.dossiers.standing`` (the recognition app provides it).
"""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from ocop.dossiers import content
from ocop.dossiers.enums import DossierKind
from ocop.dossiers.standing import Standing, standing_of
from ocop.legal.validity import renewal_window
from ocop.producers.enums import LEGAL_PAPERS

TOP_STARS = 5


def _date(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def recognition(product, today: dt.date | None = None) -> Standing | None:
    """The recognition the product stands on ``today``: None when it has none, or when it
    has lapsed (the last valid day has passed)."""
    today = today or timezone.localdate()
    standing = standing_of(product)
    if standing is None or standing.last_day < today:
        return None
    return standing


def reevaluation_problems(standing: Standing, today: dt.date) -> list[str]:
    """Why a re-evaluation may not be filed today: outside the window of Điều 7.6.a (not
    earlier than 180 days, not later than 120 days before the expiry). The one place that
    reads the expiry of a recognition for re-evaluation: certificates will bring their own."""
    opens_on, closes_on = renewal_window(standing.expires_on)
    values = {
        "opens": _date(opens_on),
        "closes": _date(closes_on),
        "expires": _date(standing.expires_on),
        "reference": standing.reference,
    }
    if today < opens_on:
        return [
            _(
                "Chưa đến thời gian nộp hồ sơ đánh giá lại: chỉ nộp từ %(opens)s đến "
                "%(closes)s (không sớm hơn 180 ngày và không muộn hơn 120 ngày trước ngày hết "
                "hạn %(expires)s của quyết định công nhận số %(reference)s)."
            )
            % values
        ]
    if today > closes_on and standing.extended_until and today <= standing.extended_until:
        return []  # Điều 12.3: filed late, while the transitional extension runs
    if today > closes_on:
        return [
            _(
                "Đã hết thời gian nộp hồ sơ đánh giá lại: hạn nộp là từ %(opens)s đến "
                "%(closes)s (không muộn hơn 120 ngày trước ngày hết hạn %(expires)s của quyết "
                "định công nhận số %(reference)s)."
            )
            % values
        ]
    return []


def start_problems(product, kind, today: dt.date | None = None) -> list[str]:
    """Why the product may not start a dossier of ``kind`` today (none: it may)."""
    today = today or timezone.localdate()
    kind = DossierKind(kind)
    standing = standing_of(product)
    lapsed = standing is not None and standing.last_day < today
    valid = None if standing is None or lapsed else standing
    if kind == DossierKind.FIRST:
        if valid is not None:
            return [
                _(
                    "Sản phẩm đã được công nhận %(stars)s sao (quyết định số %(reference)s, "
                    "hiệu lực đến %(expires)s); hãy chọn nâng hạng hoặc đánh giá lại."
                )
                % {
                    "stars": valid.stars,
                    "reference": valid.reference,
                    "expires": _date(valid.last_day),
                }
            ]
        return []
    if valid is None:
        if lapsed:
            return [
                _(
                    "Quyết định công nhận số %(reference)s đã hết hiệu lực ngày %(expires)s: "
                    "sản phẩm đăng ký đánh giá như lần đầu."
                )
                % {"reference": standing.reference, "expires": _date(standing.last_day)}
            ]
        if kind == DossierKind.UPGRADE:
            return [_("Sản phẩm chưa được công nhận OCOP nên chưa đăng ký nâng hạng được.")]
        return [_("Sản phẩm chưa được công nhận OCOP nên chưa đăng ký đánh giá lại được.")]
    if kind == DossierKind.UPGRADE:
        if valid.stars >= TOP_STARS:
            return [_("Sản phẩm đã được công nhận 5 sao, hạng cao nhất: không nâng hạng được.")]
        return []
    return reevaluation_problems(valid, today)


def submission_problems(dossier, version, today: dt.date | None = None) -> list[str]:
    """What an upgrade or a re-evaluation must hold beyond the common form: the evidence of
    its sections that require one (the changes of an upgrade, Điều 6.1.b), and for a
    re-evaluation, valid legal papers (``expired_papers``)."""
    today = today or timezone.localdate()
    problems = []
    linked = set(version.links.values_list("criterion", flat=True))
    for section in content.sections_for(dossier.kind):
        if section.evidence_required and section.key not in linked:
            problems.append(
                _("Chưa chọn tài liệu minh chứng cho mục “%(section)s”.")
                % {"section": section.title}
            )
    if dossier.kind == DossierKind.RE_EVALUATION:
        problems += expired_papers(dossier, version, today)
    return problems


def expired_papers(dossier, version, today: dt.date) -> list[str]:
    """A re-evaluation refreshes its time-limited legal papers (Điều 6.1.c), so it cannot be
    submitted while it links an expired document, or while a kind of legal paper in the
    producer's library (``producers.enums.LEGAL_PAPERS``) has only expired copies left."""
    problems = []
    named = set()
    for link in version.links.select_related("document").order_by("document__title"):
        document = link.document
        if document.pk in named or not document.is_expired(today):
            continue
        named.add(document.pk)
        problems.append(
            _(
                "Tài liệu minh chứng “%(title)s” đã hết hạn ngày %(date)s: hãy thay bằng bản "
                "còn hiệu lực."
            )
            % {"title": document.title, "date": _date(document.expires_on)}
        )
    papers: dict[str, list] = {}
    for document in dossier.producer.evidence.current().filter(kind__in=LEGAL_PAPERS):
        papers.setdefault(document.kind, []).append(document)
    for documents in papers.values():
        if any(not d.is_expired(today) for d in documents):
            continue  # a valid paper of this kind stands in for the expired ones
        latest = max(documents, key=lambda d: d.expires_on)
        if latest.pk in named:
            continue
        problems.append(
            _(
                "Giấy tờ “%(title)s” (%(kind)s) đã hết hạn ngày %(date)s: hãy tải lên bản còn "
                "hiệu lực vào thư viện tài liệu."
            )
            % {
                "title": latest.title,
                "kind": latest.get_kind_display(),
                "date": _date(latest.expires_on),
            }
        )
    return problems
