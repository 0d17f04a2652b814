"""The HR Gateway's REQUEST interceptor: the signed-in employee's id, from the token.

Deployed by template.yaml (``sample_tools.gateway_interceptor.lambda_handler``) in a Lambda
function of its own. It verifies the caller's sign-in token and sets the headers the tools
read their identity from (``x-employee-id``; see ``sample_tools.hr``), dropping any copies the
client sent. Whether the employee administers HR is the store's record, never the token's.
Configured by the environment:

- ``HR_TOKEN_ISSUER``: the token issuer (the Cognito user pool's URL);
- ``HR_TOKEN_AUDIENCE``: the accepted audience(s), comma-separated (the app client id);
- ``HR_JWKS_URL``: where the signing keys are (default: the issuer's ``/.well-known/jwks.json``);
- ``HR_TOKEN_USE``: the required ``token_use`` claim (``id`` for Cognito ID tokens; empty
  for issuers without one);
- ``HR_EMPLOYEE_ID_CLAIM``: the claim that carries the employee id (default
  ``custom:employee_id``).
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from typing import Any

from agent_tools.interceptor import IdentityInterceptor

__all__ = ["EMPLOYEE_ID_HEADER", "interceptor_from", "lambda_handler"]

EMPLOYEE_ID_HEADER = "x-employee-id"


def interceptor_from(environment: Mapping[str, str]) -> IdentityInterceptor:
    """The interceptor as ``environment`` configures it (see the module's docstring)."""
    for name in ("HR_TOKEN_ISSUER", "HR_TOKEN_AUDIENCE"):
        if not environment.get(name, "").strip():
            raise ValueError(f"{name} is not set: the interceptor cannot check sign-in tokens")
    token_use = environment.get("HR_TOKEN_USE", "id")
    audience = [item.strip() for item in environment.get("HR_TOKEN_AUDIENCE", "").split(",")]
    return IdentityInterceptor(
        issuer=environment["HR_TOKEN_ISSUER"].strip(),
        audience=[item for item in audience if item],
        jwks_url=environment.get("HR_JWKS_URL") or None,
        headers={
            EMPLOYEE_ID_HEADER: environment.get("HR_EMPLOYEE_ID_CLAIM", "custom:employee_id"),
        },
        required_claims={"token_use": token_use} if token_use else None,
    )


_interceptor: IdentityInterceptor | None = None


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """Entry point of the interceptor Lambda; the signing keys stay cached while it is warm."""
    global _interceptor
    if _interceptor is None:
        _interceptor = interceptor_from(os.environ)
    return _interceptor.lambda_handler(event, context)
