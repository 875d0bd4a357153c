// Package templates holds the default paper templates, embedded in the
// binary. `boardpack templates export DIR` writes them out for editing and
// `--templates DIR` uses the edited copy.
package templates

import "embed"

// FS holds one YAML template per paper: board.yaml, scrutiny.yaml,
// cabinet.yaml and appendix.yaml.
//
//go:embed *.yaml
var FS embed.FS
