"""HSTS covers the subdomains, and a Permissions-Policy switches off features no page uses."""


def test_hsts_includes_subdomains_over_https(client, db, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    settings.SECURE_SSL_REDIRECT = False
    response = client.get("/inloggen/", secure=True)
    assert response["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains"


def test_no_hsts_over_plain_http_or_when_https_is_off(client, db, settings):
    settings.SECURE_SSL_REDIRECT = False
    settings.SECURE_HSTS_SECONDS = 31536000
    assert "Strict-Transport-Security" not in client.get("/inloggen/")
    settings.SECURE_HSTS_SECONDS = 0
    # A new client: Django's SecurityMiddleware reads the setting once, when the handler is built.
    assert "Strict-Transport-Security" not in client.__class__().get("/inloggen/", secure=True)


def test_every_page_carries_a_permissions_policy(client, world):
    for url in ("/inloggen/", "/health", "/account/activeren/"):
        policy = client.get(url)["Permissions-Policy"]
        for feature in ("camera=()", "microphone=()", "geolocation=()", "payment=()", "usb=()"):
            assert feature in policy, (url, feature)
