package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"testing"
)

// TestReleaseLdflagsSetVariablesOfMain fails when .goreleaser.yml sets, with
// -X main.name=..., a variable the main package does not declare: the
// linker ignores such a flag silently, so the release would carry nothing.
func TestReleaseLdflagsSetVariablesOfMain(t *testing.T) {
	config, err := os.ReadFile(".goreleaser.yml")
	if err != nil {
		t.Fatal(err)
	}
	sets := regexp.MustCompile(`-X[= ]main\.(\w+)=`).FindAllStringSubmatch(string(config), -1)
	if len(sets) == 0 {
		t.Fatal(".goreleaser.yml sets no variable of main (-X main.version=...)")
	}
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	fset := token.NewFileSet()
	for _, name := range files {
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		if f.Name.Name != "main" {
			continue
		}
		for _, decl := range f.Decls {
			if gen, ok := decl.(*ast.GenDecl); ok && gen.Tok == token.VAR {
				for _, spec := range gen.Specs {
					if vs, ok := spec.(*ast.ValueSpec); ok {
						for _, id := range vs.Names {
							declared[id.Name] = true
						}
					}
				}
			}
		}
	}
	for _, s := range sets {
		if !declared[s[1]] {
			t.Errorf(".goreleaser.yml sets main.%s, which the main package does not declare", s[1])
		}
	}
}
