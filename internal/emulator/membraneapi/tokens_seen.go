package membraneapi

import "sort"

// MintedTokens returns the distinct JWTs the server has accepted so far,
// sorted. Tests scan logs, plans and state for them: a minted token is a
// credential like any other, and must never be written down.
func (s *Server) MintedTokens() []string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	tokens := make([]string, 0, len(s.minted))
	for t := range s.minted {
		tokens = append(tokens, t)
	}
	sort.Strings(tokens)
	return tokens
}
