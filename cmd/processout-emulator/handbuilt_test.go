package main

import (
	"bytes"
	"context"
	"io"
	"strings"
	"testing"
)

func TestSeedHandBuiltFlag(t *testing.T) {
	o, err := parseFlags([]string{"-seed-handbuilt"}, io.Discard)
	if err != nil || !o.seedHandBuilt {
		t.Fatalf("-seed-handbuilt: %+v, %v", o, err)
	}
	if o, _ := parseFlags(nil, io.Discard); o.seedHandBuilt {
		t.Fatal("seeded a hand-built project by default")
	}

	ctx, cancel := context.WithCancel(context.Background())
	var stderr bytes.Buffer
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"-processout-addr", "127.0.0.1:0", "-membrane-addr", "127.0.0.1:0", "-customers", "0", "-seed-handbuilt"},
			io.Discard, &stderr)
	}()
	cancel() // run prints its summary once listening, cancelled or not
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"hand-built seed: 12 gateway configurations, 5 webhook endpoints, 1 supervised project(s), 4 products, 1 SFTP settings (23 objects to adopt)",
		"hand-built supervised project proj_"} {
		if !strings.Contains(stderr.String(), want) {
			t.Errorf("the summary lacks %q:\n%s", want, stderr.String())
		}
	}
}
