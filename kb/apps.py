from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KbConfig(AppConfig):
    name = "kb"
    verbose_name = _("知识库")

    def ready(self):
        from kb.services.data_version import connect_signals

        connect_signals()
