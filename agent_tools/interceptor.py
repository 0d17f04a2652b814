"""A Gateway REQUEST interceptor that turns a verified sign-in token into trusted headers.

On an AgentCore Gateway no context key carries the caller's identity to a Lambda target: the
target sees only the request headers the target allowlists (``SessionAttr(...,
header="x-employee-id")`` reads them). Those headers come from the client unless something
in between replaces them. This interceptor is that something: for every MCP request it

1. verifies the bearer token's signature (RS256 against the issuer's JWKS), issuer,
   audience, expiry and any required claims;
2. removes every copy of the identity headers the client sent, whatever their case;
3. adds each identity header from its claim in the verified token.

A request without a valid token is answered at once (HTTP 401 with a JSON-RPC error) and
never reaches a target.

    from agent_tools.interceptor import IdentityInterceptor

    interceptor = IdentityInterceptor(
        issuer="https://cognito-idp.us-east-1.amazonaws.com/us-east-1_EXAMPLE",
        audience="the app client id",
        headers={"x-employee-id": "custom:employee_id", "x-hr-role": "custom:hr_role"},
    )
    lambda_handler = interceptor.lambda_handler

Needs PyJWT with its crypto extra (``pip install 'bedrock-agent-tools[interceptor]'``). It runs
in its own Lambda function, never in a tool Lambda, and nothing on a tool Lambda's import
path imports it.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import jwt

__all__ = ["IdentityInterceptor"]

logger = logging.getLogger("agent_tools.interceptor")

INPUT_VERSION = "1.0"
OUTPUT_VERSION = "1.0"
# JSON-RPC's "server error" range is for implementation-defined errors.
_UNAUTHORIZED_CODE = -32001
_UNAVAILABLE_CODE = -32002
_BAD_REQUEST_CODE = -32600
# The JWS algorithms that verify with a public key (RFC 7518 section 3.1; RFC 8037), in the
# case-sensitive spelling a token's "alg" header carries.
_ASYMMETRIC = frozenset(
    {
        "RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES256K", "ES384", "ES512", "EdDSA",
    }
)  # fmt: skip
_SIGN_IN = "Sign in again: the request has no valid sign-in token."
_UNAVAILABLE = "The sign-in could not be checked right now; try again shortly."
_NOT_A_REQUEST = "The gateway sent a request this interceptor cannot read."


class IdentityInterceptor:
    """Verify the caller's JWT and put the chosen claims into trusted request headers.

    Args:
        issuer: the token issuer (``iss``); for Cognito
            ``https://cognito-idp.<region>.amazonaws.com/<user pool id>``.
        audience: the accepted audience(s) (``aud``); for a Cognito ID token, the app client id.
        headers: header name -> claim name. Each header is removed from what the client sent
            and, when the verified token has the claim, set from it.
        jwks_url: where the signing keys are; defaults to ``<issuer>/.well-known/jwks.json``.
        jwks: the signing keys themselves (a JWKS document) instead of fetching them.
        required_claims: claims the token must carry with exactly these values, such as
            ``{"token_use": "id"}`` for a Cognito ID token.
        leeway: seconds of clock skew allowed on ``exp``, ``nbf`` and ``iat``.
        algorithms: the accepted signature algorithms (asymmetric only).
    """

    def __init__(
        self,
        *,
        issuer: str,
        audience: str | Sequence[str],
        headers: Mapping[str, str],
        jwks_url: str | None = None,
        jwks: Mapping[str, Any] | None = None,
        required_claims: Mapping[str, str] | None = None,
        leeway: float = 0,
        algorithms: Sequence[str] = ("RS256",),
    ) -> None:
        if not issuer:
            raise ValueError("IdentityInterceptor: issuer is empty; pass the token issuer URL")
        if not audience:
            raise ValueError("IdentityInterceptor: audience is empty; pass the app client id")
        if not headers:
            raise ValueError("IdentityInterceptor: headers is empty; map header names to claims")
        if isinstance(algorithms, str) or not algorithms or not set(algorithms) <= _ASYMMETRIC:
            raise ValueError(
                f"IdentityInterceptor: algorithms {algorithms!r} must be a list of asymmetric "
                f"signature algorithms, spelled as in JWS: {', '.join(sorted(_ASYMMETRIC))} "
                "(a key from a JWKS must not double as a shared secret; 'none' signs nothing)"
            )
        self.issuer = issuer.rstrip("/")
        self.audience = [audience] if isinstance(audience, str) else list(audience)
        self.headers = {name.lower(): claim for name, claim in headers.items()}
        self.jwks_url = jwks_url or f"{self.issuer}/.well-known/jwks.json"
        self.required_claims = dict(required_claims or {})
        self.leeway = leeway
        self.algorithms = list(algorithms)
        self._jwks = dict(jwks) if jwks is not None else None
        self._client: jwt.PyJWKClient | None = None

    def lambda_handler(self, event: Any, context: Any = None) -> dict[str, Any]:
        """The interceptor Lambda's handler: never raises, always answers the gateway."""
        try:
            return self._intercept(event)
        except Exception:
            logger.exception("identity interceptor failed")
            return _refusal(500, _UNAVAILABLE_CODE, _UNAVAILABLE, None)

    def verify(self, token: str) -> dict[str, Any]:
        """The verified claims of ``token``; raises ``jwt.PyJWTError`` if it is not valid."""
        import jwt

        key = self._signing_key(token)
        claims: dict[str, Any] = jwt.decode(
            token,
            key,
            algorithms=self.algorithms,
            audience=self.audience,
            issuer=self.issuer,
            leeway=self.leeway,
            options={"require": ["exp", "iss", "aud"]},
        )
        for name, expected in self.required_claims.items():
            if claims.get(name) != expected:
                raise jwt.InvalidTokenError(f"claim {name!r} is not {expected!r}")
        return claims

    # -- one request -----------------------------------------------------------------------

    def _intercept(self, event: Any) -> dict[str, Any]:
        import jwt

        request = _gateway_request(event)
        if request is None:
            logger.warning("interceptor input is not a gateway request")
            return _refusal(400, _BAD_REQUEST_CODE, _NOT_A_REQUEST, None)
        body = request.get("body")
        request_id = body.get("id") if isinstance(body, Mapping) else None
        raw_headers = request.get("headers")
        headers = dict(raw_headers) if isinstance(raw_headers, Mapping) else {}
        token = _bearer_token(headers)
        if token is None:
            logger.info("request refused: no bearer token")
            return _refusal(401, _UNAUTHORIZED_CODE, _SIGN_IN, request_id)
        try:
            claims = self.verify(token)
        except jwt.PyJWKClientConnectionError:
            logger.exception("signing keys could not be fetched from %s", self.jwks_url)
            return _refusal(503, _UNAVAILABLE_CODE, _UNAVAILABLE, request_id)
        except jwt.PyJWTError as error:
            logger.info("request refused: %s", type(error).__name__)
            return _refusal(401, _UNAUTHORIZED_CODE, _SIGN_IN, request_id)

        trusted = {
            name: value
            for name, value in headers.items()
            if not (isinstance(name, str) and name.lower() in self.headers)
        }
        for name, claim in self.headers.items():
            value = _header_value(claims.get(claim))
            if value is not None:
                trusted[name] = value
        return {
            "interceptorOutputVersion": OUTPUT_VERSION,
            "mcp": {"transformedGatewayRequest": {"headers": trusted, "body": body}},
        }

    def _signing_key(self, token: str) -> Any:
        import jwt

        if self._jwks is not None:
            keys = jwt.PyJWKSet.from_dict(self._jwks)
            kid = jwt.get_unverified_header(token).get("kid")
            for key in keys.keys:
                if key.key_id == kid:
                    return key.key
            raise jwt.InvalidTokenError("no signing key matches the token's kid")
        if self._client is None:
            self._client = jwt.PyJWKClient(self.jwks_url, cache_keys=True, timeout=5)
        return self._client.get_signing_key_from_jwt(token).key


def _gateway_request(event: Any) -> Mapping[str, Any] | None:
    if not isinstance(event, Mapping):
        return None
    mcp = event.get("mcp")
    request = mcp.get("gatewayRequest") if isinstance(mcp, Mapping) else None
    return request if isinstance(request, Mapping) else None


def _bearer_token(headers: Mapping[Any, Any]) -> str | None:
    for name, value in headers.items():
        if isinstance(name, str) and name.lower() == "authorization" and isinstance(value, str):
            scheme, _, token = value.strip().partition(" ")
            if scheme.lower() == "bearer" and token.strip():
                return token.strip()
    return None


def _header_value(claim: Any) -> str | None:
    """A claim as a header value: strings and integers only (never a list, never a bool)."""
    if isinstance(claim, bool):
        return None
    if isinstance(claim, int):
        return str(claim)
    if isinstance(claim, str) and claim and claim.isprintable():
        return claim
    return None


def _refusal(status: int, code: int, message: str, request_id: Any) -> dict[str, Any]:
    return {
        "interceptorOutputVersion": OUTPUT_VERSION,
        "mcp": {
            "transformedGatewayResponse": {
                "statusCode": status,
                "body": {
                    "jsonrpc": "2.0",
                    "id": request_id,
                    "error": {"code": code, "message": message},
                },
            }
        },
    }
