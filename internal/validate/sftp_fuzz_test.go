package validate

import (
	"encoding/base64"
	"net"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzCheckSFTPEndpoint: an endpoint the provider accepts is the host:port
// ProcessOut asks for: it splits into a host and a port from 1 to 65535.
func FuzzCheckSFTPEndpoint(f *testing.F) {
	for _, s := range []string{
		"sftp.example.com:22", "[2001:db8::1]:2222", "10.0.0.1:22", "sftp.example.com", "sftp://sftp.example.com:22",
		":22", "sftp.example.com:0", "sftp.example.com:65536", "sftp.example.com:ssh", "2001:db8::1:22", "a b:22", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) || CheckSFTPEndpoint(s) != nil {
			return
		}
		host, port, err := net.SplitHostPort(s)
		n, perr := strconv.Atoi(port)
		if err != nil || host == "" || perr != nil || n < 1 || n > 65535 {
			t.Fatalf("%q accepted, but it is not host:port with a port from 1 to 65535", s)
		}
	})
}

// FuzzCheckBase64PrivateKey: a key the provider accepts decodes, as
// standard base64, to something; a refusal never repeats the key.
func FuzzCheckBase64PrivateKey(f *testing.F) {
	for _, s := range []string{
		base64.StdEncoding.EncodeToString([]byte("-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXk=\n-----END OPENSSH PRIVATE KEY-----\n")),
		"-----BEGIN OPENSSH PRIVATE KEY-----", "a2V5", "a2V5=", "a2V", "a-_b", "", "====",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			t.Skip()
		}
		err := CheckBase64PrivateKey(s)
		if err != nil {
			if len(s) >= 4 && strings.Contains(err.Error(), s) {
				t.Fatalf("the refusal of a key repeats it: %v", err)
			}
			return
		}
		if decoded, derr := base64.StdEncoding.DecodeString(s); derr != nil || len(decoded) == 0 {
			t.Fatalf("%q accepted, but it does not decode to a key: %v", s, derr)
		}
	})
}
