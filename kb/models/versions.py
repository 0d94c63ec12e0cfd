"""The data version every write moves (the public pages' caches key on
it)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class DataVersion(models.Model):
    """One row: a number every import and every curator save moves on.

    Public pages are cached under it (kb.middleware_cache): a write moves
    it, and the next request renders afresh, in every worker process, with
    no fixed-delay staleness.  Moved by kb.services.data_version (signals
    on every record model, and the writers that bypass signals)."""

    moves_data_version = False  # kb.services.data_version: its own writes

    version = models.BigIntegerField(_("版本"), default=1)
    changed_at = models.DateTimeField(_("变更时间"), default=timezone.now)

    class Meta:
        verbose_name = _("数据版本")
        verbose_name_plural = _("数据版本")

    def __str__(self):
        return f"{self.version} ({self.changed_at:%Y-%m-%d %H:%M:%S})"
