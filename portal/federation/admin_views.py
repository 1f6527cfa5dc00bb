"""Admin views shared by the partner screens."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from django.views import View
from wagtail.admin.views import generic
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin


class SecretShownOnceCreateView(generic.CreateView):
    """A create view for a record with a secret: the secret is made on save and shown in the answer to the form,
    never cached and stored nowhere in the clear, not even in the session."""

    created_template_name = ""
    object_context_name = "object"
    secret_context_name = "secret"  # noqa: S105  (a template variable's name)

    def make_secret(self, instance) -> str:
        return instance.set_secret()

    def save_instance(self):
        instance = self.form.instance
        self.secret = self.make_secret(instance)
        instance.save()
        return instance

    def save_action(self):
        context = {
            **self.get_context_data(form=self.form),
            self.object_context_name: self.object,
            self.secret_context_name: self.secret,
        }
        response = TemplateResponse(self.request, self.created_template_name, context)
        add_never_cache_headers(response)
        return response


class RecordActionView(PermissionCheckedMixin, View):
    """A button in a listing that does one thing to one record (POST only), then goes back to the listing."""

    permission_required = "change"
    permission_policy = None  # given by the viewset
    http_method_names = ["post"]
    model = None
    index_url_name = ""

    def act(self, instance) -> str:
        """Do it; the message to show."""
        raise NotImplementedError

    def post(self, request, pk):
        messages.success(request, self.act(get_object_or_404(self.model, pk=pk)))
        return redirect(self.index_url_name)
