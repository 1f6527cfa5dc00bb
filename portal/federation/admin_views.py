"""Admin views shared by the partner screens."""

from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers
from wagtail.admin.views import generic


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
