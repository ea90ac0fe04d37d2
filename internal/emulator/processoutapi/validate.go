package processoutapi

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/mail"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// input reads the fields of a create or update body and collects every
// validation failure, so that one 400 answer names all invalid fields.
// Per CONTRACT.md §9, a JSON null means "not provided", exactly like an absent
// key; unknown keys (including the options SDKs echo into bodies) are ignored.
type input struct {
	m    map[string]any
	errs []fieldError
}

type fieldError struct {
	code    string // suffix of request.validation.<code>
	name    string
	message string
}

func newInput(body map[string]any) *input {
	if body == nil {
		body = map[string]any{}
	}
	return &input{m: body}
}

func (in *input) fail(code, name, message string) {
	in.errs = append(in.errs, fieldError{code: code, name: name, message: message})
}

// err is nil when every field was valid; otherwise a 400 whose error_type is
// the first failure's code and whose message joins every field message.
func (in *input) err() *apiError {
	if len(in.errs) == 0 {
		return nil
	}
	e := &apiError{status: http.StatusBadRequest, typ: "request.validation." + in.errs[0].code, fields: []invalidField{}}
	msgs := make([]string, 0, len(in.errs))
	for _, f := range in.errs {
		e.fields = append(e.fields, invalidField{Name: f.name, Message: f.message})
		msgs = append(msgs, f.message)
	}
	e.message = strings.Join(msgs, " ")
	return e
}

func (in *input) get(name string) (any, bool) {
	v, ok := in.m[name]
	return v, ok && v != nil
}

func (in *input) str(name, code string) (string, bool) {
	v, ok := in.get(name)
	if !ok {
		return "", false
	}
	s, isString := v.(string)
	if !isString {
		in.fail(code, name, fmt.Sprintf("The %s must be a string.", name))
		return "", false
	}
	return s, true
}

// setText stores a provided free-text field, "" included (it is kept as "":
// what a client writes is what it reads back). check runs on non-empty
// values; invalid is the message when it fails.
func (in *input) setText(dst **string, name, code string, maxLen int, check func(string) bool, invalid string) {
	s, ok := in.str(name, code)
	if !ok {
		return
	}
	if maxLen > 0 && utf8.RuneCountInString(s) > maxLen {
		in.fail(code, name, fmt.Sprintf("The %s must not exceed %d characters.", name, maxLen))
		return
	}
	if s != "" && check != nil && !check(s) {
		in.fail(code, name, invalid)
		return
	}
	*dst = &s
}

// setCode stores a provided code-valued field (currency, country, region,
// sex…). An empty string clears it (rendered as null).
func (in *input) setCode(dst **string, name, code string, check func(string) bool, invalid string) {
	s, ok := in.str(name, code)
	if !ok {
		return
	}
	if s == "" {
		*dst = nil
		return
	}
	if !check(s) {
		in.fail(code, name, invalid)
		return
	}
	*dst = &s
}

func (in *input) setCurrency(dst **string, name string) {
	in.setCode(dst, name, "invalid-currency", validCurrency,
		fmt.Sprintf("The %s must be a valid ISO 4217 currency code with 3 characters.", name))
}

func (in *input) boolean(name, code string) (bool, bool) {
	v, ok := in.get(name)
	if !ok {
		return false, false
	}
	b, isBool := v.(bool)
	if !isBool {
		in.fail(code, name, fmt.Sprintf("The %s must be a boolean.", name))
		return false, false
	}
	return b, true
}

func (in *input) integer(name, code string) (int64, bool) {
	v, ok := in.get(name)
	if !ok {
		return 0, false
	}
	if n, isNumber := v.(json.Number); isNumber {
		if i, err := n.Int64(); err == nil {
			return i, true
		}
	}
	in.fail(code, name, fmt.Sprintf("The %s must be an integer.", name))
	return 0, false
}

// strMap reads a string→string object (metadata, settings…).
func (in *input) strMap(name, code string) (map[string]string, bool) {
	v, ok := in.get(name)
	if !ok {
		return nil, false
	}
	obj, isObject := v.(map[string]any)
	if !isObject {
		in.fail(code, name, fmt.Sprintf("The %s must be an object of string values.", name))
		return nil, false
	}
	out := make(map[string]string, len(obj))
	valid := true
	for k, val := range obj {
		s, isString := val.(string)
		switch {
		case k == "":
			in.fail(code, name, fmt.Sprintf("The %s keys must not be empty.", name))
			valid = false
		case !isString:
			in.fail(code, name+"."+k, fmt.Sprintf("The %s value for %q must be a string.", name, k))
			valid = false
		default:
			out[k] = s
		}
	}
	return out, valid
}

// strList reads an array of strings.
func (in *input) strList(name, code string) ([]string, bool) {
	v, ok := in.get(name)
	if !ok {
		return nil, false
	}
	arr, isArray := v.([]any)
	if !isArray {
		in.fail(code, name, fmt.Sprintf("The %s must be an array of strings.", name))
		return nil, false
	}
	out := make([]string, 0, len(arr))
	for i, val := range arr {
		s, isString := val.(string)
		if !isString {
			in.fail(code, fmt.Sprintf("%s[%d]", name, i), fmt.Sprintf("The %s entries must be strings.", name))
			return nil, false
		}
		out = append(out, s)
	}
	return out, true
}

// timestamp reads a date input: RFC 3339 (any precision), RFC 1123, or a
// plain YYYY-MM-DD date (CONTRACT.md §10: "RFC1123 date or timestamp").
// empty reports a provided "" (which clears the field).
func (in *input) timestamp(name, code string) (t time.Time, ok, empty bool) {
	s, provided := in.str(name, code)
	if !provided {
		return time.Time{}, false, false
	}
	if s == "" {
		return time.Time{}, false, true
	}
	if t, err := parseTimestamp(s); err == nil {
		return t, true, false
	}
	in.fail(code, name, fmt.Sprintf("The %s must be an RFC 3339 timestamp or an RFC 1123 date.", name))
	return time.Time{}, false, false
}

func utcPtr(t *time.Time) *time.Time {
	if t == nil {
		return nil
	}
	u := t.UTC()
	return &u
}

func parseTimestamp(s string) (time.Time, error) {
	var err error
	for _, layout := range []string{time.RFC3339Nano, time.RFC1123Z, time.RFC1123, time.DateOnly} {
		var t time.Time
		if t, err = time.Parse(layout, s); err == nil {
			return t.UTC(), nil
		}
	}
	return time.Time{}, err
}

func validEmail(s string) bool {
	if len(s) > 254 || strings.ContainsAny(s, " \t\r\n<>") {
		return false
	}
	addr, err := mail.ParseAddress(s)
	if err != nil || addr.Address != s {
		return false
	}
	at := strings.LastIndexByte(s, '@')
	domain := s[at+1:]
	return at > 0 && strings.Contains(domain, ".") && !strings.HasPrefix(domain, ".") && !strings.HasSuffix(domain, ".")
}

// validHTTPURL: an absolute http or https URL with a host, at most 2048 bytes.
func validHTTPURL(s string) bool {
	if len(s) > 2048 || strings.ContainsAny(s, " \t\r\n") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	scheme := strings.ToLower(u.Scheme)
	return (scheme == "http" || scheme == "https") && u.Hostname() != "" && u.Opaque == ""
}

func validIP(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

var (
	decimalPattern = regexp.MustCompile(`^-?[0-9]{1,15}(\.[0-9]{1,4})?$`)
	digitsPattern  = regexp.MustCompile(`^[0-9]+$`)
	// caller-supplied ids: letters, digits, "_" and "-", at most 128.
	idPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)
)

// validReferenceID: at most 80 characters, printable ASCII 33–126 only.
func validReferenceID(s string) bool {
	if len(s) > 80 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < 33 || s[i] > 126 {
			return false
		}
	}
	return true
}

// normalizePhone applies "a leading + is treated as 00".
func normalizePhone(s string) string {
	if strings.HasPrefix(s, "+") {
		return "00" + s[1:]
	}
	return s
}
