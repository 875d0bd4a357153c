package reports

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/boardpack/boardpack/internal/doc"
	"github.com/boardpack/boardpack/internal/measure"
	"github.com/boardpack/boardpack/internal/narrative"
)

// reStatedComplete finds a count of complete actions typed into the
// narrative: "10 of 19 actions complete", "9 of 21 actions are complete".
var reStatedComplete = regexp.MustCompile(`(?i)\b(\d+) of (\d+) actions? (?:are |is |now )?(?:complete|completed|delivered)\b`)

// NarrativeCounts checks the counts of complete actions the officers'
// narrative states for each priority area against the tracker's, and
// returns a caution for each that disagrees. The papers print the
// narrative as written beside tables computed from the tracker, so a count
// typed last month, or before the tracker was final, would contradict the
// table on the same page.
func NarrativeCounts(n *narrative.Narrative, areas []measure.Area) []string {
	if n == nil {
		return nil
	}
	var out []string
	for _, a := range areas {
		bs, ok := n.Area(a.Name)
		if !ok {
			continue
		}
		for _, m := range reStatedComplete.FindAllStringSubmatch(blockText(bs), -1) {
			done, _ := strconv.Atoi(m[1])
			total, _ := strconv.Atoi(m[2])
			if done != a.Complete || total != a.Total {
				out = append(out, fmt.Sprintf("%s, commentary on %s: it says %q, but the tracker has %d of %d actions complete; correct the narrative before the papers go out",
					n.File, a.Name, m[0], a.Complete, a.Total))
			}
		}
	}
	return out
}

// blockText is the words of a narrative's blocks, one block a line.
func blockText(bs []doc.Block) string {
	var b strings.Builder
	for _, bl := range bs {
		switch x := bl.(type) {
		case *doc.Paragraph:
			for _, sp := range x.Spans {
				b.WriteString(sp.Text)
			}
		case *doc.List:
			for _, it := range x.Items {
				for _, sp := range it {
					b.WriteString(sp.Text)
				}
				b.WriteByte('\n')
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}
