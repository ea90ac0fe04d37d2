package provider

import (
	"fmt"
	"net/url"
	"slices"
	"sort"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-testing/knownvalue"
	"github.com/hashicorp/terraform-plugin-testing/statecheck"
	"github.com/hashicorp/terraform-plugin-testing/terraform"
	"github.com/hashicorp/terraform-plugin-testing/tfjsonpath"
)

// Helpers of the data source acceptance tests: they compare what a data
// source put in state with the emulator's own rendering of the object.

// attributePath builds the path of one attribute of an object in state:
// at() for a data source's own attributes, at("customers", 3) for an
// element of a nested list.
func attributePath(steps ...any) func(string) tfjsonpath.Path {
	return func(name string) tfjsonpath.Path {
		if len(steps) == 0 {
			return tfjsonpath.New(name)
		}
		root, _ := steps[0].(string)
		p := tfjsonpath.New(root)
		for _, s := range steps[1:] {
			switch s := s.(type) {
			case int:
				p = p.AtSliceIndex(s)
			case string:
				p = p.AtMapKey(s)
			}
		}
		return p.AtMapKey(name)
	}
}

// expectedValue is what a data source must hold for a field the emulator
// renders as v: absent and empty strings are null; maps and lists of
// strings are exact; JSON numbers are integers.
func expectedValue(v any) knownvalue.Check {
	switch v := v.(type) {
	case nil:
		return knownvalue.Null()
	case string:
		if v == "" {
			return knownvalue.Null()
		}
		return knownvalue.StringExact(v)
	case bool:
		return knownvalue.Bool(v)
	case float64:
		return knownvalue.Int64Exact(int64(v))
	case map[string]any:
		m := map[string]knownvalue.Check{}
		for k, e := range v {
			m[k] = knownvalue.StringExact(fmt.Sprint(e))
		}
		return knownvalue.MapExact(m)
	case []any:
		l := make([]knownvalue.Check, len(v))
		for i, e := range v {
			l[i] = knownvalue.StringExact(fmt.Sprint(e))
		}
		return knownvalue.ListExact(l)
	}
	panic(fmt.Sprintf("no expected value for %T", v))
}

// expectObject checks every named attribute against the emulator's object.
func expectObject(addr string, at func(string) tfjsonpath.Path, obj map[string]any, attrs []string) []statecheck.StateCheck {
	checks := make([]statecheck.StateCheck, 0, len(attrs))
	for _, a := range attrs {
		checks = append(checks, statecheck.ExpectKnownValue(addr, at(a), expectedValue(obj[a])))
	}
	return checks
}

// attributeNames lists a schema's attributes, sorted, minus the excluded.
func attributeNames(attrs map[string]schema.Attribute, exclude ...string) []string {
	var names []string
	for name := range attrs {
		if !slices.Contains(exclude, name) {
			names = append(names, name)
		}
	}
	sort.Strings(names)
	return names
}

// idsAre checks a nested list holds exactly these objects, by id, in order.
func idsAre(addr, list string, ids []string) statecheck.StateCheck {
	elems := make([]knownvalue.Check, len(ids))
	for i, id := range ids {
		elems[i] = knownvalue.ObjectPartial(map[string]knownvalue.Check{"id": knownvalue.StringExact(id)})
	}
	return statecheck.ExpectKnownValue(addr, tfjsonpath.New(list), knownvalue.ListExact(elems))
}

// ids returns the "id" of each object.
func ids(objs []map[string]any) []string {
	out := make([]string, len(objs))
	for i, o := range objs {
		out[i], _ = o["id"].(string)
	}
	return out
}

// customerListReads checks the GET /customers calls since the last reset:
// each read of the list (a call without start_after, then the calls that
// follow its cursor) made exactly wantCalls calls, every one asking for
// limit wantLimit.
func (e *testEnv) customerListReads(wantCalls int, wantLimit string) func(*terraform.State) error {
	const path = "/customers"
	return func(*terraform.State) error {
		var reads [][]url.Values
		for _, r := range e.emu.ProcessOut.Requests() {
			if r.Method != "GET" || r.Path != path {
				continue
			}
			q, _ := url.ParseQuery(r.RawQuery)
			if q.Get("start_after") == "" {
				reads = append(reads, nil)
			}
			if len(reads) == 0 {
				return fmt.Errorf("a call to %s?%s follows a cursor no read started", path, r.RawQuery)
			}
			reads[len(reads)-1] = append(reads[len(reads)-1], q)
		}
		if len(reads) == 0 {
			return fmt.Errorf("no read of %s was made", path)
		}
		for i, calls := range reads {
			if len(calls) != wantCalls {
				return fmt.Errorf("read %d of %s made %d calls, want %d", i+1, path, len(calls), wantCalls)
			}
			for _, q := range calls {
				if q.Get("limit") != wantLimit {
					return fmt.Errorf("read %d of %s asked for limit=%s, want %s", i+1, path, q.Get("limit"), wantLimit)
				}
			}
		}
		return nil
	}
}
