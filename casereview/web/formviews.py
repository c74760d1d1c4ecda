"""One way to run a form page: validate, call a service, show its errors beside the fields."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render


def apply_errors(form, exc: ValidationError) -> None:
    """Attach a service's ValidationError to the form's fields (or the form) so it shows by the field."""
    if hasattr(exc, "error_dict"):
        for field, errors in exc.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc)


def handle_form(request, form, *, call, success_url, message: str, context: dict, template="web/form_page.html"):
    """On a valid POST call the service; on success redirect with a message, else re-render with errors."""
    if request.method == "POST" and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, message)
            return redirect(success_url(result) if callable(success_url) else success_url)
    status = 400 if request.method == "POST" else 200
    return render(request, template, {"form": form, **context}, status=status)
