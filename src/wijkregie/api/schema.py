"""The OpenAPI document's description of the key authentication (drf-spectacular extension)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class SleutelAuthenticatieSchema(OpenApiAuthenticationExtension):
    target_class = "wijkregie.api.authentication.SleutelAuthenticatie"
    name = "apiSleutel"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "wr_<kenmerk>_<geheim>",
            "description": "Een API-sleutel van de partnerorganisatie, gemaakt door de functioneel beheerder of met "
                           "`wijkregie api token`. Alleen geldig met de rechten (scopes) die erbij horen.",
        }
