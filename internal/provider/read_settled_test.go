package provider

import (
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"
)

func TestCreatedWithin(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	for _, tc := range []struct {
		createdAt types.String
		want      bool
	}{
		{types.StringValue("2026-01-02T03:04:00Z"), true},
		{types.StringValue("2026-01-02T03:10:00Z"), true}, // a clock ahead of ours
		{types.StringValue("2026-01-02T03:03:05Z"), false},
		{types.StringValue("2026-01-02T03:04:04.999999999Z"), true},
		{types.StringValue("not a time"), false},
		{types.StringNull(), true}, // an import's first read
		{types.StringUnknown(), true},
	} {
		if got := createdWithin(tc.createdAt, time.Minute, now); got != tc.want {
			t.Errorf("createdWithin(%v) = %v, want %v", tc.createdAt, got, tc.want)
		}
	}
}
