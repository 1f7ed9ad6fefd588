from django.conf import settings
from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from linli.api.api import api
from linli.community.forms import LoginForm
from linli.community.views import accounts, pages
from linli.core import media, pwa
from linli.core import views as core_views
from linli.core.registry import app_modules, site_urls

urlpatterns = [
    path("", pages.home, name="home"),
    path("accounts/signup/", accounts.signup, name="signup"),
    path(
        "accounts/login/",
        accounts.LoginView.as_view(authentication_form=LoginForm),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(success_url="/me/"),
        name="password_change",
    ),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("admin/", admin.site.urls),
    path("all/", core_views.capabilities, name="capabilities"),
    path("robots.txt", core_views.robots, name="robots"),
    path("sitemap.xml", pwa.sitemap, name="sitemap"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("sw.js", pwa.service_worker, name="service-worker"),
    path("offline/", pwa.offline, name="offline"),
    path("_floor", core_views.floor, name="floor"),
    path("healthz", core_views.healthz, name="healthz"),
    path("readyz", core_views.readyz, name="readyz"),
]

# Every app's urls.py, at the site root, in its own namespace, its routes grouped by first
# segment so that resolving a path tests a few patterns, not all (see linli/core/registry.py).
urlpatterns.append(site_urls(app_modules("urls")))

# Uploaded files, from whichever storage, to holders of a signed link (linli/core/media.py).
urlpatterns += [path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", media.media, name="media")]
