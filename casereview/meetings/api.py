"""REST API (read only) for meetings with their agenda, attendance, declarations and minutes.

Scoped like the pages: only partnerships where the user reads all governance records (business team, chairs,
members, the scrutineer); an agency contributor sees empty lists and 404s. Papers' files are never served
here, only their titles and sizes, and a person with a declared conflict on a restricted item does not see
even the titles of its papers. Every response is recorded in the audit trail.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch
from django.http import Http404
from drf_spectacular.utils import (
    OpenApiParameter,
    OpenApiResponse,
    extend_schema,
    extend_schema_field,
    extend_schema_view,
)
from rest_framework import mixins, serializers, viewsets

from casereview.audit.services import audit_read, audit_record
from casereview.audit.vocabulary import Verb
from casereview.partnerships.selectors import readable_partnership_ids

from .agenda_selectors import current_papers
from .models import AgendaItem, Attendance, Declaration, Meeting, MinuteEntry, Minutes, Paper

MAX_ID = 2**31 - 1
BAD_QUERY = OpenApiResponse(description="A filter is not a valid id: {parameter: [messages]}.")


class PaperSerializer(serializers.ModelSerializer):
    class Meta:
        model = Paper
        fields = ["id", "title", "version", "original_name", "content_type", "size", "uploaded_at",
                  "first_circulated_on"]


class AgendaItemSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.full_name", read_only=True, allow_null=True, default=None)
    papers = serializers.SerializerMethodField()
    papers_withheld = serializers.SerializerMethodField()

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "number", "title", "description", "owner", "owner_name", "restricted",
                  "needs_decision", "rapid_review", "papers", "papers_withheld"]

    def _withheld(self, obj) -> bool:
        return obj.restricted and obj.pk in self.context.get("conflicted_items", frozenset())

    @extend_schema_field(PaperSerializer(many=True))
    def get_papers(self, obj):
        return [] if self._withheld(obj) else PaperSerializer(obj.papers.all(), many=True).data

    def get_papers_withheld(self, obj) -> bool:
        """True when the item is restricted and you declared a conflict on it: its papers are not listed."""
        return self._withheld(obj)


class AttendanceSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)
    agency_name = serializers.CharField(source="person.agency.name", read_only=True)
    attending_for_name = serializers.CharField(source="attending_for.person.full_name", read_only=True,
                                               allow_null=True, default=None)

    class Meta:
        model = Attendance
        fields = ["id", "meeting", "person", "person_name", "agency_name", "status", "attending_for",
                  "attending_for_name"]


class DeclarationSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="person.full_name", read_only=True)

    class Meta:
        model = Declaration
        fields = ["id", "meeting", "item", "person", "person_name", "kind", "interest", "recorded_at"]


class MinuteEntrySerializer(serializers.ModelSerializer):
    class Meta:
        model = MinuteEntry
        fields = ["id", "item", "heading", "discussion", "decision", "excluded_note", "needs_ratification",
                  "ratified_at"]


class MinutesSerializer(serializers.ModelSerializer):
    entries = MinuteEntrySerializer(many=True, read_only=True)

    class Meta:
        model = Minutes
        fields = ["id", "meeting", "status", "approved_at", "approved_on", "distributed_at", "entries"]


class MeetingSerializer(serializers.ModelSerializer):
    group_name = serializers.CharField(source="group.name", read_only=True)
    chairs = serializers.PrimaryKeyRelatedField(many=True, read_only=True)
    agenda_items = AgendaItemSerializer(source="items", many=True, read_only=True)
    attendance = AttendanceSerializer(many=True, read_only=True)
    declarations = DeclarationSerializer(many=True, read_only=True)
    minutes = MinutesSerializer(read_only=True, allow_null=True)

    class Meta:
        model = Meeting
        fields = ["id", "partnership", "group", "group_name", "kind", "title", "starts_at", "duration_minutes",
                  "mode", "place", "link", "chairs", "status", "cancelled_reason", "rapid_review", "quorate",
                  "agenda_items", "attendance", "declarations", "minutes"]


class MeetingFilter(serializers.Serializer):
    group = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID,
                                     help_text="Only this group's meetings.")


class ItemFilter(serializers.Serializer):
    meeting = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID,
                                       help_text="Only this meeting's records.")


class ReadOnlyMeetingRecords(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Lists scoped to readable partnerships, filtered by the query string, each response audited."""

    filter_class: type[serializers.Serializer] = ItemFilter
    partnership_path = "meeting__partnership_id"

    def _filters(self) -> dict:
        if self.action != "list":
            return {}
        query = self.filter_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data

    def scoped(self, model):
        ids = readable_partnership_ids(self.request.user)
        qs = model.objects.filter(**{f"{self.partnership_path}__in": ids})
        return qs.filter(**self._filters())

    def get_serializer_context(self):
        context = super().get_serializer_context()
        user = self.request.user
        if user.is_authenticated:
            context["conflicted_items"] = frozenset(Declaration.objects.filter(
                item__isnull=False, person__user=user).values_list("item_id", flat=True))
        return context

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        with transaction.atomic():
            audit_record(actor=request.user, verb=Verb.VIEWED,
                         changes={"api": [None, f"{request.path} ({len(response.data.get('results', []))} shown)"]})
        return response


class AuditedRetrieve(mixins.RetrieveModelMixin):
    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = super().get_object()
        return self._object

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        found = self.get_object()
        audit_read(actor=request.user, target=found, partnership=self.partnership_of(found))
        return response


def _list_schema(filter_class, serializer_class):
    return extend_schema(parameters=[filter_class], responses={200: serializer_class(many=True), 400: BAD_QUERY})


@extend_schema_view(list=_list_schema(MeetingFilter, MeetingSerializer))
class MeetingViewSet(AuditedRetrieve, ReadOnlyMeetingRecords):
    """Meetings with their agenda (paper titles only), attendance, declarations and minutes."""

    serializer_class = MeetingSerializer
    filter_class = MeetingFilter
    partnership_path = "partnership_id"

    def get_queryset(self):
        return self.scoped(Meeting).select_related("group", "minutes").prefetch_related(
            "chairs", Prefetch("items__papers", queryset=current_papers()), "items__owner",
            "attendance__person__agency",
            "attendance__attending_for__person", "declarations__person", "minutes__entries",
        ).order_by("-starts_at", "-pk")

    @staticmethod
    def partnership_of(meeting):
        return meeting.partnership


@extend_schema_view(list=_list_schema(ItemFilter, AgendaItemSerializer))
class AgendaItemViewSet(ReadOnlyMeetingRecords):
    """Agenda items, with their papers' titles (never the files)."""

    serializer_class = AgendaItemSerializer

    def get_queryset(self):
        return self.scoped(AgendaItem).select_related("owner").prefetch_related(
            Prefetch("papers", queryset=current_papers())).order_by(
            "meeting_id", "number", "pk")


@extend_schema_view(list=_list_schema(ItemFilter, AttendanceSerializer))
class AttendanceViewSet(ReadOnlyMeetingRecords):
    """Who attended which meeting, and in what capacity (a deputy names the member they attended for)."""

    serializer_class = AttendanceSerializer

    def get_queryset(self):
        return self.scoped(Attendance).select_related("person__agency", "attending_for__person").order_by(
            "meeting_id", "person__full_name", "pk")


@extend_schema_view(list=_list_schema(ItemFilter, DeclarationSerializer))
class DeclarationViewSet(ReadOnlyMeetingRecords):
    """Interests declared at meetings, for the whole meeting or for one agenda item."""

    serializer_class = DeclarationSerializer

    def get_queryset(self):
        return self.scoped(Declaration).select_related("person").order_by("meeting_id", "recorded_at", "pk")


@extend_schema_view(list=_list_schema(ItemFilter, MinutesSerializer), retrieve=extend_schema(parameters=[
    OpenApiParameter("id", int, OpenApiParameter.PATH, description="The id of the meeting the minutes are of.")]))
class MinutesViewSet(AuditedRetrieve, ReadOnlyMeetingRecords):
    """Minutes of each meeting with their entries; one set per meeting, looked up by the meeting's id."""

    serializer_class = MinutesSerializer
    lookup_field = "meeting"
    lookup_url_kwarg = "pk"

    def get_object(self):
        # A foreign-key lookup does not guard against ids too big for the database, as a primary key does.
        value = str(self.kwargs.get(self.lookup_url_kwarg, ""))
        if not value.isdigit() or not 0 < int(value) <= MAX_ID:
            raise Http404("No such minutes.")
        return super().get_object()

    def get_queryset(self):
        return self.scoped(Minutes).select_related("meeting__partnership").prefetch_related("entries").order_by(
            "-meeting__starts_at", "pk")

    @staticmethod
    def partnership_of(minutes):
        return minutes.meeting.partnership


def register(router) -> None:
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("agenda-items", AgendaItemViewSet, basename="agendaitem")
    router.register("attendance", AttendanceViewSet, basename="attendance")
    router.register("declarations", DeclarationViewSet, basename="declaration")
    router.register("minutes", MinutesViewSet, basename="minutes")
