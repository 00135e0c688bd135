package dailywebhook

// Runs VerifyDailyWebhook against the vectors file named by DW_VERIFY_VECTORS (tests/verify/vectors.json).

import (
	"encoding/json"
	"os"
	"testing"
	"time"
)

type vectorCase struct {
	Name             string  `json:"name"`
	Secret           string  `json:"secret"`
	Timestamp        string  `json:"timestamp"`
	Body             string  `json:"body"`
	Signature        string  `json:"signature"`
	ToleranceSeconds float64 `json:"toleranceSeconds"`
	NowMs            int64   `json:"nowMs"`
	Valid            bool    `json:"valid"`
}

func TestVectors(t *testing.T) {
	data, err := os.ReadFile(os.Getenv("DW_VERIFY_VECTORS"))
	if err != nil {
		t.Fatal(err)
	}
	var file struct {
		Cases []vectorCase `json:"cases"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) == 0 {
		t.Fatal("no cases")
	}
	for _, c := range file.Cases {
		tolerance := time.Duration(c.ToleranceSeconds * float64(time.Second))
		got := VerifyDailyWebhook([]byte(c.Body), c.Timestamp, c.Signature, c.Secret, tolerance, time.UnixMilli(c.NowMs))
		if got != c.Valid {
			t.Errorf("%s: got %v, want %v", c.Name, got, c.Valid)
		}
	}
}
