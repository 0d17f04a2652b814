"""The Gateway REQUEST interceptor: only a verified token's claims become identity headers.

Keys are made here (RSA 2048); the JWKS is served from memory and, once, over a real HTTP
server on loopback, so PyJWT's own key client does the fetching.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import http.server
import json
import threading
import time
from collections.abc import Iterator
from typing import Any

import jwt
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from agent_tools.interceptor import IdentityInterceptor

ISSUER = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_Example"
CLIENT = "hr-client-id"
HEADERS = {"x-employee-id": "custom:employee_id", "x-hr-role": "custom:hr_role"}
KID = "key-1"


def make_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=2048)


KEY = make_key()
OTHER_KEY = make_key()


def jwks(key: rsa.RSAPrivateKey = KEY, kid: str = KID) -> dict[str, Any]:
    public = json.loads(jwt.algorithms.RSAAlgorithm.to_jwk(key.public_key()))
    return {"keys": [{**public, "kid": kid, "use": "sig", "alg": "RS256"}]}


def token(key: Any = KEY, *, algorithm: str = "RS256", kid: str = KID, **overrides: Any) -> str:
    now = int(time.time())
    claims = {
        "iss": ISSUER,
        "aud": CLIENT,
        "sub": "7c1d-example",
        "token_use": "id",
        "iat": now,
        "exp": now + 600,
        "custom:employee_id": "2",
        "custom:hr_role": "employee",
    }
    claims.update(overrides)
    claims = {name: value for name, value in claims.items() if value is not None}
    return jwt.encode(claims, key, algorithm=algorithm, headers={"kid": kid})


def request(headers: dict[str, Any] | None = None, body: Any = None) -> dict[str, Any]:
    return {
        "interceptorInputVersion": "1.0",
        "mcp": {
            "rawGatewayRequest": {"body": "{}"},
            "gatewayRequest": {
                "path": "/mcp",
                "httpMethod": "POST",
                "headers": headers if headers is not None else {},
                "body": body
                if body is not None
                else {
                    "jsonrpc": "2.0",
                    "id": 7,
                    "method": "tools/call",
                    "params": {"name": "VacationTools___get_available_vacation_days"},
                },
            },
        },
    }


@pytest.fixture
def interceptor() -> IdentityInterceptor:
    return IdentityInterceptor(
        issuer=ISSUER,
        audience=CLIENT,
        headers=HEADERS,
        jwks=jwks(),
        required_claims={"token_use": "id"},
    )


def forwarded(answer: dict[str, Any]) -> dict[str, Any]:
    assert answer["interceptorOutputVersion"] == "1.0"
    assert "transformedGatewayResponse" not in answer["mcp"], answer
    return dict(answer["mcp"]["transformedGatewayRequest"])


def refused(answer: dict[str, Any], status: int) -> dict[str, Any]:
    assert answer["interceptorOutputVersion"] == "1.0"
    assert "transformedGatewayRequest" not in answer["mcp"], answer
    response = answer["mcp"]["transformedGatewayResponse"]
    assert response["statusCode"] == status
    body = response["body"]
    assert body["jsonrpc"] == "2.0"
    assert isinstance(body["error"]["code"], int)
    assert body["error"]["message"]
    return dict(body)


def test_verified_claims_become_the_headers(interceptor: IdentityInterceptor) -> None:
    event = request({"Authorization": f"Bearer {token()}", "Accept": "application/json"})
    out = forwarded(interceptor.lambda_handler(event, None))
    assert out["headers"]["x-employee-id"] == "2"
    assert out["headers"]["x-hr-role"] == "employee"
    assert out["headers"]["Accept"] == "application/json"
    assert out["body"] == event["mcp"]["gatewayRequest"]["body"]


def test_client_copies_of_the_identity_headers_are_removed(
    interceptor: IdentityInterceptor,
) -> None:
    spoofed = {
        "authorization": f"bearer {token(**{'custom:hr_role': None})}",
        "X-Employee-Id": "1",
        "x-employee-id": "1",
        "X-HR-ROLE": "hr_admin",
    }
    out = forwarded(interceptor.lambda_handler(request(spoofed), None))
    identity = {
        name: value for name, value in out["headers"].items() if name.lower() != "authorization"
    }
    # The token has no role claim: no role header at all, and never the client's hr_admin.
    assert identity == {"x-employee-id": "2"}


def test_integer_claims_are_sent_as_text_and_odd_claims_are_dropped(
    interceptor: IdentityInterceptor,
) -> None:
    odd = token(**{"custom:employee_id": 42, "custom:hr_role": ["hr_admin"]})
    out = forwarded(interceptor.lambda_handler(request({"Authorization": f"Bearer {odd}"})))
    assert out["headers"]["x-employee-id"] == "42"
    assert "x-hr-role" not in out["headers"]


@pytest.mark.parametrize(
    ("case", "bearer"),
    [
        ("signed by another key", token(OTHER_KEY)),
        ("expired", token(exp=int(time.time()) - 60)),
        ("another audience", token(aud="someone-else")),
        ("another issuer", token(iss="https://issuer.example.com")),
        ("an access token", token(token_use="access")),
        ("no expiry", token(exp=None)),
        ("an unknown key id", token(kid="key-2")),
        ("not a JWT", "not.a.token"),
        ("unsigned", jwt.encode({"iss": ISSUER, "aud": CLIENT}, None, algorithm="none")),
    ],
)
def test_invalid_tokens_are_refused(
    interceptor: IdentityInterceptor, case: str, bearer: str
) -> None:
    body = refused(interceptor.lambda_handler(request({"Authorization": f"Bearer {bearer}"})), 401)
    assert body["id"] == 7, case
    assert "Sign in" in body["error"]["message"]
    assert bearer not in json.dumps(body)


def test_a_public_key_used_as_an_hmac_secret_is_refused(interceptor: IdentityInterceptor) -> None:
    # Algorithm confusion: HS256 keyed with the RSA public key, which anyone can download.
    from cryptography.hazmat.primitives import serialization

    pem = KEY.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    claims = {"iss": ISSUER, "aud": CLIENT, "exp": int(time.time()) + 60, "token_use": "id"}
    parts = [
        _b64(json.dumps({"alg": "HS256", "typ": "JWT", "kid": KID}).encode()),
        _b64(json.dumps({**claims, "custom:employee_id": "1"}).encode()),
    ]
    signature = hmac.new(pem, ".".join(parts).encode(), hashlib.sha256).digest()
    forged = ".".join([*parts, _b64(signature)])
    refused(interceptor.lambda_handler(request({"Authorization": f"Bearer {forged}"})), 401)
    with pytest.raises(ValueError, match="asymmetric"):
        IdentityInterceptor(issuer=ISSUER, audience=CLIENT, headers=HEADERS, algorithms=["HS256"])


@pytest.mark.parametrize("algorithms", [["none"], ["RS256", "none"], ["rs256"], "RS256", []])
def test_algorithms_that_could_never_verify_a_token_are_refused_when_built(
    algorithms: Any,
) -> None:
    # Each of these would otherwise answer every caller "sign in again" (or, as a plain
    # string, accept "R", "S", "2"... as algorithm names), with nothing telling the developer.
    with pytest.raises(ValueError, match=r"algorithms .* must be a list of asymmetric"):
        IdentityInterceptor(
            issuer=ISSUER, audience=CLIENT, headers=HEADERS, jwks=jwks(), algorithms=algorithms
        )


@pytest.mark.parametrize("algorithms", [["RS256"], ("RS256", "PS256")])
def test_asymmetric_algorithms_are_accepted(algorithms: Any) -> None:
    interceptor = IdentityInterceptor(
        issuer=ISSUER, audience=CLIENT, headers=HEADERS, jwks=jwks(), algorithms=algorithms
    )
    claims = interceptor.verify(token())
    assert claims["sub"] == "7c1d-example"


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": "Basic dXNlcjpwYXNz"},
        {"Authorization": "Bearer "},
        {"Authorization": 12},
        {"Authorization": ["Bearer x"]},
    ],
)
def test_requests_without_a_bearer_token_are_refused(
    interceptor: IdentityInterceptor, headers: dict[str, Any]
) -> None:
    refused(interceptor.lambda_handler(request(headers)), 401)


@pytest.mark.parametrize(
    "event",
    [None, [], "text", 3, {}, {"mcp": None}, {"mcp": {"gatewayRequest": "x"}}],
)
def test_unreadable_input_gets_an_answer(interceptor: IdentityInterceptor, event: Any) -> None:
    body = refused(interceptor.lambda_handler(event, None), 400)
    assert body["id"] is None


def test_headers_that_are_not_a_mapping_are_treated_as_absent(
    interceptor: IdentityInterceptor,
) -> None:
    event = request()
    event["mcp"]["gatewayRequest"]["headers"] = ["Authorization", "Bearer x"]
    refused(interceptor.lambda_handler(event), 401)


def test_configuration_mistakes_name_the_fix() -> None:
    with pytest.raises(ValueError, match="issuer"):
        IdentityInterceptor(issuer="", audience=CLIENT, headers=HEADERS)
    with pytest.raises(ValueError, match="audience"):
        IdentityInterceptor(issuer=ISSUER, audience=[], headers=HEADERS)
    with pytest.raises(ValueError, match="headers"):
        IdentityInterceptor(issuer=ISSUER, audience=CLIENT, headers={})


class _Keys(http.server.BaseHTTPRequestHandler):
    document = b""
    requests = 0

    def do_GET(self) -> None:
        type(self).requests += 1
        if self.path != "/pool/.well-known/jwks.json":
            self.send_error(404)
            return
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(self.document)

    def log_message(self, *args: Any) -> None:
        return


@pytest.fixture
def key_server() -> Iterator[str]:
    _Keys.document = json.dumps(jwks()).encode()
    _Keys.requests = 0
    server = http.server.HTTPServer(("127.0.0.1", 0), _Keys)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/pool"
    finally:
        server.shutdown()
        server.server_close()


def test_keys_are_fetched_from_the_issuer_once(key_server: str) -> None:
    interceptor = IdentityInterceptor(issuer=key_server, audience=CLIENT, headers=HEADERS)
    for _ in range(3):
        bearer = token(iss=key_server)
        out = forwarded(interceptor.lambda_handler(request({"Authorization": f"Bearer {bearer}"})))
        assert out["headers"]["x-employee-id"] == "2"
    assert _Keys.requests == 1
    forged = token(OTHER_KEY, iss=key_server)
    refused(interceptor.lambda_handler(request({"Authorization": f"Bearer {forged}"})), 401)


def test_unreachable_keys_are_a_temporary_failure_not_a_sign_in_error() -> None:
    interceptor = IdentityInterceptor(
        issuer="http://127.0.0.1:9/pool", audience=CLIENT, headers=HEADERS
    )
    bearer = token(iss="http://127.0.0.1:9/pool")
    body = refused(interceptor.lambda_handler(request({"Authorization": f"Bearer {bearer}"})), 503)
    assert "try again" in body["error"]["message"]
