"""REST API of the working-days calculator: the same calculations as the calculator page, as JSON.

Each answer uses the calendar of the requesting user's first partnership (its closures and openings
included), or the England and Wales bank holidays alone for a user in no partnership. Counting follows
`casereview.domain.calendar`: day 0 is the start date; day N is the N-th working day after it.
"""

from django.urls import path
from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.response import Response
from rest_framework.views import APIView

from . import calendar_selectors as selectors

BOUNDS = f"between {selectors.EARLIEST.isoformat()} and {selectors.LATEST.isoformat()}"


def _in_bounds(value):
    if not selectors.EARLIEST <= value <= selectors.LATEST:
        raise serializers.ValidationError(f"Must be {BOUNDS}.")
    return value


class AddQuery(serializers.Serializer):
    date = serializers.DateField(help_text=f"The start date (day 0), ISO 8601, {BOUNDS}.", validators=[_in_bounds])
    days = serializers.IntegerField(min_value=0, max_value=selectors.MAX_DAYS, help_text="Working days to count.")
    direction = serializers.ChoiceField(choices=[selectors.AFTER, selectors.BEFORE], default=selectors.AFTER)


class RangeQuery(serializers.Serializer):
    start = serializers.DateField(help_text=f"ISO 8601, {BOUNDS}.", validators=[_in_bounds])
    end = serializers.DateField(help_text=f"ISO 8601, {BOUNDS}.", validators=[_in_bounds])


class HolidaysQuery(RangeQuery):
    def validate(self, attrs):
        if attrs["end"] < attrs["start"]:
            raise serializers.ValidationError({"end": "Must be the same as or after start."})
        if selectors.range_too_long(attrs["start"], attrs["end"]):
            raise serializers.ValidationError({"end": f"Must be within {selectors.MAX_RANGE_YEARS} years of start."})
        return attrs


class CalendarSkippedDay(serializers.Serializer):
    date = serializers.DateField()
    reason = serializers.CharField()


class CalendarAddAnswer(serializers.Serializer):
    date = serializers.DateField()
    days = serializers.IntegerField()
    direction = serializers.CharField()
    result = serializers.DateField(help_text="Day `days` counted from `date`.")
    skipped = CalendarSkippedDay(many=True, help_text="Non-working days strictly between `date` and `result`.")


class CalendarCountAnswer(serializers.Serializer):
    start = serializers.DateField()
    end = serializers.DateField()
    working_days = serializers.IntegerField(help_text="Working days d with start < d <= end; negative if end < start.")


class CalendarHoliday(serializers.Serializer):
    date = serializers.DateField()
    name = serializers.CharField()


class CalendarHolidaysAnswer(serializers.Serializer):
    holidays = CalendarHoliday(many=True)


BAD_QUERY = OpenApiResponse(description="A parameter is missing or invalid: {parameter: [messages]}.")


def _query(serializer_class, request) -> dict:
    """Validate the query string; a bad one becomes a 400 with a message for each field."""
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


def _calendar(request):
    return selectors.calendar_for_user(request.user)[1]


class WorkingDaysAddView(APIView):
    @extend_schema(
        operation_id="calendar_add", summary="Count working days after or before a date", parameters=[AddQuery],
        responses={200: CalendarAddAnswer, 400: BAD_QUERY},
        examples=[OpenApiExample("Christmas 2025", response_only=True, value={
            "date": "2025-12-20", "days": 15, "direction": "after", "result": "2026-01-14",
            "skipped": [{"date": "2025-12-21", "reason": "Sunday"}]})],
    )
    def get(self, request):
        query = _query(AddQuery, request)
        answer = selectors.working_days_from(_calendar(request), start=query["date"], days=query["days"],
                                             direction=query["direction"])
        skipped = [{"date": d, "reason": reason} for d, reason in answer.skipped]
        return Response(CalendarAddAnswer({**query, "result": answer.result, "skipped": skipped}).data)


class WorkingDaysCountView(APIView):
    @extend_schema(operation_id="calendar_count", summary="Count the working days between two dates",
                   parameters=[RangeQuery], responses={200: CalendarCountAnswer, 400: BAD_QUERY})
    def get(self, request):
        query = _query(RangeQuery, request)
        answer = selectors.working_days_count(_calendar(request), **query)
        return Response(CalendarCountAnswer(answer).data)


class HolidaysView(APIView):
    @extend_schema(operation_id="calendar_holidays",
                   summary="List bank holidays and partnership closures in a range of up to three years",
                   parameters=[HolidaysQuery], responses={200: CalendarHolidaysAnswer, 400: BAD_QUERY})
    def get(self, request):
        query = _query(HolidaysQuery, request)
        answer = selectors.holidays_in_range(_calendar(request), **query)
        holidays = [{"date": d, "name": name} for d, name in answer.holidays]
        return Response(CalendarHolidaysAnswer({"holidays": holidays}).data)


urlpatterns = [
    path("add/", WorkingDaysAddView.as_view(), name="calendar-add"),
    path("count/", WorkingDaysCountView.as_view(), name="calendar-count"),
    path("holidays/", HolidaysView.as_view(), name="calendar-holidays"),
]
