// Package httpx sends API calls over HTTP for the ProcessOut and Membrane
// transports: one shared keep-alive client, retries with capped jittered
// backoff that honour Retry-After, pacing from rate-limit headers, redirect
// and scheme rules that keep credentials on their host, and logging of each
// call without its secrets.
package httpx
