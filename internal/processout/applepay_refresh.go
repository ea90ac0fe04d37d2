package processout

import (
	"context"
	"sync"
)

// ProcessOut reads Apple Pay certificates only as one list, unpaged, so
// each certificate's refresh is a list. The refreshes of one client share
// one instead (snapshot.go for the paged kinds): the first reads it, those
// that come while it is read wait for it. It costs nothing over the first
// refresh's own list, so it needs no threshold. As with the snapshots, it
// only ever says "here it is": a certificate it does not hold is looked
// for in a list of its own (FindApplePayCertificate), which alone may say
// it is gone; a failed shared list leaves each refresh to its own; a create
// or delete of a certificate through the client drops it.

// sharedList is the certificate list a client's refreshes share.
type sharedList struct {
	mu      sync.Mutex
	list    *ApplePayCertificateList
	reading chan struct{} // closed when the read in progress ends; nil when none
	// off: dropped by a write, or its read failed: each refresh reads its
	// own list.
	off bool
}

func (l *sharedList) drop() {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.off, l.list = true, nil
}

// get returns the shared list, read with read if no refresh has yet; nil
// when it is off.
func (l *sharedList) get(ctx context.Context, read func(context.Context) (*ApplePayCertificateList, error)) *ApplePayCertificateList {
	l.mu.Lock()
	for l.reading != nil && !l.off {
		wait := l.reading
		l.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil
		}
		l.mu.Lock()
	}
	if l.list != nil || l.off {
		defer l.mu.Unlock()
		return l.list
	}
	done := make(chan struct{})
	l.reading = done
	l.mu.Unlock()
	list, err := read(ctx)
	l.mu.Lock()
	defer l.mu.Unlock()
	l.reading = nil
	close(done)
	if err != nil || l.off {
		l.off = true
		return nil
	}
	l.list = list
	return list
}

// sharedApplePayList is the client's shared certificate list.
func (c *Client) sharedApplePayList() *sharedList {
	c.snapshots.mu.Lock()
	defer c.snapshots.mu.Unlock()
	if l, ok := c.snapshots.kinds[applePayCertificates.name].(*sharedList); ok {
		return l
	}
	if c.snapshots.kinds == nil {
		c.snapshots.kinds = map[string]droppable{}
	}
	l := &sharedList{}
	c.snapshots.kinds[applePayCertificates.name] = l
	return l
}

// RefreshApplePayCertificate looks a certificate up for a refresh: in the
// list the client's refreshes share, else in a list of its own
// (FindApplePayCertificate).
func (c *Client) RefreshApplePayCertificate(ctx context.Context, id string) (*ApplePayCertificate, error) {
	if list := c.sharedApplePayList().get(ctx, c.ApplePayCertificates); list != nil {
		for _, cert := range list.Certificates {
			if cert.ID == id {
				return &cert, nil
			}
		}
	}
	return c.FindApplePayCertificate(ctx, id)
}
