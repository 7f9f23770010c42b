"""The WSGI application (runserver and gunicorn load it).

A server process builds the person search index in the background as it starts, so the first name search
does not wait for it (about 20 s per 100,000 persons); LIAISON_WARM_SEARCH=0 turns that off.
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "liaison.settings")
application = get_wsgi_application()

if os.environ.get("LIAISON_WARM_SEARCH", "1").strip().lower() not in {"0", "false", "no", "off"}:
    from django.conf import settings

    if not settings.TESTING:
        from liaison.people.search import warm_in_background

        warm_in_background()
