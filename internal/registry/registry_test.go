package registry

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// root is the repository root, from this package's directory.
const root = "../.."

// pinnedBlock is how every example and documentation page opens: the
// provider's registry source and a version constraint.
var pinnedBlock = "terraform {\n  required_providers {\n    processout = {\n      source  = \"" + Source + "\"\n      version = \"" + VersionConstraint + "\"\n    }\n  }\n}\n"

// TestExamplesOpenWithTheRegistrySource: each example a docs page or the
// demo shows starts with the required_providers block a user copies, so a
// configuration copied from the docs installs this provider, pinned.
func TestExamplesOpenWithTheRegistrySource(t *testing.T) {
	var files []string
	for _, pattern := range []string{
		"examples/provider/provider.tf",
		"examples/resources/*/resource.tf",
		"examples/data-sources/*/data-source.tf",
		"examples/demo/main.tf",
		"examples/guides/*/providers.tf",
	} {
		matches, err := filepath.Glob(filepath.Join(root, pattern))
		if err != nil || len(matches) == 0 {
			t.Fatalf("%s: no file (%v)", pattern, err)
		}
		files = append(files, matches...)
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(withoutComments(string(raw)), pinnedBlock) || !strings.HasPrefix(withoutComments(string(raw)), "terraform {") {
			t.Errorf("%s does not open with\n%s", f, pinnedBlock)
		}
	}
}

// TestDocsPagesOpenWithTheRegistrySource: the first HCL block of every
// generated page of a resource, data source or the provider is the pinned
// block (tfplugindocs copies the examples above into them).
func TestDocsPagesOpenWithTheRegistrySource(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join(root, "docs/*.md"))
	for _, dir := range []string{"resources", "data-sources", "guides"} {
		more, _ := filepath.Glob(filepath.Join(root, "docs", dir, "*.md"))
		pages = append(pages, more...)
	}
	if len(pages) < 10 {
		t.Fatalf("found only %d docs pages", len(pages))
	}
	fence := regexp.MustCompile("(?s)```(?:terraform|hcl)\n(.*?)```")
	for _, page := range pages {
		raw, err := os.ReadFile(page)
		if err != nil {
			t.Fatal(err)
		}
		first := fence.FindStringSubmatch(string(raw))
		if first == nil {
			t.Errorf("%s has no HCL example", page)
			continue
		}
		if !strings.HasPrefix(withoutComments(first[1]), pinnedBlock) {
			t.Errorf("%s: its first example does not open with the pinned required_providers block:\n%s", page, first[1])
		}
	}
}

// TestScriptsAndDocsNameTheRegistrySource: the shell scripts and the
// README, which cannot import this package, write the same address, and
// nothing names the hashicorp namespace this provider cannot publish under.
func TestScriptsAndDocsNameTheRegistrySource(t *testing.T) {
	for _, f := range []string{"scripts/lib.sh", "README.md"} {
		raw, err := os.ReadFile(filepath.Join(root, f))
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(raw), Source) {
			t.Errorf("%s does not name %s", f, Source)
		}
	}
	err := filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "tools") {
			return filepath.SkipDir
		}
		if d.IsDir() || !regexp.MustCompile(`\.(go|tf|md|sh|tmpl|yml)$`).MatchString(d.Name()) {
			return nil
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if strings.Contains(string(raw), "hashicorp/"+Type) && !strings.HasSuffix(path, "registry_test.go") {
			t.Errorf("%s names hashicorp/%s", path, Type)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// withoutComments drops the leading comment lines and blank lines of an
// HCL text.
func withoutComments(hcl string) string {
	lines := strings.SplitAfter(hcl, "\n")
	for len(lines) > 0 && (strings.HasPrefix(strings.TrimSpace(lines[0]), "#") || strings.TrimSpace(lines[0]) == "") {
		lines = lines[1:]
	}
	return strings.Join(lines, "")
}
