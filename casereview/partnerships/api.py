"""REST API for partnerships, agencies, people, groups and memberships.

Reads go through the same selectors as the pages; writes through the same services, so the API can
do nothing the pages forbid and every write is audited.
"""

from django.core.exceptions import PermissionDenied, ValidationError
from rest_framework import exceptions, mixins, serializers, viewsets

from . import selectors, services
from .access import partnerships_for
from .models import Agency, Group, Membership, Partnership, Person


class PartnershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Partnership
        fields = ["id", "name", "short_name", "local_authority_area"]


class AgencySerializer(serializers.ModelSerializer):
    statutory_partner = serializers.CharField(read_only=True, allow_null=True)

    class Meta:
        model = Agency
        fields = ["id", "partnership", "name", "kind", "statutory_partner"]


class PersonSerializer(serializers.ModelSerializer):
    class Meta:
        model = Person
        fields = ["id", "partnership", "agency", "full_name", "job_title", "email"]


class GroupSerializer(serializers.ModelSerializer):
    class Meta:
        model = Group
        fields = ["id", "partnership", "name", "kind", "slug"]
        read_only_fields = ["slug"]


class MembershipSerializer(serializers.ModelSerializer):
    class Meta:
        model = Membership
        fields = ["id", "group", "person", "role_title", "role_key", "represents", "chair", "deputy",
                  "co_opted", "co_opted_for", "start_date", "end_date"]


def _service_call(fn, **kwargs):
    """Run a service and turn its Django errors into API errors (400 with field messages, 403)."""
    try:
        return fn(**kwargs)
    except ValidationError as exc:
        raise exceptions.ValidationError(getattr(exc, "message_dict", None) or {"detail": exc.messages}) from exc
    except PermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc)) from exc


class ScopedViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, mixins.CreateModelMixin,
                    mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """List, read, create and update; never delete (ended memberships and history are kept)."""

    def _partnerships(self):
        return list(partnerships_for(self.request.user))

    def _check_partnership(self, partnership):
        if partnership.pk not in {p.pk for p in self._partnerships()}:
            raise exceptions.ValidationError({"partnership": "You have no access to that partnership."})

    def _fields(self, serializer, exclude=("partnership",)):
        return {k: v for k, v in serializer.validated_data.items() if k not in exclude}


class PartnershipViewSet(mixins.ListModelMixin, mixins.RetrieveModelMixin, viewsets.GenericViewSet):
    serializer_class = PartnershipSerializer

    def get_queryset(self):
        return partnerships_for(self.request.user).order_by("name")


class AgencyViewSet(ScopedViewSet):
    serializer_class = AgencySerializer

    def get_queryset(self):
        return selectors.agencies_visible(self.request.user)

    def perform_create(self, serializer):
        partnership = serializer.validated_data["partnership"]
        self._check_partnership(partnership)
        serializer.instance = _service_call(services.agency_create, actor=self.request.user,
                                            partnership=partnership, **self._fields(serializer))

    def perform_update(self, serializer):
        serializer.instance = _service_call(services.agency_update, actor=self.request.user,
                                            agency=self.get_object(), **self._fields(serializer))


class PersonViewSet(ScopedViewSet):
    serializer_class = PersonSerializer

    def get_queryset(self):
        return selectors.people_visible(self.request.user)

    def perform_create(self, serializer):
        partnership = serializer.validated_data["partnership"]
        self._check_partnership(partnership)
        serializer.instance = _service_call(services.person_create, actor=self.request.user,
                                            partnership=partnership, **self._fields(serializer))

    def perform_update(self, serializer):
        serializer.instance = _service_call(services.person_update, actor=self.request.user,
                                            person=self.get_object(), **self._fields(serializer))


class GroupViewSet(ScopedViewSet):
    serializer_class = GroupSerializer

    def get_queryset(self):
        return selectors.groups_visible(self.request.user)

    def perform_create(self, serializer):
        partnership = serializer.validated_data["partnership"]
        self._check_partnership(partnership)
        serializer.instance = _service_call(services.group_create, actor=self.request.user,
                                            partnership=partnership, **self._fields(serializer))

    def perform_update(self, serializer):
        serializer.instance = _service_call(services.group_update, actor=self.request.user,
                                            group=self.get_object(), **self._fields(serializer))


class MembershipViewSet(ScopedViewSet):
    serializer_class = MembershipSerializer

    def get_queryset(self):
        return selectors.memberships_visible(self.request.user)

    def perform_create(self, serializer):
        group = serializer.validated_data["group"]
        if group.partnership_id not in {p.pk for p in self._partnerships()}:
            raise exceptions.ValidationError({"group": "You have no access to that group."})
        serializer.instance = _service_call(services.membership_create, actor=self.request.user,
                                            **self._fields(serializer, exclude=()))

    def perform_update(self, serializer):
        values = self._fields(serializer, exclude=("group",))
        serializer.instance = _service_call(services.membership_update, actor=self.request.user,
                                            membership=self.get_object(), **values)


def register(router) -> None:
    router.register("partnerships", PartnershipViewSet, basename="partnership")
    router.register("agencies", AgencyViewSet, basename="agency")
    router.register("people", PersonViewSet, basename="person")
    router.register("groups", GroupViewSet, basename="group")
    router.register("memberships", MembershipViewSet, basename="membership")
