package processout

import (
	"context"
	"errors"
	"fmt"
	"go/ast"
	"go/importer"
	"go/parser"
	"go/token"
	"go/types"
	"io"
	"maps"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// providerDir holds the provider's code, relative to this package.
var providerDir = filepath.Join("..", "provider")

// TestOperationsAreWhatTheProviderSends holds Operations to exactly the
// operation names the provider sends: those of the Client methods that the
// provider's code (internal/provider, its tests aside) names, each method
// called here to read the operation it puts on its request. A method only
// tests or other commands use is no operation of the provider; a method the
// provider starts to call must bring its operation into the list.
func TestOperationsAreWhatTheProviderSends(t *testing.T) {
	used := clientMethodsNamedIn(t, providerDir)
	if len(used) == 0 {
		t.Fatalf("found no Client method named in %s: the scan is broken", providerDir)
	}
	t.Logf("Client methods the provider names: %s", strings.Join(slices.Sorted(maps.Keys(used)), ", "))
	sent := map[string][]string{} // operation → the methods sending it
	for _, method := range slices.Sorted(maps.Keys(used)) {
		ops := operationsOf(t, method)
		if len(ops) == 0 {
			t.Errorf("Client.%s (named at %s) sent no request", method, strings.Join(used[method], ", "))
		}
		for _, op := range ops {
			sent[op] = append(sent[op], method)
		}
	}
	listed := map[string]bool{}
	for _, op := range Operations() {
		if listed[op] {
			t.Errorf("Operations lists %q twice", op)
		}
		listed[op] = true
		if sent[op] == nil {
			t.Errorf("Operations lists %q, which no Client method the provider calls sends", op)
		}
	}
	for op, methods := range sent {
		if !listed[op] {
			t.Errorf("the provider sends %q (through Client.%s) and Operations does not list it", op, strings.Join(methods, ", Client."))
		}
	}
}

// clientMethodsNamedIn type-checks the package in dir (its non-test files,
// against the export data of its dependencies) and returns the Client
// methods it names, in calls, method values and method expressions alike,
// each with the places that name it.
func clientMethodsNamedIn(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out, err := exec.Command("go", "list", "-export", "-deps", "-f", "{{.ImportPath}}\t{{.Export}}\t{{.Dir}}\t{{join .GoFiles \",\"}}", dir).Output()
	if err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			err = fmt.Errorf("%w\n%s", err, exit.Stderr)
		}
		t.Fatalf("go list %s: %v", dir, err)
	}
	pkgDir, err := filepath.Abs(dir)
	if err != nil {
		t.Fatal(err)
	}
	exports := map[string]string{}
	var goFiles []string
	for line := range strings.Lines(string(out)) {
		fields := strings.Split(strings.TrimSuffix(line, "\n"), "\t")
		exports[fields[0]] = fields[1]
		if fields[2] == pkgDir {
			goFiles = strings.Split(fields[3], ",")
		}
	}
	if len(goFiles) == 0 {
		t.Fatalf("go list did not list the Go files of %s", pkgDir)
	}
	fset := token.NewFileSet()
	var files []*ast.File
	for _, name := range goFiles {
		f, err := parser.ParseFile(fset, filepath.Join(pkgDir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, f)
	}
	imp := importer.ForCompiler(fset, "gc", func(path string) (io.ReadCloser, error) {
		if exports[path] == "" {
			return nil, fmt.Errorf("no export data for %s", path)
		}
		return os.Open(exports[path])
	})
	info := &types.Info{Selections: map[*ast.SelectorExpr]*types.Selection{}}
	if _, err := (&types.Config{Importer: imp}).Check(dir, fset, files, info); err != nil {
		t.Fatalf("type-checking %s: %v", dir, err)
	}
	client := reflect.TypeFor[Client]()
	used := map[string][]string{}
	for expr, sel := range info.Selections {
		fn, ok := sel.Obj().(*types.Func)
		if !ok || sel.Kind() == types.FieldVal {
			continue
		}
		recv := fn.Signature().Recv()
		if recv == nil {
			continue
		}
		rt := recv.Type()
		if p, ok := rt.(*types.Pointer); ok {
			rt = p.Elem()
		}
		named, ok := rt.(*types.Named)
		if !ok || named.Obj().Pkg() == nil || named.Obj().Pkg().Path() != client.PkgPath() || named.Obj().Name() != client.Name() {
			continue
		}
		pos := fset.Position(expr.Sel.Pos())
		used[fn.Name()] = append(used[fn.Name()], filepath.Base(pos.Filename)+":"+strconv.Itoa(pos.Line))
	}
	return used
}

// operationsOf calls Client.method with placeholder arguments over a
// transport that records each request's operation and fails it, consuming
// any iterator the method returns, and returns the operations sent.
func operationsOf(t *testing.T, method string) []string {
	t.Helper()
	seen := map[string]bool{}
	c := New(transportFunc(func(r *Request) (*Response, error) {
		seen[r.Operation] = true
		return &Response{Status: 500, Body: []byte("x")}, nil
	}))
	m := reflect.ValueOf(c).MethodByName(method)
	mt := m.Type()
	ctxType := reflect.TypeFor[context.Context]()
	n := mt.NumIn()
	if mt.IsVariadic() {
		n--
	}
	args := make([]reflect.Value, n)
	for i := range n {
		switch in := mt.In(i); {
		case in == ctxType:
			args[i] = reflect.ValueOf(context.Background())
		case in.Kind() == reflect.String:
			args[i] = reflect.ValueOf("x").Convert(in) // an ID: empty ones are refused before sending
		default:
			args[i] = reflect.Zero(in)
		}
	}
	for _, out := range m.Call(args) {
		if out.Kind() != reflect.Func {
			continue
		}
		// An iterator (iter.Seq2): range over it, stopping at the first value.
		stop := reflect.MakeFunc(out.Type().In(0), func([]reflect.Value) []reflect.Value {
			return []reflect.Value{reflect.ValueOf(false)}
		})
		out.Call([]reflect.Value{stop})
	}
	return slices.Sorted(maps.Keys(seen))
}

// operationsDoc is the documentation template whose table names the
// operations (docs/index.md is generated from it).
var operationsDoc = filepath.Join("..", "..", "templates", "index.md.tmpl")

// TestOperationsAreDocumented holds the table of operation names in the
// provider documentation to Operations: rows such as
// "| `customer.read` / `.list` | ... |" name customer.read and customer.list.
func TestOperationsAreDocumented(t *testing.T) {
	doc, err := os.ReadFile(operationsDoc)
	if err != nil {
		t.Fatal(err)
	}
	_, table, ok := strings.Cut(string(doc), "\n| Operation |")
	_, rows, _ := strings.Cut(table, "\n") // past the header
	if !ok {
		t.Fatalf("%s has no table headed \"| Operation |\"", operationsDoc)
	}
	documented := map[string]bool{}
	for line := range strings.Lines(rows) {
		if !strings.HasPrefix(line, "|") {
			break // the end of the table
		}
		cells := strings.Split(line, "|")
		if len(cells) < 3 || strings.HasPrefix(strings.TrimSpace(cells[1]), "-") {
			continue // the header's separator row
		}
		var prefix string
		for name := range strings.SplitSeq(cells[1], "/") {
			name = strings.Trim(strings.TrimSpace(name), "`")
			if strings.HasPrefix(name, ".") {
				name = prefix + name
			} else {
				prefix, _, _ = strings.Cut(name, ".")
			}
			if documented[name] {
				t.Errorf("%s documents %q twice", operationsDoc, name)
			}
			documented[name] = true
		}
	}
	listed := map[string]bool{}
	for _, op := range Operations() {
		listed[op] = true
		if !documented[op] {
			t.Errorf("%s does not document the operation %q", operationsDoc, op)
		}
	}
	for op := range documented {
		if !listed[op] {
			t.Errorf("%s documents %q, which is not an operation (Operations)", operationsDoc, op)
		}
	}
}
