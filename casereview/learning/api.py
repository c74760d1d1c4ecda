"""REST API (read only) for reviews that feed learning, the links between them, recommendations, actions, their
progress updates and the theme taxonomy.

Scoped like the pages: reviews, links, recommendations and themes for those who read all of a partnership's
records (business team, chairs, members, the scrutineer); actions and updates for them too, and for an agency
contributor only their own agency's (nothing else: their lists of reviews are empty). Evidence files are never
served here, only their names, types, sizes and hashes. Every response is recorded in the audit trail.
"""

from __future__ import annotations

from django.db import transaction
from django.db.models import Prefetch, Q
from django.utils import timezone
from drf_spectacular.utils import OpenApiResponse, extend_schema, extend_schema_field, extend_schema_view
from rest_framework import mixins, serializers, viewsets

from casereview.actions.models import RAG, Action, ActionEvidence, ActionUpdate
from casereview.actions.selectors import FINISHED, actions_visible_anywhere, is_overdue
from casereview.audit.services import audit_read, audit_record
from casereview.audit.vocabulary import Verb
from casereview.domain.governance_lifecycle import ActionStatus
from casereview.partnerships.selectors import readable_partnership_ids

from .models import Finding, Recommendation, Review, Reviewer, ReviewKind, ReviewLink, ReviewMilestone, Theme
from .models.recommendations import LocalRelevance

MAX_ID = 2**31 - 1
BAD_QUERY = OpenApiResponse(description="A filter is not valid: {parameter: [messages]}.")


def _id(help_text: str) -> serializers.IntegerField:
    return serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID, help_text=help_text)


class FindingSerializer(serializers.ModelSerializer):
    class Meta:
        model = Finding
        fields = ["id", "number", "text"]


class ReviewerSerializer(serializers.ModelSerializer):
    class Meta:
        model = Reviewer
        fields = ["id", "name", "organisation", "independent", "independence"]


class MilestoneSerializer(serializers.ModelSerializer):
    class Meta:
        model = ReviewMilestone
        fields = ["id", "kind", "label", "planned_on", "done_on"]


class ReviewLinkSerializer(serializers.ModelSerializer):
    from_title = serializers.CharField(source="from_review.title", read_only=True)
    to_title = serializers.CharField(source="to_review.title", read_only=True)

    class Meta:
        model = ReviewLink
        fields = ["id", "from_review", "from_title", "to_review", "to_title", "kind", "note"]


class ReviewSerializer(serializers.ModelSerializer):
    findings = FindingSerializer(many=True, read_only=True)
    reviewers = ReviewerSerializer(many=True, read_only=True)
    milestones = MilestoneSerializer(many=True, read_only=True)
    links = serializers.SerializerMethodField()
    recommendations = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Review
        fields = ["id", "partnership", "kind", "title", "reference", "summary", "status", "group", "rapid_review",
                  "year", "decision_date", "scope", "review_terms", "methodology", "planned_publication_date",
                  "advance_working_days", "advance_copy_sent_on", "published_on", "publication_url", "pseudonyms",
                  "not_published_reasons", "completed_on", "source_body", "commissioning_body", "legal_basis",
                  "criteria_basis", "lead_body", "joint_chair", "family_contact", "criminal_proceedings", "coroner",
                  "publication_decision", "annual_report_inclusion", "agency", "reviewers", "milestones", "findings",
                  "recommendations", "links"]

    @extend_schema_field(ReviewLinkSerializer(many=True))
    def get_links(self, obj):
        """Links to and from this review (joint, parallel or related reviews), shown on both."""
        return ReviewLinkSerializer([*obj.links_out.all(), *obj.links_in.all()], many=True).data


class RecommendationSerializer(serializers.ModelSerializer):
    actions = serializers.PrimaryKeyRelatedField(many=True, read_only=True)

    class Meta:
        model = Recommendation
        fields = ["id", "partnership", "review", "rapid_review", "number", "text", "local_relevance",
                  "local_response", "assessed_on", "actions"]


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = ActionEvidence
        fields = ["id", "original_name", "content_type", "size", "sha256"]


class ActionUpdateSerializer(serializers.ModelSerializer):
    written_by_name = serializers.SerializerMethodField()
    # The same choices as the action's `rag`; a plain string here so the schema has one RAG enumeration.
    rag_after = serializers.CharField(read_only=True, help_text="red, amber or green; empty if the update left it.")
    status_after = serializers.CharField(read_only=True, help_text="The status the update moved the action to; "
                                                                   "empty if it left it.")
    evidence = EvidenceSerializer(many=True, read_only=True)

    class Meta:
        model = ActionUpdate
        fields = ["id", "action", "written_at", "written_by_name", "progress", "impact", "status_after", "rag_after",
                  "evidence"]

    def get_written_by_name(self, obj) -> str:
        user = obj.written_by
        return (user.get_full_name() or user.get_username()) if user else ""


class ActionSerializer(serializers.ModelSerializer):
    owner_name = serializers.CharField(source="owner.full_name", read_only=True)
    agency_name = serializers.CharField(source="agency.name", read_only=True)
    overdue = serializers.SerializerMethodField()

    class Meta:
        model = Action
        fields = ["id", "partnership", "title", "description", "owner", "owner_name", "agency", "agency_name",
                  "due_date", "status", "overdue", "rag", "set_on", "completed_on", "closed_on", "meeting",
                  "minute_entry", "recommendation", "sign_off_meeting", "sign_off_note"]

    def get_overdue(self, obj) -> bool:
        """Past its due date and not complete or closed, today (computed, never stored)."""
        return is_overdue(obj, self.context.setdefault("today", timezone.localdate()))


class ThemeSerializer(serializers.ModelSerializer):
    added_in_version = serializers.IntegerField(source="added_in.version", read_only=True)
    retired_in_version = serializers.IntegerField(source="retired_in.version", read_only=True, allow_null=True,
                                                  default=None)

    class Meta:
        model = Theme
        fields = ["id", "partnership", "key", "label", "category", "added_in_version", "retired_in_version"]


class ReviewFilter(serializers.Serializer):
    kind = serializers.ChoiceField(choices=ReviewKind.choices, required=False, help_text="Only reviews of this kind.")


class LinkFilter(serializers.Serializer):
    review = _id("Only links to or from this review.")


class RecommendationFilter(serializers.Serializer):
    review = _id("Only this review's recommendations.")
    rapid_review = _id("Only this rapid review's recommendations.")
    local_relevance = serializers.ChoiceField(choices=LocalRelevance.choices, required=False,
                                              help_text="Only national recommendations assessed so.")


class ActionFilter(serializers.Serializer):
    recommendation = _id("Only actions from this recommendation.")
    review = _id("Only actions from this review's recommendations.")
    agency = _id("Only this agency's actions.")
    status = serializers.ChoiceField(choices=[s.value for s in ActionStatus], required=False)
    rag = serializers.ChoiceField(choices=RAG.choices, required=False)
    overdue = serializers.BooleanField(required=False, help_text="true: only overdue actions.")


class UpdateFilter(serializers.Serializer):
    action = _id("Only this action's updates.")


class ThemeFilter(serializers.Serializer):
    category = serializers.ChoiceField(choices=Theme._meta.get_field("category").choices, required=False)
    current = serializers.BooleanField(required=False, help_text="true: only themes not retired.")


class AuditedList(mixins.ListModelMixin, viewsets.GenericViewSet):
    """Lists filtered by a validated query string; every response recorded in the audit trail."""

    filter_class: type[serializers.Serializer] = serializers.Serializer

    def filters(self) -> dict:
        if self.action != "list":
            return {}
        query = self.filter_class(data=self.request.query_params)
        query.is_valid(raise_exception=True)
        return query.validated_data

    def readable_ids(self) -> list[int]:
        return readable_partnership_ids(self.request.user)

    def list(self, request, *args, **kwargs):
        response = super().list(request, *args, **kwargs)
        with transaction.atomic():
            audit_record(actor=request.user, verb=Verb.VIEWED,
                         changes={"api": [None, f"{request.path} ({len(response.data.get('results', []))} shown)"]})
        return response


class AuditedReadOnly(mixins.RetrieveModelMixin, AuditedList):
    """A list and one record by id; reading one record is audited against it."""

    def get_object(self):
        if not hasattr(self, "_object"):
            self._object = super().get_object()
        return self._object

    def retrieve(self, request, *args, **kwargs):
        response = super().retrieve(request, *args, **kwargs)
        audit_read(actor=request.user, target=self.get_object())
        return response


def _list_schema(filter_class, serializer_class):
    return extend_schema(parameters=[filter_class], responses={200: serializer_class(many=True), 400: BAD_QUERY})


@extend_schema_view(list=_list_schema(ReviewFilter, ReviewSerializer))
class ReviewViewSet(AuditedReadOnly):
    """Reviews that feed learning (local practice reviews, national reviews and Panel reports, adult reviews,
    single-agency reviews, audits) with their reviewers, milestones, findings, recommendation ids and links."""

    serializer_class = ReviewSerializer
    filter_class = ReviewFilter

    def get_queryset(self):
        links = ReviewLink.objects.select_related("from_review", "to_review").order_by("pk")
        return Review.objects.filter(partnership_id__in=self.readable_ids(), **self.filters()).prefetch_related(
            "findings", "reviewers", "milestones",
            Prefetch("recommendations", Recommendation.objects.only("pk", "review_id").order_by("number")),
            Prefetch("links_out", links), Prefetch("links_in", links)).order_by("-created_at", "-pk")


@extend_schema_view(list=_list_schema(LinkFilter, ReviewLinkSerializer))
class ReviewLinkViewSet(AuditedList):
    """Links between reviews of the same events run jointly, in parallel or otherwise related."""

    serializer_class = ReviewLinkSerializer
    filter_class = LinkFilter

    def get_queryset(self):
        qs = ReviewLink.objects.filter(from_review__partnership_id__in=self.readable_ids()).select_related(
            "from_review", "to_review").order_by("pk")
        review = self.filters().get("review")
        return qs.filter(Q(from_review_id=review) | Q(to_review_id=review)) if review else qs


@extend_schema_view(list=_list_schema(RecommendationFilter, RecommendationSerializer))
class RecommendationViewSet(AuditedReadOnly):
    """Recommendations of reviews and rapid reviews, with national ones' local relevance and the action ids."""

    serializer_class = RecommendationSerializer
    filter_class = RecommendationFilter

    def get_queryset(self):
        f = self.filters()
        qs = Recommendation.objects.filter(partnership_id__in=self.readable_ids()).prefetch_related(
            Prefetch("actions", Action.objects.only("pk", "recommendation_id").order_by("pk")))
        if f.get("review"):
            qs = qs.filter(review_id=f["review"])
        if f.get("rapid_review"):
            qs = qs.filter(rapid_review_id=f["rapid_review"])
        if f.get("local_relevance"):
            qs = qs.filter(local_relevance=f["local_relevance"])
        return qs.order_by("review_id", "rapid_review_id", "number", "pk")


@extend_schema_view(list=_list_schema(ActionFilter, ActionSerializer))
class ActionViewSet(AuditedReadOnly):
    """Actions (from meetings' minutes and from recommendations) with status, RAG rating, whether overdue today,
    and the sign-off. An agency contributor sees only their own agency's."""

    serializer_class = ActionSerializer
    filter_class = ActionFilter

    def get_queryset(self):
        f = self.filters()
        qs = actions_visible_anywhere(self.request.user).select_related("owner", "agency", "partnership")
        for key, lookup in (("recommendation", "recommendation_id"), ("review", "recommendation__review_id"),
                            ("agency", "agency_id"), ("status", "status"), ("rag", "rag")):
            if f.get(key):
                qs = qs.filter(**{lookup: f[key]})
        if f.get("overdue"):
            qs = qs.filter(due_date__lt=timezone.localdate()).exclude(status__in=FINISHED)
        return qs.order_by("due_date", "pk")


@extend_schema_view(list=_list_schema(UpdateFilter, ActionUpdateSerializer))
class ActionUpdateViewSet(AuditedList):
    """Progress updates on actions, with impact and their evidence files' names and hashes (never the files)."""

    serializer_class = ActionUpdateSerializer
    filter_class = UpdateFilter

    def get_queryset(self):
        qs = ActionUpdate.objects.filter(action__in=actions_visible_anywhere(self.request.user)).select_related(
            "written_by").prefetch_related("evidence")
        action = self.filters().get("action")
        return (qs.filter(action_id=action) if action else qs).order_by("written_at", "pk")


@extend_schema_view(list=_list_schema(ThemeFilter, ThemeSerializer))
class ThemeViewSet(AuditedReadOnly):
    """The partnership's theme taxonomy, with the version each theme was added in (and retired in, if so)."""

    serializer_class = ThemeSerializer
    filter_class = ThemeFilter

    def get_queryset(self):
        f = self.filters()
        qs = Theme.objects.filter(partnership_id__in=self.readable_ids()).select_related("added_in", "retired_in")
        if f.get("category"):
            qs = qs.filter(category=f["category"])
        if f.get("current"):
            qs = qs.filter(retired_in__isnull=True)
        return qs.order_by("category", "label", "pk")


def register(router) -> None:
    router.register("learning-reviews", ReviewViewSet, basename="learningreview")
    router.register("review-links", ReviewLinkViewSet, basename="reviewlink")
    router.register("recommendations", RecommendationViewSet, basename="recommendation")
    router.register("actions", ActionViewSet, basename="action")
    router.register("action-updates", ActionUpdateViewSet, basename="actionupdate")
    router.register("themes", ThemeViewSet, basename="theme")
