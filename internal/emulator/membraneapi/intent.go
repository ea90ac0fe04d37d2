package membraneapi

import (
	"sort"
	"strings"
	"unicode"
)

// stopWords carry no meaning for intent matching. "processout" is here
// because every emulated action belongs to it.
var stopWords = map[string]bool{
	"a": true, "an": true, "the": true, "to": true, "of": true, "for": true, "in": true,
	"on": true, "by": true, "and": true, "or": true, "with": true, "my": true, "our": true,
	"all": true, "from": true, "into": true, "at": true, "as": true, "is": true, "it": true,
	"its": true, "this": true, "that": true, "be": true, "me": true, "please": true,
	"some": true, "any": true, "via": true, "one": true, "processout": true,
}

// intentWords splits text into meaningful lowercase words, with plurals
// folded into singulars ("customers" → "customer", "entries" → "entry").
func intentWords(text string) map[string]bool {
	words := map[string]bool{}
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if len(w) < 2 || stopWords[w] {
			continue
		}
		switch {
		case strings.HasSuffix(w, "ies") && len(w) > 4:
			w = strings.TrimSuffix(w, "ies") + "y"
		case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && len(w) > 3:
			w = strings.TrimSuffix(w, "s")
		}
		words[w] = true
	}
	return words
}

// rankByIntent keeps the actions that share at least one meaningful word
// with intent, best first: a shared word counts 2 when it is in the action's
// key or name, 1 when only in its description. Ties keep table order.
func rankByIntent(actions []Action, intent string) []Action {
	want := intentWords(intent)
	type scored struct {
		a     Action
		score int
	}
	var hits []scored
	for _, a := range actions {
		title := intentWords(a.Key + " " + a.Name)
		desc := intentWords(a.Description)
		score := 0
		for w := range want {
			switch {
			case title[w]:
				score += 2
			case desc[w]:
				score++
			}
		}
		if score > 0 {
			hits = append(hits, scored{a, score})
		}
	}
	sort.SliceStable(hits, func(i, j int) bool { return hits[i].score > hits[j].score })
	out := make([]Action, len(hits))
	for i, h := range hits {
		out[i] = h.a
	}
	return out
}
