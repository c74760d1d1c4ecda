"""Pages for the partnership's agencies, people, groups and memberships. Thin: parse, call, render."""

import copy

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casereview.web.formviews import handle_form

from . import selectors, services
from .access import can_administer, can_read_all, partnership_for_request, require_administer_page
from .forms import AgencyForm, EndMembershipForm, GroupForm, MembershipForm, PersonForm
from .quorum_selectors import full_attendance, quorum_verdict


@login_required
def agency_list(request):
    partnership = partnership_for_request(request)
    return render(request, "partnerships/agency_list.html", {
        "agencies": selectors.agency_list(request.user, partnership),
        "can_edit": can_administer(request.user, partnership),
    })


@login_required
def agency_detail(request, pk):
    agency = selectors.agency_get(request.user, pk)
    return render(request, "partnerships/agency_detail.html", {
        "agency": agency,
        "people": selectors.person_list(request.user, agency.partnership, agency=agency),
        "can_edit": can_administer(request.user, agency.partnership),
    })


@login_required
def agency_create(request):
    partnership = partnership_for_request(request)
    require_administer_page(request, partnership)
    return handle_form(
        request, AgencyForm(request.POST or None),
        call=lambda data: services.agency_create(actor=request.user, partnership=partnership, **data),
        success_url=lambda agency: reverse("partnerships:agency_detail", args=[agency.pk]),
        message="Agency added",
        context={"page_heading": "Add an agency", "back_url": reverse("partnerships:agency_list")},
    )


@login_required
def agency_edit(request, pk):
    agency = selectors.agency_get(request.user, pk)
    require_administer_page(request, agency.partnership)
    back = reverse("partnerships:agency_detail", args=[pk])
    return handle_form(
        request, AgencyForm(request.POST or None, instance=copy.copy(agency)),
        call=lambda data: services.agency_update(actor=request.user, agency=agency, **data),
        success_url=back, message="Agency updated",
        context={"page_heading": f"Change {agency.name}", "back_url": back},
    )


@login_required
def person_list(request):
    partnership = partnership_for_request(request)
    search = request.GET.get("q", "").strip()[:100]
    return render(request, "partnerships/person_list.html", {
        "people": selectors.person_list(request.user, partnership, search=search),
        "search": search,
        "can_edit": can_administer(request.user, partnership),
    })


@login_required
def person_detail(request, pk):
    person = selectors.person_get(request.user, pk)
    return render(request, "partnerships/person_detail.html", {
        "person": person, "memberships": selectors.person_memberships(request.user, person),
        "can_edit": can_administer(request.user, person.partnership),
    })


@login_required
def person_create(request):
    partnership = partnership_for_request(request)
    require_administer_page(request, partnership)
    return handle_form(
        request, PersonForm(request.POST or None, partnership=partnership),
        call=lambda data: services.person_create(actor=request.user, partnership=partnership, **data),
        success_url=lambda person: reverse("partnerships:person_detail", args=[person.pk]),
        message="Person added",
        context={"page_heading": "Add a person", "back_url": reverse("partnerships:person_list")},
    )


@login_required
def person_edit(request, pk):
    person = selectors.person_get(request.user, pk)
    require_administer_page(request, person.partnership)
    back = reverse("partnerships:person_detail", args=[pk])
    return handle_form(
        request, PersonForm(request.POST or None, instance=copy.copy(person), partnership=person.partnership),
        call=lambda data: services.person_update(actor=request.user, person=person, **data),
        success_url=back, message="Person updated",
        context={"page_heading": f"Change {person.full_name}", "back_url": back},
    )


@login_required
def group_list(request):
    partnership = partnership_for_request(request)
    if not can_read_all(request.user, partnership):
        raise PermissionDenied
    return render(request, "partnerships/group_list.html", {
        "groups": selectors.group_list(request.user, partnership),
        "can_edit": can_administer(request.user, partnership),
    })


@login_required
def group_detail(request, pk):
    group = selectors.group_get(request.user, pk)
    today = timezone.localdate()
    return render(request, "partnerships/group_detail.html", {
        "group": group,
        "quorum": quorum_verdict(group, today, full_attendance(group, today)),
        "memberships": selectors.membership_list(group),
        "ended": selectors.membership_list(group, ended=True),
        "can_edit": can_administer(request.user, group.partnership),
    })


@login_required
def group_create(request):
    partnership = partnership_for_request(request)
    require_administer_page(request, partnership)
    return handle_form(
        request, GroupForm(request.POST or None),
        call=lambda data: services.group_create(actor=request.user, partnership=partnership, **data),
        success_url=lambda group: reverse("partnerships:group_detail", args=[group.pk]),
        message="Group added",
        context={"page_heading": "Add a group", "back_url": reverse("partnerships:group_list")},
    )


@login_required
def group_edit(request, pk):
    group = selectors.group_get(request.user, pk)
    require_administer_page(request, group.partnership)
    back = reverse("partnerships:group_detail", args=[pk])
    return handle_form(
        request, GroupForm(request.POST or None, instance=copy.copy(group)),
        call=lambda data: services.group_update(actor=request.user, group=group, **data),
        success_url=back, message="Group updated",
        context={"page_heading": f"Change {group.name}", "back_url": back},
    )


@login_required
def membership_create(request, group_pk):
    group = selectors.group_get(request.user, group_pk)
    require_administer_page(request, group.partnership)
    back = reverse("partnerships:group_detail", args=[group_pk])
    return handle_form(
        request, MembershipForm(request.POST or None, partnership=group.partnership),
        call=lambda data: services.membership_create(actor=request.user, group=group, **data),
        success_url=back, message="Member added",
        context={"page_heading": "Add a member", "caption": group.name, "back_url": back},
    )


@login_required
def membership_edit(request, pk):
    membership = selectors.membership_get(request.user, pk)
    require_administer_page(request, membership.partnership)
    back = reverse("partnerships:group_detail", args=[membership.group_id])
    form = MembershipForm(request.POST or None, instance=copy.copy(membership), partnership=membership.partnership)
    return handle_form(
        request, form,
        call=lambda data: services.membership_update(actor=request.user, membership=membership, **data),
        success_url=back, message="Membership updated",
        context={"page_heading": f"Change {membership.person}'s membership", "caption": membership.group.name,
                 "back_url": back},
    )


@login_required
def membership_end(request, pk):
    membership = selectors.membership_get(request.user, pk)
    require_administer_page(request, membership.partnership)
    back = reverse("partnerships:group_detail", args=[membership.group_id])
    return handle_form(
        request, EndMembershipForm(request.POST or None),
        call=lambda data: services.membership_end(actor=request.user, membership=membership, **data),
        success_url=back, message="Membership ended",
        context={"page_heading": f"End {membership.person}'s membership", "caption": membership.group.name,
                 "back_url": back, "submit_label": "End membership"},
    )
