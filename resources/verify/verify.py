# Verifies one delivery of a Daily webhook (https://docs.daily.co/reference/rest-api/webhooks).
# Daily signs "<X-Webhook-Timestamp>.<raw body>" with HMAC-SHA256, keyed with the webhook's base64-decoded
# hmac secret, and sends the standard base64 of the MAC in X-Webhook-Signature.
#
#   raw_body           the request body exactly as received, as bytes (e.g. Flask's request.get_data()),
#                      never json.dumps(request.json), which may differ from the bytes Daily signed
#   timestamp_header   the X-Webhook-Timestamp value exactly as received (seconds or milliseconds)
#   signature_header   the X-Webhook-Signature value
#   secret_base64      the webhook's hmac secret, as Daily shows it (base64)
#   tolerance_seconds  refuse deliveries whose timestamp is further than this from now; 0 skips the check
#   now                the current time in seconds (for tests)
import base64
import binascii
import hashlib
import hmac
import time
from typing import Optional


def verify_daily_webhook(raw_body: bytes, timestamp_header: str, signature_header: str, secret_base64: str,
                         tolerance_seconds: float = 300, now: Optional[float] = None) -> bool:
    if not timestamp_header or not signature_header:
        return False
    try:
        key = base64.b64decode(secret_base64, validate=True)
    except (binascii.Error, ValueError):
        return False
    message = timestamp_header.encode("utf-8") + b"." + raw_body
    expected = base64.b64encode(hmac.new(key, message, hashlib.sha256).digest())
    if not hmac.compare_digest(expected, signature_header.encode("utf-8")):
        return False
    if tolerance_seconds > 0:
        try:
            value = float(timestamp_header)
        except ValueError:
            return False
        # The unit is not documented: above 1e11 it can only be milliseconds.
        seconds = value / 1000 if value > 1e11 else value
        current = time.time() if now is None else now
        if abs(current - seconds) > tolerance_seconds:
            return False
    return True
