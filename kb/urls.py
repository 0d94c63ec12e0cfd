from django.contrib import admin
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from kb.switches import language_switch

# Lazy: the admin speaks the curator's chosen language.
admin.site.site_header = _("区域发展知识库 · 编辑后台")
admin.site.site_title = _("区域发展知识库")
admin.site.index_title = _("编辑后台")

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/setlang/", language_switch, name="set_language"),
    path("", include("events.urls")),
    path("", include("kb.public_urls")),
]
