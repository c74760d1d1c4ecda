"""The base every GOV.UK form in the service builds on."""

from crispy_forms_gds.helper import FormHelper
from django import forms


class GovFormMixin:
    """Render with the GDS template pack inside the page's own <form>, error summary and buttons."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.disable_csrf = True


class GovForm(GovFormMixin, forms.Form):
    pass


class GovModelForm(GovFormMixin, forms.ModelForm):
    pass
