package processoutapi

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

var (
	seedFirstNames = []string{"Alice", "Bruno", "Chloé", "David", "Emma", "Farid", "Giulia", "Hugo", "Ines", "Jonas",
		"Keiko", "Liam", "Maya", "Noah", "Olga", "Pablo", "Quentin", "Rosa", "Sven", "Tariq", "Uma", "Victor", "Wen", "Yara", "Zoe"}
	seedLastNames = []string{"Martin", "Schmidt", "Rossi", "García", "Dubois", "Smith", "Kowalski", "Tanaka", "Silva",
		"Johansson", "Okafor", "Nguyen", "Müller", "Bernard", "Jones", "Costa", "Novak", "Haddad", "Lee", "Moreau"}
	seedCountries  = []string{"US", "FR", "GB", "DE", "ES", "IT", "NL", "BR", "CA", "JP", "SE", "PL"}
	seedCurrencies = map[string]string{"US": "USD", "FR": "EUR", "GB": "GBP", "DE": "EUR", "ES": "EUR", "IT": "EUR",
		"NL": "EUR", "BR": "BRL", "CA": "CAD", "JP": "JPY", "SE": "SEK", "PL": "PLN"}
	seedSegments = []string{"retail", "smb", "enterprise", "startup", "marketplace"}
	seedCities   = []string{"Springfield", "Paris", "London", "Berlin", "Madrid", "Milan", "Amsterdam", "São Paulo",
		"Toronto", "Tokyo", "Stockholm", "Warsaw"}
)

// seedSpacing is the mean gap between seeded customers' created_at.
const seedSpacing = 7 * time.Minute

// SeedCustomers bulk-inserts n realistic customers into a project: emails
// customer-00042@example.com (numbered on from earlier seeds), reference_id
// crm-00042, metadata {"tier": gold|silver|bronze, "segment": …}, names,
// addresses, currencies, every 7th a business with a company_name, and
// created_at spread over the past (about 7 minutes apart, oldest first,
// strictly increasing). projectID may carry the "test-" prefix (sandbox
// customers); a bare id seeds the project's own mode (its "sandbox" flag).
// It panics if the project does not exist.
func (s *Server) SeedCustomers(projectID string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	bare, prefixed := strings.CutPrefix(projectID, "test-")
	prec := s.st.get(KindProject, bare)
	if prec == nil {
		panic(fmt.Sprintf("processoutapi: SeedCustomers: unknown project %q", projectID))
	}
	sandbox := prefixed || as[*Project](prec.obj).Sandbox
	if n <= 0 {
		return
	}
	now := s.clock()
	start := now.Add(-time.Duration(n+1) * seedSpacing)
	first := s.seeded[bare] + 1
	s.seeded[bare] += n
	recs := make([]record, n)
	customers := make([]Customer, n)
	pool := seedPool{strs: map[string]*string{}, metadata: map[[2]string]map[string]string{}}
	for i := range customers {
		k := first + i
		cu := &customers[i]
		created := start.Add(time.Duration(i)*seedSpacing + time.Duration(s.rng.Int63n(int64(seedSpacing/2))))
		country := seedCountries[s.rng.Intn(len(seedCountries))]
		tier := "bronze"
		switch r := s.rng.Intn(10); {
		case r == 0:
			tier = "gold"
		case r < 4:
			tier = "silver"
		}
		*cu = Customer{
			ID:           s.newID(KindCustomer, "cust_", alnum),
			ProjectID:    bare,
			Balance:      "0",
			Currency:     pool.str(seedCurrencies[country]),
			Email:        ptr(fmt.Sprintf("customer-%05d@example.com", k)),
			FirstName:    pool.str(seedFirstNames[s.rng.Intn(len(seedFirstNames))]),
			LastName:     pool.str(seedLastNames[s.rng.Intn(len(seedLastNames))]),
			Address1:     ptr(fmt.Sprintf("%d Main Street", 1+s.rng.Intn(999))),
			City:         pool.str(seedCities[slices.Index(seedCountries, country)]),
			Zip:          ptr(fmt.Sprintf("%05d", s.rng.Intn(100000))),
			CountryCode:  pool.str(country),
			Metadata:     pool.meta(tier, seedSegments[s.rng.Intn(len(seedSegments))]),
			ReferenceID:  ptr(fmt.Sprintf("crm-%05d", k)),
			Sandbox:      sandbox,
			CreatedAt:    created,
			RegisteredAt: created.Add(-time.Duration(s.rng.Intn(365*24)) * time.Hour),
			IsBusiness:   k%7 == 0,
		}
		if cu.IsBusiness {
			cu.CompanyName = ptr(fmt.Sprintf("%s %s Ltd", *cu.LastName, seedSegments[k%len(seedSegments)]))
		}
		if k%3 == 0 {
			cu.PhoneNumber = ptr(fmt.Sprintf("0033%09d", s.rng.Intn(1_000_000_000)))
		}
		recs[i] = record{kind: KindCustomer, ident: cu.ident(), seq: s.nextSeq(), obj: cu}
		// Make the id visible to newID's uniqueness check right away.
		s.st.index(&recs[i])
	}
	ordered := make([]*record, n)
	for i := range recs {
		ordered[i] = &recs[i]
	}
	s.st.insertMany(listKey{kind: KindCustomer, owner: bare, sandbox: sandbox}, ordered)
}

// seedPool shares the repeated values of seeded customers (one backing
// array for the customers and records, one *string per distinct name, one
// metadata map per tier and segment), which keeps 100k customers compact.
// Sharing is safe because stored objects are never mutated in place:
// updates and PatchObject replace pointers, maps and slices.
type seedPool struct {
	strs     map[string]*string
	metadata map[[2]string]map[string]string
}

func (p *seedPool) str(v string) *string {
	if sp, ok := p.strs[v]; ok {
		return sp
	}
	sp := &v
	p.strs[v] = sp
	return sp
}

func (p *seedPool) meta(tier, segment string) map[string]string {
	key := [2]string{tier, segment}
	if m, ok := p.metadata[key]; ok {
		return m
	}
	m := map[string]string{"tier": tier, "segment": segment}
	p.metadata[key] = m
	return m
}

func ptr(s string) *string { return &s }
