"""Cadre's settings. Every value comes from the environment (see .env.example)."""

from datetime import timedelta
from pathlib import Path

from django.utils.translation import gettext_lazy as _

from cadre.lib.env import env
from cadre.lib.sso import openid_connect_apps

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env.text("CADRE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env.flag("DEBUG", False)
SECRET_KEY = env.text("SECRET_KEY", "insecure-key-for-local-debugging-only", required=not DEBUG)
ALLOWED_HOSTS = env.items("ALLOWED_HOSTS", ["127.0.0.1", "localhost"], required=not DEBUG)
CSRF_TRUSTED_ORIGINS = env.items("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.usersessions",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "allauth.socialaccount.providers.saml",
    "axes",
    "cadre.directory",
    "cadre.accounts",
    "cadre.audit",
    "cadre.imports",
    "cadre.vetting",
    "cadre.privacy",
    "cadre.courses",
    "cadre.standards",
    "cadre.accreditation",
    "cadre.materials",
    "cadre.instructors",
    "cadre.training_sessions",
    "cadre.certificates",
    "cadre.assessments",
    "cadre.portal",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "cadre.lib.context.RequestContextMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Below whitenoise, which serves its own compressed static files.
    "cadre.lib.http.TextGZipMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "cadre.portal.middleware.CadreLoginRequiredMiddleware",
    "cadre.portal.middleware.PreferredLanguageMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "cadre.accounts.middleware.IdleSessionMiddleware",
    "allauth.usersessions.middleware.UserSessionsMiddleware",
    "cadre.accounts.middleware.MFARequiredMiddleware",
    "cadre.vetting.middleware.AccessGateMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cadre.urls"
WSGI_APPLICATION = "cadre.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "cadre" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "cadre.portal.context_processors.navigation",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASES = {"default": env.database("DATABASE_URL", f"sqlite:///{VAR_DIR / 'cadre.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The embedded default keeps its database under var/, which a fresh clone does not have.
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;",
        "transaction_mode": "IMMEDIATE",
    }
else:
    DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache ----------------------------------------------------------------------------------
REDIS_URL = env.text("REDIS_URL")
if REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env.text("CACHE_KEY_PREFIX", "cadre"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Background work ------------------------------------------------------------------------
CELERY_BROKER_URL = env.text("CELERY_BROKER_URL")
CELERY_RESULT_BACKEND = env.text("CELERY_RESULT_BACKEND", REDIS_URL) or None
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE: dict[str, dict[str, object]] = {}
# Reminds of access periods about to end and marks ended ones lapsed (idempotent).
CELERY_BEAT_SCHEDULE["vetting-review-access-periods"] = {
    "task": "cadre.vetting.tasks.review_access_periods",
    "schedule": 6 * 60 * 60,
}
# Flags accounts unused for PRIVACY_INACTIVE_DAYS and closes the flags of people who came back.
CELERY_BEAT_SCHEDULE["privacy-review-inactive-accounts"] = {
    "task": "cadre.privacy.tasks.review_inactive_accounts",
    "schedule": 24 * 60 * 60,
}
# Reminds of accreditations about to expire and of conditions' deadlines, and records expiry.
CELERY_BEAT_SCHEDULE["accreditation-review"] = {
    "task": "cadre.accreditation.tasks.review_accreditations",
    "schedule": 24 * 60 * 60,
}
# Expires lapsed instructor certifications and reminds before expiry (idempotent).
CELERY_BEAT_SCHEDULE["instructors-review-certifications"] = {
    "task": "cadre.instructors.tasks.review_certifications",
    "schedule": 24 * 60 * 60,
}
# Level 3 evaluation: creates the follow-ups of completed sessions that fall due and sends them
# to participants and their supervisors (idempotent).
CELERY_BEAT_SCHEDULE["assessments-create-follow-ups"] = {
    "task": "cadre.assessments.tasks.create_follow_ups",
    "schedule": 24 * 60 * 60,
}
# Reminds accepted participants who have not answered their invitation, and releases their place
# to the waitlist the day after the deadline (idempotent).
CELERY_BEAT_SCHEDULE["sessions-review-invitations"] = {
    "task": "cadre.training_sessions.tasks.selection.review_invitations",
    "schedule": 24 * 60 * 60,
}

# --- Accounts -------------------------------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "portal:dashboard"
LOGOUT_REDIRECT_URL = "portal:home"
ACCOUNT_ADAPTER = "cadre.accounts.adapters.AccountAdapter"
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "mandatory"
ACCOUNT_LOGOUT_ON_GET = False
ACCOUNT_SESSION_REMEMBER = False
ACCOUNT_DEFAULT_HTTP_PROTOCOL = "https" if env.flag("HTTPS", not DEBUG) else "http"
ACCOUNT_FORMS = {"signup": "cadre.vetting.forms.RegistrationForm"}
# --- Strong sign-in ---
# Second factor: mandatory for every role but "learner" (cadre.accounts.permissions.must_use_mfa),
# and for learners too when MFA_REQUIRED_FOR_LEARNERS is set.
MFA_REQUIRED_FOR_LEARNERS = env.flag("MFA_REQUIRED_FOR_LEARNERS", False)
MFA_ADAPTER = "cadre.accounts.adapters.MFAAdapter"
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_PASSKEY_LOGIN_ENABLED = True
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = DEBUG
MFA_TOTP_ISSUER = "Cadre"
# A code typed as its 30 seconds run out still counts when it arrives in the next period:
# a slow line or a phone a little behind must not lock a person out.
MFA_TOTP_TOLERANCE = 1
# Lockout (django-axes): after AXES_FAILURE_LIMIT failed sign-ins of one e-mail from one address,
# that pair is locked for AXES_COOLOFF_TIME hours; resetting the password unlocks it.
AXES_FAILURE_LIMIT = env.integer("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = timedelta(hours=env.integer("AXES_COOLOFF_TIME", 1))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_USERNAME_FORM_FIELD = "login"
AXES_USERNAME_CALLABLE = "cadre.accounts.security.username_of"
AXES_CLIENT_IP_CALLABLE = "cadre.lib.context.client_ip_of"
AXES_LOCKOUT_TEMPLATE = "accounts/locked_out.html"
# allauth's own per-account limit on failed sign-ins would pre-empt the lockout page; its limit
# per address (against trying many accounts) stays.
ACCOUNT_RATE_LIMITS = {"login_failed": "10/m/ip"}
# Idle sessions end after this many minutes without a request.
SESSION_IDLE_MINUTES = env.integer("SESSION_IDLE_MINUTES", 30)
# Sessions are recorded at sign-in (to list them and end them); tracking every request's
# address and time would write to the database on every page.
USERSESSIONS_TRACK_ACTIVITY = False
# Single sign-on: OpenID Connect providers from OIDC_PROVIDERS (JSON), SAML ones through the
# admin (social applications). People signing up through either fill in the same registration.
SOCIALACCOUNT_AUTO_SIGNUP = False
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False
SOCIALACCOUNT_FORMS = {"signup": "cadre.vetting.forms.SocialRegistrationForm"}
SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": openid_connect_apps(env.json_list("OIDC_PROVIDERS"))}}
# Vetting: how long an NCB's approval lasts, and how many days before it ends the person and
# their NCB are reminded. The versions of the terms and privacy notice people accept.
VETTING_APPROVAL_DAYS = env.integer("VETTING_APPROVAL_DAYS", 365)
VETTING_REMINDER_DAYS = env.integer("VETTING_REMINDER_DAYS", 30)
VETTING_INVITATION_DAYS = env.integer("VETTING_INVITATION_DAYS", 30)
VETTING_TERMS_VERSION = env.text("VETTING_TERMS_VERSION", "1.0")
VETTING_PRIVACY_VERSION = env.text("VETTING_PRIVACY_VERSION", "1.0")
# Personal data: days without signing in after which an account is flagged for the data
# protection officer's review (three years by default).
PRIVACY_INACTIVE_DAYS = env.integer("PRIVACY_INACTIVE_DAYS", 1095)
# Accreditation: how long a certificate is valid, the days before its end at which the course's
# manager and the quality officers are reminded (each once), and the days before a conditions
# deadline at which they are reminded.
ACCREDITATION_VALIDITY_YEARS = env.integer("ACCREDITATION_VALIDITY_YEARS", 4)
ACCREDITATION_REMINDER_DAYS = [int(days) for days in env.items("ACCREDITATION_REMINDER_DAYS", ["180", "60"])]
ACCREDITATION_CONDITIONS_REMINDER_DAYS = env.integer("ACCREDITATION_CONDITIONS_REMINDER_DAYS", 30)
# Instructors: the days before a certification expires at which the instructor, their manager and
# the certification managers are reminded (each once).
INSTRUCTORS_REMINDER_DAYS = [int(days) for days in env.items("INSTRUCTORS_REMINDER_DAYS", ["90", "30"])]
# Sessions: minutes after a day's start within which a QR check-in still counts as on time.
SESSION_CHECKIN_GRACE_MINUTES = env.integer("SESSION_CHECKIN_GRACE_MINUTES", 15)

# --- Languages ------------------------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("ar", _("Arabic")),
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
LANGUAGES_BIDI = ["ar"]
LOCALE_PATHS = [BASE_DIR / "cadre" / "locale"]
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en", "fr", "es", "ar")
USE_I18N = True
USE_TZ = True
TIME_ZONE = "UTC"
LANGUAGE_COOKIE_NAME = "cadre_language"
LANGUAGE_COOKIE_SAMESITE = "Lax"

# --- Static and uploaded files -------------------------------------------------------------
STATIC_URL = "/static/"
STATIC_ROOT = Path(env.text("STATIC_ROOT", str(VAR_DIR / "static")))
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env.text("MEDIA_ROOT", str(VAR_DIR / "media")))
# The largest list of officials an NCB may upload at once.
IMPORT_MAX_BYTES = env.integer("IMPORT_MAX_BYTES", 5 * 1024 * 1024)
# Uploads checked by cadre.lib.uploads (materials, evidence, packages, photos): the largest file,
# the largest video, and the limits an archive (ZIP, Office and OpenDocument files) must keep.
UPLOAD_MAX_BYTES = env.integer("UPLOAD_MAX_BYTES", 50 * 1024 * 1024)
UPLOAD_VIDEO_MAX_BYTES = env.integer("UPLOAD_VIDEO_MAX_BYTES", 500 * 1024 * 1024)
ARCHIVE_MAX_MEMBERS = env.integer("ARCHIVE_MAX_MEMBERS", 10_000)
ARCHIVE_MAX_TOTAL_BYTES = env.integer("ARCHIVE_MAX_TOTAL_BYTES", 1024 * 1024 * 1024)
ARCHIVE_MAX_RATIO = env.integer("ARCHIVE_MAX_RATIO", 100)
# Uploaded files past 2.5 MB stream to a temporary file on disk instead of memory; a request's
# other data (form fields) may not exceed 2.5 MB.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
# The largest e-learning package a course manager may submit as training material (other
# material keeps to UPLOAD_MAX_BYTES, videos to UPLOAD_VIDEO_MAX_BYTES).
MATERIAL_PACKAGE_MAX_BYTES = env.integer("MATERIAL_PACKAGE_MAX_BYTES", 200 * 1024 * 1024)
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = DEBUG

# --- E-mail ---------------------------------------------------------------------------------
EMAIL_HOST = env.text("EMAIL_HOST")
# The address people reach Cadre at, for links in e-mails sent by background tasks.
SITE_URL = env.text("SITE_URL", "http://localhost:8000").rstrip("/")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env.integer("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.text("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.text("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS", True)
DEFAULT_FROM_EMAIL = env.text("DEFAULT_FROM_EMAIL", "Cadre <no-reply@cadre.invalid>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- Security -------------------------------------------------------------------------------
HTTPS = env.flag("HTTPS", not DEBUG)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
LANGUAGE_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env.flag("SECURE_SSL_REDIRECT", True)
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env.flag("BEHIND_PROXY", False) else None
SECURE_HSTS_SECONDS = env.integer("HSTS_SECONDS", 31_536_000) if HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = HTTPS
SECURE_HSTS_PRELOAD = HTTPS
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_AGE = env.integer("SESSION_COOKIE_AGE", 8 * 60 * 60)
X_FRAME_OPTIONS = "DENY"

# --- Logging --------------------------------------------------------------------------------
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": env.text("LOG_LEVEL", "INFO")},
}

NINJA_PAGINATION_PER_PAGE = 50
