package validate

import (
	"encoding/base64"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// CheckSFTPEndpoint reports why s is not the host:port of an SFTP server as
// ProcessOut takes it ("port should be included", as in example.com:22):
// a host, then a port from 1 to 65535; an IPv6 host in brackets.
func CheckSFTPEndpoint(s string) error {
	if scheme, _, found := strings.Cut(s, "://"); found {
		return fmt.Errorf("must be host:port, without a scheme: drop %q, as in \"sftp.example.com:22\", got %q", scheme+"://", s)
	}
	host, port, err := net.SplitHostPort(s)
	if err != nil {
		if strings.Contains(err.Error(), "missing port") {
			return fmt.Errorf("must include the port, as in \"sftp.example.com:22\" (ProcessOut requires it), got %q", s)
		}
		return fmt.Errorf("must be host:port, as in \"sftp.example.com:22\" or \"[2001:db8::1]:22\", got %q", s)
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		return fmt.Errorf("must end with a port number from 1 to 65535, as in \"sftp.example.com:22\", got %q", s)
	}
	if host == "" || strings.ContainsFunc(host, func(r rune) bool { return r <= ' ' || r == 0x7f || r == '/' }) {
		return fmt.Errorf("must name a host before the port, as in \"sftp.example.com:22\", got %q", s)
	}
	return nil
}

// SFTPEndpoint validates an SFTP server's host:port.
func SFTPEndpoint() validator.String {
	return stringCheck{"must be host:port, the port included", "Invalid SFTP endpoint", CheckSFTPEndpoint}
}

// CheckBase64PrivateKey reports why s is not a private key encoded in
// base64 (the standard alphabet with padding, as Terraform's filebase64
// and base64encode write it), which is how ProcessOut takes SFTP keys. Its
// messages never repeat any part of s: it is a secret.
func CheckBase64PrivateKey(s string) error {
	if strings.HasPrefix(strings.TrimSpace(s), "-----BEGIN") {
		return errors.New(`is the key itself, not its base64 encoding: give filebase64("path/to/key") or base64encode(var.key)`)
	}
	decoded, err := base64.StdEncoding.DecodeString(s)
	var corrupt base64.CorruptInputError
	switch {
	case errors.As(err, &corrupt):
		return fmt.Errorf(`is not valid base64 (byte %d is not in the standard alphabet, or the padding is wrong): give the key encoded with filebase64("path/to/key") or base64encode(var.key)`, int64(corrupt))
	case err != nil:
		return errors.New(`is not valid base64: give the key encoded with filebase64("path/to/key") or base64encode(var.key)`)
	case len(decoded) == 0:
		return errors.New("is empty: give the private key, encoded in base64")
	}
	return nil
}

// Base64PrivateKey validates a base64-encoded private key.
func Base64PrivateKey() validator.String {
	return stringCheck{"must be a private key encoded in base64", "Invalid SFTP private key", CheckBase64PrivateKey}
}
