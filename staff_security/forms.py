from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A six-digit code from an authenticator app, or a recovery code."""

    code = forms.CharField(
        label=_("Code"),
        max_length=64,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "autocapitalize": "off",
                "spellcheck": "false",
                "autofocus": True,
                "size": 20,
            }
        ),  # fmt: skip
    )

    def clean_code(self):
        code = "".join(self.cleaned_data["code"].split())
        if not code.isascii() or not code.isalnum():
            raise forms.ValidationError(_("Enter the code as shown: letters and digits only."))
        return code
