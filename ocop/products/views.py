"""Products, product ideas and business plans, on the producer's pages."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from ocop.accounts import rules
from ocop.producers.models import Producer
from ocop.products import actions
from ocop.products.actions import ProductError
from ocop.products.forms import IdeaForm, PlanForm, ProductForm, ReviewForm
from ocop.products.models import BusinessPlan, Product, ProductIdea, ReviewState


def _producer_or_404(request, code):
    producer = get_object_or_404(Producer.objects.select_related("commune"), code=code)
    if not rules.can_view_producer(request.user, producer):
        raise Http404
    return producer


def _product_or_404(request, code):
    product = get_object_or_404(
        Product.objects.select_related("producer__commune__province", "product_set"), code=code
    )
    if not rules.can_view_producer(request.user, product.producer):
        raise Http404
    return product


@login_required
def product_create(request, code):
    producer = _producer_or_404(request, code)
    if not rules.can_edit_producer(request.user, producer):
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
    product = _product_or_404(request, code)
    return render(
        request,
        "products/detail.html",
        {
            "product": product,
            "photos": product.photos.all(),
            "dossiers": product.dossiers.order_by("-created_at"),
            "can_edit": rules.can_edit_producer(request.user, product.producer),
        },
    )


@login_required
def product_edit(request, code):
    product = _product_or_404(request, code)
    if not rules.can_edit_producer(request.user, product.producer):
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
    producer = _producer_or_404(request, code)
    if not rules.can_edit_producer(request.user, producer):
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


@login_required
def idea_detail(request, code):
    idea = get_object_or_404(ProductIdea.objects.select_related("producer__commune"), code=code)
    if not rules.can_view_producer(request.user, idea.producer):
        raise Http404
    can_review = actions.can_review(request.user, idea.producer)
    can_plan = rules.can_edit_producer(request.user, idea.producer)
    review_form = ReviewForm(request.POST or None) if can_review else None
    plan_form = None
    if can_plan and idea.state == ReviewState.ACCEPTED:
        plan_form = PlanForm(
            request.POST if "summary" in request.POST else None, producer=idea.producer
        )
    if request.method == "POST":
        try:
            if "summary" in request.POST and plan_form is not None:
                if plan_form.is_valid():
                    actions.submit_plan(idea, actor=request.user, **plan_form.cleaned_data)
                    messages.success(request, _("Đã nộp phương án sản xuất kinh doanh."))
                    return redirect("products:idea", code=idea.code)
            elif "plan" in request.POST and can_review:
                plan = get_object_or_404(BusinessPlan, pk=request.POST["plan"], idea=idea)
                actions.review_plan(
                    plan,
                    actor=request.user,
                    accept=request.POST.get("decision") == "accept",
                    comment=request.POST.get("reason", ""),
                )
                messages.success(request, _("Đã ghi kết quả xem xét phương án."))
                return redirect("products:idea", code=idea.code)
            elif review_form is not None and review_form.is_valid():
                actions.review_idea(
                    idea,
                    actor=request.user,
                    accept=review_form.cleaned_data["decision"] == "accept",
                    reason=review_form.cleaned_data["reason"],
                )
                messages.success(request, _("Đã ghi kết quả xem xét ý tưởng."))
                return redirect("products:idea", code=idea.code)
            elif review_form is None and plan_form is None:
                raise Http404
        except ProductError as exc:
            messages.error(request, str(exc))
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
