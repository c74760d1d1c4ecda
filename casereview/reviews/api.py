"""REST API for notifications and rapid reviews, with each review's clock and status.

Reads go through the same selectors as the pages; recording a notification goes through the same service.
Real identities are never exposed by the API.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, viewsets

from casereview.audit.services import audit_read, audit_record
from casereview.audit.vocabulary import Verb
from casereview.incidents.models import Child, HarmType, Notification
from casereview.incidents.services import notification_record
from casereview.partnerships.access import partnerships_for
from casereview.partnerships.calendar_selectors import partnership_calendar
from casereview.partnerships.models import Group

from .clock import review_clock_state
from .models import AgencyRequest, AgencyReturn, Decision, RapidReview, SignOff, Submission
from .selectors import readable_notifications, readable_reviews


class ChildSerializer(serializers.ModelSerializer):
    class Meta:
        model = Child
        fields = ["position", "in_main_list", "pseudonym", "unborn", "age_years", "sex", "ethnicity", "religion",
                  "first_language", "disability", "legal_status"]


class NotificationSerializer(serializers.ModelSerializer):
    children = ChildSerializer(many=True)
    harm_types = serializers.ListField(child=serializers.ChoiceField(choices=HarmType.choices), required=False)
    group = serializers.PrimaryKeyRelatedField(queryset=Group.objects.all())
    rapid_review = serializers.PrimaryKeyRelatedField(read_only=True)

    class Meta:
        model = Notification
        fields = ["id", "partnership", "group", "reference", "local_authority", "incident_date", "la_aware_date",
                  "sin_submitted_date", "received_date", "nature", "harm_types", "summary", "further_information",
                  "cross_border_partnership", "ofsted_sos_required", "ofsted_sos_told_on", "children",
                  "rapid_review"]
        read_only_fields = ["partnership", "ofsted_sos_required", "ofsted_sos_told_on"]


class ClockSerializer(serializers.Serializer):
    status = serializers.CharField()
    due = serializers.DateField()
    original_due = serializers.DateField()
    day_number = serializers.IntegerField(allow_null=True)
    length = serializers.IntegerField()
    working_days_left = serializers.IntegerField(allow_null=True)
    overdue_by = serializers.IntegerField(allow_null=True)
    summary = serializers.CharField()


class AgencyReturnSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgencyReturn
        fields = ["nil_return", "involved_from", "involved_to", "key_contacts", "practice_episodes", "went_well",
                  "concerns", "immediate_actions", "identity_considerations", "chronology", "submitted_at"]


class AgencyRequestSerializer(serializers.ModelSerializer):
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    agency_return = serializers.SerializerMethodField()

    class Meta:
        model = AgencyRequest
        fields = ["id", "agency", "agency_name", "due_date", "status", "requested_at", "reminders_sent",
                  "agency_return"]

    @extend_schema_field(AgencyReturnSerializer(allow_null=True))
    def get_agency_return(self, obj):
        found = getattr(obj, "agency_return", None)
        return _AGENCY_RETURN.to_representation(found) if found else None


class DecisionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Decision
        fields = ["decided_on", "immediate_actions", "learning_so_far", "identity_and_inequalities",
                  "household_context", "childs_voice", "parallel_processes", "parallel_notes", "criteria",
                  "outcome", "methodology", "national_review_rationale", "dissent", "escalated_to_slg",
                  "needs_ratification"]


class SignOffSerializer(serializers.ModelSerializer):
    class Meta:
        model = SignOff
        fields = ["partner", "signed_by", "signed_on"]


class SubmissionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Submission
        fields = ["sent_on", "panel_meeting_date", "feedback_expected_on", "feedback_outcome",
                  "feedback_received_on", "feedback_summary", "feedback_shared_on", "follow_on_actions"]


class RapidReviewSerializer(serializers.ModelSerializer):
    reference = serializers.CharField(source="notification.reference", read_only=True)
    terms_version = serializers.IntegerField(source="terms_version.version", read_only=True)
    clock = serializers.SerializerMethodField()
    agency_requests = AgencyRequestSerializer(many=True, read_only=True)
    decision = DecisionSerializer(read_only=True, allow_null=True)
    sign_offs = SignOffSerializer(many=True, read_only=True)
    submission = SubmissionSerializer(read_only=True, allow_null=True)

    class Meta:
        model = RapidReview
        fields = ["id", "notification", "reference", "group", "status", "terms_version", "clock_start_event",
                  "clock_started_on", "due_date", "withdrawn_reason", "closed_on", "clock", "agency_requests",
                  "decision", "sign_offs", "submission"]

    @extend_schema(responses=ClockSerializer)
    def get_clock(self, obj) -> dict:
        calendars = self.context.setdefault("calendars", {})  # one calendar query per partnership, not per row
        if obj.partnership_id not in calendars:
            calendars[obj.partnership_id] = partnership_calendar(obj.partnership)
        state = review_clock_state(obj, timezone.localdate(), calendars[obj.partnership_id])
        return _CLOCK.to_representation({**{f: getattr(state, f) for f in _CLOCK_FIELDS}, "summary": state.summary})


# One instance of each nested serializer for every row: building a serializer copies its declared fields, which
# cost more than the 50 rows' data on the API list. to_representation keeps no state between calls.
_CLOCK = ClockSerializer()
_CLOCK_FIELDS = [name for name in _CLOCK.fields if name != "summary"]
_AGENCY_RETURN = AgencyReturnSerializer()


class AuditedReadMixin:
    """Case material read through the API is audited as it is on the pages: one event per response."""

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        audit_read(actor=request.user, target=self.get_object())
        return response

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        with transaction.atomic():
            audit_record(actor=request.user, verb=Verb.VIEWED,
                         changes={"api": [None, f"{request.path} ({len(response.data.get('results', []))} shown)"]})
        return response


class NotificationViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                          viewsets.GenericViewSet):
    """Notifications of serious incidents; creating one opens its rapid review."""

    serializer_class = NotificationSerializer

    def get_queryset(self):
        return readable_notifications(self.request.user)

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        group, children = data.pop("group"), data.pop("children")
        if group.partnership_id not in set(partnerships_for(self.request.user).values_list("pk", flat=True)):
            raise exceptions.ValidationError({"group": "You have no access to that group."})
        try:
            serializer.instance = notification_record(actor=self.request.user, group=group, notification=data,
                                                      children=children)
        except ValidationError as exc:
            raise exceptions.ValidationError(getattr(exc, "message_dict", None) or {"detail": exc.messages}) from exc
        except PermissionDenied as exc:
            raise exceptions.PermissionDenied(str(exc)) from exc


class RapidReviewViewSet(AuditedReadMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    """Rapid reviews with their status, clock and agency requests."""

    serializer_class = RapidReviewSerializer

    def get_queryset(self):
        # The terms version by prefetch, read once however many rows share it (see selectors.review_list).
        return readable_reviews(self.request.user).select_related(
            "notification", "partnership", "decision", "submission"
        ).prefetch_related("terms_version", "agency_requests__agency", "agency_requests__agency_return",
                           "sign_offs").order_by("due_date", "pk")


def register(router) -> None:
    router.register("notifications", NotificationViewSet, basename="notification")
    router.register("rapid-reviews", RapidReviewViewSet, basename="rapidreview")
