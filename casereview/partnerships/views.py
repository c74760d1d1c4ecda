"""Pages for the partnership's agencies, people, groups and memberships. Thin: parse, call, render (or download)."""

import copy

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from casereview.web.exports import Column, Export, export_query, export_requested, export_response
from casereview.web.formviews import handle_form

from . import selectors, services
from .access import can_administer, can_read_all, partnership_for_request, require_administer_page
from .forms import AgencyForm, EndMembershipForm, GroupForm, MembershipForm, PersonForm
from .quorum_selectors import full_attendance, quorum_verdict

# Each list downloads what it shows, plus what the record's own page shows the same users (a person's e-mail).
AGENCY_EXPORT = Export("Agencies", "agencies", [
    Column("Agency", lambda a: a.name, 35),
    Column("Kind", lambda a: a.get_kind_display(), 30),
    Column("Statutory partner", lambda a: a.statutory_partner.label.capitalize() if a.statutory_partner else "No", 18),
    Column("People", lambda a: a.people_count, 10),
    Column("Agency id", lambda a: a.pk, 10),
])
PERSON_EXPORT = Export("People", "people", [
    Column("Name", lambda p: p.full_name, 30),
    Column("Job title", lambda p: p.job_title, 30),
    Column("Agency", lambda p: p.agency.name, 30),
    Column("E-mail", lambda p: p.email, 30),
    Column("Person id", lambda p: p.pk, 10),
])
GROUP_EXPORT = Export("Groups", "groups", [
    Column("Group", lambda g: g.name, 35),
    Column("Kind", lambda g: g.get_kind_display(), 20),
    Column("Current members", lambda g: g.member_count, 16),
    Column("Group id", lambda g: g.pk, 10),
])


@login_required
def agency_list(request):
    partnership = partnership_for_request(request)
    agencies = selectors.agency_list(request.user, partnership)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=AGENCY_EXPORT, rows=agencies, fmt=fmt)
    return render(request, "partnerships/agency_list.html", {
        "agencies": agencies, "can_edit": can_administer(request.user, partnership),
        "export_query": export_query(request),
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
    people = selectors.person_list(request.user, partnership, search=search)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=PERSON_EXPORT, rows=people, fmt=fmt)
    return render(request, "partnerships/person_list.html", {
        "people": people, "search": search, "can_edit": can_administer(request.user, partnership),
        "export_query": export_query(request),
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
    groups = selectors.group_list(request.user, partnership)
    if fmt := export_requested(request):
        return export_response(request=request, partnership=partnership, export=GROUP_EXPORT, rows=groups, fmt=fmt)
    return render(request, "partnerships/group_list.html", {
        "groups": groups, "can_edit": can_administer(request.user, partnership),
        "export_query": export_query(request),
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
