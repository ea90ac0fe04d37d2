package processout

import (
	"encoding/json"
	"reflect"
	"strings"
	"sync"
)

// A list may answer a summary of each object rather than the object its GET
// answers (the emulator's ListsOmitFields reading, CONTRACT.md §19). A
// field missing from a list item must not be read as empty: a webhook
// endpoint without events_whitelist would read as one that takes every
// event. So an item is whole only when it carries every field of the
// client's model (present, even as null), and an item that is not is read
// with its own GET by whoever needs it whole.

// modelKeysCache holds modelKeys per model type.
var modelKeysCache sync.Map // reflect.Type → []string

// modelKeys are the JSON names of T's fields: what an item must carry to be
// decoded into T whole.
func modelKeys[T any]() []string {
	t := reflect.TypeFor[T]()
	if cached, ok := modelKeysCache.Load(t); ok {
		if keys, ok := cached.([]string); ok {
			return keys
		}
	}
	var keys []string
	for f := range t.Fields() {
		name, _, _ := strings.Cut(f.Tag.Get("json"), ",")
		if f.IsExported() && name != "-" && name != "" {
			keys = append(keys, name)
		}
	}
	modelKeysCache.Store(t, keys)
	return keys
}

// decodeItems decodes a list's items into page. With keys, each item is
// first read as its set of fields, and page.Partial marks the items that
// lack one of keys.
func decodeItems[T any](raw json.RawMessage, keys []string, page *Page[T]) error {
	if keys == nil {
		return json.Unmarshal(raw, &page.Items)
	}
	var items []json.RawMessage
	if err := json.Unmarshal(raw, &items); err != nil {
		return err
	}
	page.Items = make([]T, len(items))
	page.Partial = make([]bool, len(items))
	for i, item := range items {
		var fields map[string]json.RawMessage
		if err := json.Unmarshal(item, &fields); err != nil {
			return err
		}
		page.Partial[i] = lacksAny(fields, keys)
		if err := json.Unmarshal(item, &page.Items[i]); err != nil {
			return err
		}
	}
	return nil
}

// lacksAny reports whether fields lacks one of keys.
func lacksAny(fields map[string]json.RawMessage, keys []string) bool {
	for _, k := range keys {
		if _, ok := fields[k]; !ok {
			return true
		}
	}
	return false
}
