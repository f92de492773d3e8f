"""The web server: the REST API (``api``), its safety (``security``) and the app (``app``)."""
