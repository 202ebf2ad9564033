"""The 5★ packages: the province prepares and sends, the ministry's office receives or
returns, the province acts on a central result below 90 points (Điều 6.3, 7.4)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from ocop.accounts.rules import is_central, officer_provinces
from ocop.dossiers.models import Dossier
from ocop.lib import uploads
from ocop.recognition import actions, packages, queries, rules
from ocop.recognition.enums import PackageItem, PackageState, ProvinceChoice
from ocop.recognition.errors import RecognitionError
from ocop.recognition.forms import (
    HeadingForm,
    PackageFileForm,
    PackageHeadingForm,
    ReturnPackageForm,
)
from ocop.recognition.models import DecisionLine


@login_required
def package_list(request):
    if not rules.works_on_recognition(request.user):
        raise Http404
    provinces = officer_provinces(request.user)
    return render(
        request,
        "recognition/packages.html",
        {
            "approvals": list(packages.open_approvals(provinces)),
            "reevaluations": list(
                packages.open_reevaluations(provinces).select_related("product", "producer")
            ),
            "packages": list(queries.packages_for(request.user)),
            "central": is_central(request.user),
        },
    )


@login_required
@require_POST
def package_new(request):
    provinces = officer_provinces(request.user)
    line = request.POST.get("line", "")
    dossier = request.POST.get("dossier", "")
    try:
        if line.isdigit():
            approval = packages.open_approvals(provinces).filter(pk=int(line)).first()
            if approval is None:
                raise Http404
            package = packages.open_package(actor=request.user, approval=approval)
        else:
            target = Dossier.objects.filter(code=dossier, province_id__in=provinces).first()
            if target is None:
                raise Http404
            package = packages.open_package(actor=request.user, dossier=target)
    except RecognitionError as exc:
        messages.error(request, str(exc))
        return redirect("recognition:packages")
    messages.success(request, _("Đã lập hồ sơ đề nghị Bộ đánh giá 5 sao."))
    return redirect("recognition:package", package.code)


def _act(request, package):
    """One POST of the package page; returns the message of what was done, and where to go
    next when it is not the package page."""
    action = request.POST.get("action", "")
    user = request.user
    if action == "heading":
        form = PackageHeadingForm(request.POST, prefix="h")
        if not form.is_valid():
            raise RecognitionError(_("Hãy ghi số, ngày văn bản và số sản phẩm mẫu."))
        packages.save_heading(package, actor=user, **form.cleaned_data)
        return _("Đã lưu."), None
    if action == "generate":
        packages.attach(package, PackageItem.LETTER, actor=user)
        return _("Đã tạo văn bản của UBND tỉnh từ hồ sơ."), None
    if action == "upload":
        form = PackageFileForm(
            request.POST, request.FILES, prefix="f", items=packages.uploadable(package)
        )
        if not form.is_valid():
            raise RecognitionError(" ".join(e for es in form.errors.values() for e in es))
        packages.attach(
            package, form.cleaned_data["item"], actor=user, file=form.cleaned_data["file"]
        )
        return _("Đã đính kèm."), None
    if action == "send":
        packages.send(package, actor=user)
        return _("Đã gửi hồ sơ đến Bộ Nông nghiệp và Môi trường."), None
    if action == "receive":
        try:
            samples = int(request.POST.get("samples_received") or 0)
        except ValueError:
            samples = -1
        if samples < 0:
            raise RecognitionError(_("Số sản phẩm mẫu không hợp lệ."))
        packages.receive(
            package,
            actor=user,
            confirmed=request.POST.getlist("confirmed"),
            samples_received=samples,
        )
        return _("Đã tiếp nhận hồ sơ."), None
    if action == "return":
        packages.return_package(package, actor=user, reason=request.POST.get("r-reason", ""))
        return _("Đã trả lại hồ sơ cho tỉnh."), None
    if action == "re_evaluate":
        packages.choose(package, actor=user, choice=ProvinceChoice.RE_EVALUATE)
        return _("Sản phẩm sẽ được Hội đồng cấp tỉnh đánh giá lại trong đợt tới."), None
    if action == "decide":
        form = HeadingForm(request.POST, prefix="d")
        if not form.is_valid():
            raise RecognitionError(_("Hãy ghi số, ngày ký và người ký của quyết định."))
        decision = actions.decide_on_central_result(package, actor=user, **form.cleaned_data)
        return _("Đã lập dự thảo quyết định công nhận."), decision.get_absolute_url()
    raise Http404


@login_required
def package(request, code: str):
    package = queries.package_for(request.user, code)
    if request.method == "POST":
        try:
            done, next_url = _act(request, package)
        except RecognitionError as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, done)
            if next_url:
                return redirect(next_url)
        return redirect("recognition:package", code)
    central = packages.central_evaluation(package)
    below = packages.below_five(package)
    checks = packages.checklist(package)
    editable = rules.can_prepare(request.user, package) and package.state in (
        PackageState.DRAFT,
        PackageState.RETURNED,
    )
    decisions = (
        list(DecisionLine.objects.filter(evaluation=central).select_related("decision"))
        if central
        else []
    )
    return render(
        request,
        "recognition/package.html",
        {
            "package": package,
            "checks": checks,
            "complete": not any(c.required and not c.present for c in checks),
            "files": package.files.all(),
            "editable": editable,
            "receiving": rules.can_receive(request.user) and package.state == PackageState.SENT,
            "choosing": below is not None
            and rules.can_prepare(request.user, package)
            and not package.choice,
            "deciding": below is not None
            and rules.can_prepare(request.user, package)
            and package.choice in ("", ProvinceChoice.RECOGNISE)
            and int(below.result.get("stars") or 0) >= 3
            and not decisions,
            "central": central,
            "below": below,
            "decisions": decisions,
            "heading_form": PackageHeadingForm(
                prefix="h",
                initial={
                    "letter_number": package.letter_number,
                    "letter_date": package.letter_date,
                    "letter_signer": package.letter_signer or _("Chủ tịch UBND tỉnh"),
                    "samples_sent": package.samples_sent,
                },
            ),
            "file_form": PackageFileForm(prefix="f", items=packages.uploadable(package)),
            "return_form": ReturnPackageForm(prefix="r"),
            "decision_form": HeadingForm(prefix="d"),
            "Choice": ProvinceChoice,
        },
    )


@login_required
def package_file(request, code: str, pk: int):
    package = queries.package_for(request.user, code)
    stored = package.files.filter(pk=pk).first()
    if stored is None:
        raise Http404
    return uploads.serve(stored, title=f"{package.code}-{stored.item}")
