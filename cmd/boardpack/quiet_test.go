package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestLibrariesNeverPrintOrExit: only cmd/ prints or exits. The library
// packages (internal/..., reports, templates) never write to the
// process's standard output or error, never exit, and never use the
// flag or log packages, which print there. The testscript cases run the
// program in the test process and see only the writers Run is given, so
// output a library wrote to os.Stderr would never reach a script's
// "! stderr" check; this test is what keeps that blind spot empty.
func TestLibrariesNeverPrintOrExit(t *testing.T) {
	t.Parallel()
	forbidden := map[string]string{
		"os.Stdout": "writes to standard output", "os.Stderr": "writes to standard error",
		"os.Exit": "exits", "fmt.Print": "prints", "fmt.Printf": "prints", "fmt.Println": "prints",
	}
	files := 0
	for _, root := range []string{"../../internal", "../../reports", "../../templates"} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
				return err
			}
			fset := token.NewFileSet()
			f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
			if err != nil {
				return err
			}
			files++
			for _, imp := range f.Imports {
				if p, _ := strconv.Unquote(imp.Path.Value); p == "flag" || p == "log" {
					t.Errorf("%s: imports %q, which prints to standard error: only cmd/ may", fset.Position(imp.Pos()), p)
				}
			}
			ast.Inspect(f, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.SelectorExpr:
					if x, ok := n.X.(*ast.Ident); ok {
						if what, bad := forbidden[x.Name+"."+n.Sel.Name]; bad {
							t.Errorf("%s: %s.%s %s: only cmd/ may", fset.Position(n.Pos()), x.Name, n.Sel.Name, what)
						}
					}
				case *ast.CallExpr:
					if id, ok := n.Fun.(*ast.Ident); ok && (id.Name == "print" || id.Name == "println") {
						t.Errorf("%s: %s writes to standard error: only cmd/ may", fset.Position(n.Pos()), id.Name)
					}
				}
				return true
			})
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files < 50 {
		t.Fatalf("read %d library files, want the 50 or more the packages hold", files)
	}
}
