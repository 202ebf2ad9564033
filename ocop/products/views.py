"""Products, product ideas and business plans, on the producer's pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ocop.producers.queries import producer_for
from ocop.producers.rules import can_edit_producer
from ocop.products import actions, queries, rules
from ocop.products.actions import ProductError
from ocop.products.enums import ReviewState
from ocop.products.forms import IdeaForm, PlanForm, ProductForm, ReviewForm
from ocop.products.models import Product


@login_required
def product_create(request, code):
    producer = producer_for(request.user, code)
    if not can_edit_producer(request.user, producer):
        raise Http404
    form = ProductForm(request.POST or None, producer=producer)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        photos = data.pop("photos")
        try:
            product = actions.create_product(producer, actor=request.user, photos=photos, **data)
        except ProductError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã thêm sản phẩm %(name)s.") % {"name": product})
            return redirect("products:detail", code=product.code)
    return render(request, "products/form.html", {"form": form, "producer": producer})


@login_required
def product_detail(request, code):
    product = queries.product_for(request.user, code)
    return render(
        request,
        "products/detail.html",
        {
            "product": product,
            "photos": product.photos.all(),
            "dossiers": product.dossiers.order_by("-created_at"),
            "can_edit": rules.can_edit_product(request.user, product),
        },
    )


@login_required
def product_edit(request, code):
    product = queries.product_for(request.user, code)
    if not rules.can_edit_product(request.user, product):
        raise Http404
    form = ProductForm(request.POST or None, instance=product, producer=product.producer)
    if request.method == "POST" and form.is_valid():
        data = {n: form.cleaned_data[n] for n in form.changed_data}
        photos = data.pop("photos", None)
        try:
            actions.update_product(
                Product.objects.get(pk=product.pk), actor=request.user, photos=photos, **data
            )
        except ProductError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã lưu sản phẩm."))
            return redirect("products:detail", code=product.code)
    return render(
        request,
        "products/form.html",
        {"form": form, "producer": product.producer, "product": product},
    )


# --- ideas and plans ---------------------------------------------------------------------


@login_required
def idea_create(request, code):
    producer = producer_for(request.user, code)
    if not can_edit_producer(request.user, producer):
        raise Http404
    form = IdeaForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            idea = actions.submit_idea(producer, actor=request.user, **form.cleaned_data)
        except ProductError as exc:
            form.add_error(None, str(exc))
        else:
            messages.success(request, _("Đã gửi ý tưởng sản phẩm tới xã."))
            return redirect("products:idea", code=idea.code)
    return render(request, "products/idea_form.html", {"form": form, "producer": producer})


def _review(request, item, form) -> bool:
    """Record the commune's decision on an idea or a plan; False when it was refused."""
    if not form.is_valid():
        messages.error(request, _("Hãy chọn chấp nhận hoặc trả lại."))
        return False
    form_data = form.cleaned_data
    try:
        actions.review(
            item, form_data["decision"], actor=request.user, note=form_data.get("reason", "")
        )
    except ProductError as exc:
        messages.error(request, str(exc))
        return False
    return True


@login_required
def idea_detail(request, code):
    idea = queries.idea_for(request.user, code)
    can_review = rules.can_review(request.user, idea.producer)
    can_plan = can_edit_producer(request.user, idea.producer)
    posted = request.POST if request.method == "POST" else None
    review_form = ReviewForm(posted) if can_review else None
    plan_form = None
    if can_plan and idea.state == ReviewState.ACCEPTED:
        plan_form = PlanForm(posted if "summary" in request.POST else None, producer=idea.producer)
    if posted is not None:
        if "summary" in posted and plan_form is not None:
            if plan_form.is_valid():
                try:
                    actions.submit_plan(idea, actor=request.user, **plan_form.cleaned_data)
                except ProductError as exc:
                    messages.error(request, str(exc))
                else:
                    messages.success(request, _("Đã nộp phương án sản xuất kinh doanh."))
                    return redirect("products:idea", code=idea.code)
        elif "plan" in posted and review_form is not None:
            plan = get_object_or_404(idea.plans, pk=posted["plan"])
            if _review(request, plan, review_form):
                messages.success(request, _("Đã ghi kết quả xem xét phương án."))
                return redirect("products:idea", code=idea.code)
        elif review_form is not None:
            if _review(request, idea, review_form):
                messages.success(request, _("Đã ghi kết quả xem xét ý tưởng."))
                return redirect("products:idea", code=idea.code)
        elif plan_form is None:
            raise Http404
    return render(
        request,
        "products/idea.html",
        {
            "idea": idea,
            "plans": idea.plans.select_related("document"),
            "review_form": review_form if idea.state == ReviewState.SUBMITTED else None,
            "can_review": can_review,
            "plan_form": plan_form,
        },
    )
