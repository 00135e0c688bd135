// Verifies one delivery of a Daily webhook (https://docs.daily.co/reference/rest-api/webhooks).
// Daily signs "<X-Webhook-Timestamp>.<raw body>" with HMAC-SHA256, keyed with the webhook's base64-decoded
// hmac secret, and sends the standard base64 of the MAC in X-Webhook-Signature.
package dailywebhook

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"math"
	"strconv"
	"time"
)

// VerifyDailyWebhook reports whether a delivery is signed with the secret and, when tolerance > 0, whether its
// timestamp lies within tolerance of now.
//
//	rawBody          the request body exactly as received (io.ReadAll(r.Body)), never re-encoded JSON
//	timestampHeader  the X-Webhook-Timestamp value exactly as received (seconds or milliseconds)
//	signatureHeader  the X-Webhook-Signature value
//	secretBase64     the webhook's hmac secret, as Daily shows it (base64)
//	tolerance        e.g. 5 * time.Minute; 0 skips the freshness check
//	now              time.Now(), or a fixed time in tests
func VerifyDailyWebhook(rawBody []byte, timestampHeader, signatureHeader, secretBase64 string,
	tolerance time.Duration, now time.Time) bool {
	if timestampHeader == "" || signatureHeader == "" {
		return false
	}
	key, err := base64.StdEncoding.DecodeString(secretBase64)
	if err != nil {
		return false
	}
	mac := hmac.New(sha256.New, key)
	mac.Write([]byte(timestampHeader + "."))
	mac.Write(rawBody)
	expected := base64.StdEncoding.EncodeToString(mac.Sum(nil))
	if !hmac.Equal([]byte(expected), []byte(signatureHeader)) {
		return false
	}
	if tolerance > 0 {
		value, err := strconv.ParseFloat(timestampHeader, 64)
		if err != nil {
			return false
		}
		// The unit is not documented: above 1e11 it can only be milliseconds.
		ms := value
		if value <= 1e11 {
			ms = value * 1000
		}
		if math.Abs(float64(now.UnixMilli())-ms) > float64(tolerance.Milliseconds()) {
			return false
		}
	}
	return true
}
