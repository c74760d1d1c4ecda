"""Pages from the collated pack to closing the review. The business team writes; readers download.

An agency contributor never reaches these pages: `review_get` answers 404 for anyone who cannot read
the review, as if it did not exist.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.views.decorators.http import require_POST

from casereview.meetings.services import last_review_meeting, meeting_verdict, rapid_review_meeting_record
from casereview.partnerships.selectors import membership_list, person_list
from casereview.partnerships.terms_selectors import parsed, terms_in_force
from casereview.reviews import selectors as review_selectors
from casereview.web.formviews import handle_form

from . import decision_forms as forms
from . import decision_services, pack_services, submission_services
from .access import can_manage_review
from .models import PARTNER_CHOICES
from .pack import pack_entitled, pack_recipients
from .selectors import review_get

STEP = "reviews/decision/step.html"
PDF, DOCX = "application/pdf", "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _managed(request, pk):
    review = review_get(request.user, pk)
    if not can_manage_review(request.user, review):
        raise PermissionDenied
    return review


def _page(request, review, form, call, message, **context):
    back = reverse("reviews:detail", args=[review.pk])
    return handle_form(request, form, call=call, success_url=f"{back}#decision", message=message, template=STEP,
                       context={"caption": f"Rapid review {review.notification.reference}", "back_url": back,
                                **context})


def _posted(request):
    """The POST data when posted (a confirmation has no fields, so its POST may be empty), else None."""
    return request.POST if request.method == "POST" else None


def _download(data: bytes, content_type: str, name: str) -> HttpResponse:
    response = HttpResponse(data, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def pack_circulate(request, pk):
    review = _managed(request, pk)
    names = [u.get_full_name() or u.get_username() for u in pack_recipients(review)]
    return _page(request, review, forms.ConfirmForm(_posted(request)),
                 lambda data: pack_services.rapid_review_pack_circulate(actor=request.user, review=review),
                 "Pack circulated", page_heading="Circulate the pack", submit_label="Circulate the pack",
                 lede="The pack collates the cover sheet, a chronology merged from every agency, and each agency's "
                      "summary. Each person below gets an e-mail with a link; the e-mail names no child.",
                 items=names, items_heading="It will go to",
                 links=[("Preview the pack (PDF)", reverse("reviews:pack_download", args=[pk]))])


@login_required
def pack_download(request, pk):
    review = review_get(request.user, pk)
    if not pack_entitled(request.user, review):
        raise Http404("No such pack.")
    data = pack_services.rapid_review_pack_download(actor=request.user, review=review)
    return _download(data, PDF, f"rapid-review-pack-{slugify(review.notification.reference)}.pdf")


@login_required
def meeting_record(request, pk):
    review = _managed(request, pk)
    form = forms.MeetingForm(request.POST or None, memberships=membership_list(review.group),
                             people=person_list(request.user, review.partnership))
    version = terms_in_force(review.group, timezone.localdate())
    rule = parsed(version).quorum_policy().describe() if version else "No terms of reference are in force"
    return _page(request, review, form,
                 lambda data: rapid_review_meeting_record(
                     actor=request.user, review=review, starts_at=form.starts_at(), mode=data["mode"],
                     place=data["place"], attendance=form.attendance()),
                 "Meeting recorded", page_heading="Record the rapid review meeting", submit_label="Save the meeting",
                 lede=f"Quorum is judged by the terms of reference in force on the day. {rule}.")


@login_required
def decide(request, pk):
    review = _managed(request, pk)
    meeting = last_review_meeting(review)
    verdict = meeting_verdict(meeting) if meeting else None
    warning = "" if verdict and verdict.quorate else (
        "The meeting was not quorate, so this decision will need ratification.")
    form = forms.DecisionForm(request.POST or None)
    return _page(request, review, form,
                 lambda data: decision_services.rapid_review_decide(actor=request.user, review=review,
                                                                    data=form.to_data()),
                 "Decision recorded", page_heading="Record the decision", submit_label="Save the decision",
                 lede="Answer every criterion with a rationale.", warning=warning if meeting else "")


@login_required
def sign_off(request, pk):
    review = _managed(request, pk)
    done = review_selectors.sign_offs_of(review)
    remaining = [key for key, _label in PARTNER_CHOICES if key not in done]
    signed = [f"{s.get_partner_display()}: {s.signed_by}, {s.signed_on:%d %B %Y}" for s in done.values()]
    return _page(request, review, forms.SignOffForm(request.POST or None, remaining=remaining or None),
                 lambda data: decision_services.rapid_review_sign_off(actor=request.user, review=review, **data),
                 "Sign-off recorded", page_heading="Record a partner's sign-off", submit_label="Save sign-off",
                 lede="Each of the three statutory safeguarding partners signs off the decision. When all three "
                      "have, the review is ready to send to the Panel.",
                 items=signed, items_heading="Signed off so far")


@login_required
def submission_download(request, pk, kind):
    review = review_get(request.user, pk)
    data = submission_services.rapid_review_submission_download(actor=request.user, review=review, kind=kind)
    name = f"rapid-review-submission-{slugify(review.notification.reference)}.{kind}"
    return _download(data, PDF if kind == "pdf" else DOCX, name)


@login_required
def submit(request, pk):
    review = _managed(request, pk)
    return _page(request, review, forms.SubmitForm(request.POST or None),
                 lambda data: submission_services.rapid_review_submit(actor=request.user, review=review, **data),
                 "Submission recorded", page_heading="Record the submission to the Panel",
                 submit_label="Save the submission", lede=submission_services.feedback_expectation(review),
                 links=[("Download the submission (Word, editable)", reverse("reviews:submission_docx", args=[pk])),
                        ("Download the submission (PDF)", reverse("reviews:submission_pdf", args=[pk]))])


@login_required
def feedback(request, pk):
    review = _managed(request, pk)
    return _page(request, review, forms.FeedbackForm(request.POST or None),
                 lambda data: submission_services.rapid_review_feedback_record(actor=request.user, review=review,
                                                                               **data),
                 "Panel feedback recorded", page_heading="Record the Panel's feedback", submit_label="Save feedback")


@require_POST
@login_required
def feedback_share(request, pk):
    review = _managed(request, pk)
    return _page(request, review, forms.ConfirmForm(request.POST),
                 lambda data: submission_services.rapid_review_feedback_share(actor=request.user, review=review),
                 "Feedback shared with the group and the partners", page_heading="Share the Panel's feedback",
                 submit_label="Share feedback")


@require_POST
@login_required
def close(request, pk):
    review = _managed(request, pk)
    return _page(request, review, forms.ConfirmForm(request.POST),
                 lambda data: submission_services.rapid_review_close(actor=request.user, review=review),
                 "Review closed", page_heading="Close the review", submit_label="Close the review")
