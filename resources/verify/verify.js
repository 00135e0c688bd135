// Verifies one delivery of a Daily webhook (https://docs.daily.co/reference/rest-api/webhooks).
// Daily signs "<X-Webhook-Timestamp>.<raw body>" with HMAC-SHA256, keyed with the webhook's base64-decoded
// hmac secret, and sends the standard base64 of the MAC in X-Webhook-Signature.
//
//   rawBody          the request body exactly as received: a Buffer (e.g. express.raw({type: '*/*'})),
//                    never JSON.stringify(req.body), which may differ from the bytes Daily signed
//   timestampHeader  the X-Webhook-Timestamp value exactly as received (seconds or milliseconds)
//   signatureHeader  the X-Webhook-Signature value
//   secretBase64     the webhook's hmac secret, as Daily shows it (base64)
//   toleranceSeconds refuse deliveries whose timestamp is further than this from now; 0 skips the check
//   nowMs            the current time in milliseconds (for tests)
const crypto = require('crypto');

function verifyDailyWebhook(rawBody, timestampHeader, signatureHeader, secretBase64,
                            toleranceSeconds = 300, nowMs = Date.now()) {
  if (typeof timestampHeader !== 'string' || typeof signatureHeader !== 'string' ||
      timestampHeader === '' || signatureHeader === '') {
    return false;
  }
  const key = Buffer.from(secretBase64, 'base64');
  const body = Buffer.isBuffer(rawBody) ? rawBody : Buffer.from(rawBody, 'utf8');
  const expected = crypto.createHmac('sha256', key)
    .update(Buffer.from(timestampHeader + '.', 'utf8'))
    .update(body)
    .digest('base64');
  const a = Buffer.from(expected, 'utf8');
  const b = Buffer.from(signatureHeader, 'utf8');
  // timingSafeEqual needs equal lengths; a length says nothing about the MAC.
  if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) {
    return false;
  }
  if (toleranceSeconds > 0) {
    const value = Number(timestampHeader);
    if (!Number.isFinite(value)) {
      return false;
    }
    // The unit is not documented: above 1e11 it can only be milliseconds.
    const ms = value > 1e11 ? value : value * 1000;
    if (Math.abs(nowMs - ms) > toleranceSeconds * 1000) {
      return false;
    }
  }
  return true;
}

module.exports = { verifyDailyWebhook };
