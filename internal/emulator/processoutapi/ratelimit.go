package processoutapi

import "time"

// nominalRateLimit is what x-ratelimit reports when no limit is enforced
// (the docs' worked example, CONTRACT.md §7).
const nominalRateLimit = 3000

// rateLimiter is a token bucket (equivalent to GCRA) per project and mode:
// sandbox traffic has its own limit, as CONTRACT.md §7 describes. Decision:
// the bucket holds a full minute's worth (burst = limit) and refills
// continuously at limit/60 tokens per second, so a limit of 60 allows 60
// quick requests and then one per second. Each authenticated request takes
// one token; an empty bucket answers 429 request.rate.exceeded. Rejected
// requests take nothing. No Retry-After header is sent (none is documented).
type rateLimiter struct {
	limit   int
	buckets map[bucketKey]*bucket
}

type bucketKey struct {
	project string
	sandbox bool
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(limit int) *rateLimiter {
	return &rateLimiter{limit: limit, buckets: map[bucketKey]*bucket{}}
}

// limitHeader is the x-ratelimit value (and x-ratelimit-remaining of
// answers that consume nothing, such as authentication failures).
func (l *rateLimiter) limitHeader() int {
	if l.limit > 0 {
		return l.limit
	}
	return nominalRateLimit
}

// take consumes one token; remaining is what x-ratelimit-remaining reports.
// Without enforcement the bucket is bottomless and reports limit-1.
// Called with the server lock held.
func (l *rateLimiter) take(k bucketKey, now time.Time) (allowed bool, remaining int) {
	if l.limit <= 0 {
		return true, nominalRateLimit - 1
	}
	capacity := float64(l.limit)
	b := l.buckets[k]
	if b == nil {
		b = &bucket{tokens: capacity, last: now}
		l.buckets[k] = b
	}
	if elapsed := now.Sub(b.last); elapsed > 0 {
		b.tokens = min(capacity, b.tokens+elapsed.Seconds()*capacity/60)
		b.last = now
	}
	if b.tokens < 1 {
		return false, 0
	}
	b.tokens--
	return true, int(b.tokens)
}
