package membraneapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"sort"
	"strings"
)

// validateInput checks input against the top level of a JSON-Schema-like
// object schema: "required" keys must be present and not null, and present
// properties must match their "type". Extra properties are ignored, as on
// Membrane. A nil schema accepts anything.
func validateInput(schema map[string]any, input map[string]any) error {
	if schema == nil {
		return nil
	}
	var problems []string
	for _, name := range requiredOf(schema) {
		if input[name] == nil {
			problems = append(problems, name+" is required")
		}
	}
	props, _ := schema["properties"].(map[string]any)
	names := make([]string, 0, len(input))
	for name := range input {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		prop, _ := props[name].(map[string]any)
		want, _ := prop["type"].(string)
		if v := input[name]; v != nil && want != "" && !hasType(v, want) {
			problems = append(problems, fmt.Sprintf("%s must be of type %s", name, want))
		}
	}
	if len(problems) == 0 {
		return nil
	}
	ae := newActionError(http.StatusBadRequest, errInvalidInput, "Invalid action input: %s", strings.Join(problems, "; "))
	ae.Data = map[string]any{"errors": problems}
	return ae
}

func requiredOf(schema map[string]any) []string {
	switch req := schema["required"].(type) {
	case []string:
		return req
	case []any:
		out := make([]string, 0, len(req))
		for _, v := range req {
			if s, ok := v.(string); ok {
				out = append(out, s)
			}
		}
		return out
	}
	return nil
}

// hasType reports whether a decoded JSON value (numbers as json.Number, or
// Go numbers from in-process callers) has the JSON Schema type.
func hasType(v any, typ string) bool {
	switch typ {
	case "string":
		_, ok := v.(string)
		return ok
	case "boolean":
		_, ok := v.(bool)
		return ok
	case "object":
		_, ok := v.(map[string]any)
		return ok
	case "array":
		_, ok := v.([]any)
		return ok
	case "integer":
		switch n := v.(type) {
		case json.Number:
			_, err := n.Int64()
			return err == nil
		case int, int32, int64:
			return true
		case float64:
			return n == float64(int64(n))
		}
		return false
	case "number":
		switch v.(type) {
		case json.Number, int, int32, int64, float64:
			return true
		}
		return false
	}
	return true
}
