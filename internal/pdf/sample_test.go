package pdf

import (
	"fmt"
	"time"

	"github.com/boardpack/boardpack/internal/doc"
)

var testRAG = []doc.RAGLevel{
	{Code: "R", Label: "Red", Meaning: "Off track: milestones missed and no agreed recovery plan", Colour: doc.Colour{R: 0xC0, G: 0x00, B: 0x00}, Text: doc.Colour{R: 0xFF, G: 0xFF, B: 0xFF}},
	{Code: "A", Label: "Amber", Meaning: "At risk: some slippage, recovery plan in place", Colour: doc.Colour{R: 0xFF, G: 0xC0, B: 0x00}, Text: doc.Colour{R: 0x1A, G: 0x1A, B: 0x1A}},
	{Code: "G", Label: "Green", Meaning: "On track", Colour: doc.Colour{R: 0x00, G: 0x80, B: 0x3C}, Text: doc.Colour{R: 0xFF, G: 0xFF, B: 0xFF}},
	{Code: "C", Label: "Complete", Meaning: "Action completed and evidence of impact seen", Colour: doc.Colour{R: 0x1F, G: 0x38, B: 0x64}, Text: doc.Colour{R: 0xFF, G: 0xFF, B: 0xFF}},
}

var areas = []string{
	"Leadership, management and governance",
	"Workforce: recruitment and retention",
	"Front door and early help",
	"Children in need and child protection",
	"Children in care and care leavers",
	"Quality assurance and performance",
}

var leads = []string{"Director of Children's Services", "Head of Safeguarding", "Principal Social Worker", "Head of Workforce", "Head of Performance"}

var ragCodes = []string{"G", "A", "R", "G", "C", "A", "G"}

// actionTable is an improvement action plan with n actions in groups.
func actionTable(n int, caption string) *doc.Table {
	t := &doc.Table{
		Caption: caption,
		Zebra:   true,
		Columns: []doc.Column{
			{Header: "Ref", Width: 13},
			{Header: "Action", Weight: 3},
			{Header: "Lead", Weight: 1.3},
			{Header: "Due", Width: 20},
			{Header: "Progress", Width: 17, Align: doc.Right},
			{Header: "RAG", Width: 18, Align: doc.Center},
		},
	}
	per := (n + len(areas) - 1) / len(areas)
	for i := 0; i < n; i++ {
		if i%per == 0 {
			t.Rows = append(t.Rows, doc.Row{Group: fmt.Sprintf("%d. %s", i/per+1, areas[(i/per)%len(areas)])})
		}
		text := fmt.Sprintf("Action %d: ensure that every child's plan is reviewed within timescale and that management oversight is recorded on the case file", i+1)
		if i%3 == 1 {
			text = fmt.Sprintf("Action %d: audit a sample of cases each month", i+1)
		}
		if i%11 == 5 {
			text += "; evidence at https://intranet.example.gov.uk/childrens-services/improvement/evidence-library/quality-assurance/monthly-audit-programme-2026"
		}
		code := ragCodes[i%len(ragCodes)]
		word := map[string]string{"R": "Red", "A": "Amber", "G": "Green", "C": "Complete"}[code]
		t.Rows = append(t.Rows, doc.Row{Cells: []doc.Cell{
			{Text: fmt.Sprintf("%d.%d", i/per+1, i%per+1)},
			{Text: text},
			{Text: leads[i%len(leads)]},
			{Text: fmt.Sprintf("%02d/%02d/2026", 1+i%28, 1+i%12)},
			{Text: fmt.Sprintf("%d%%", (i*37)%101)},
			{Text: word, RAG: code},
		}})
	}
	return t
}

func sampleChart(title string, kind doc.ChartKind) *doc.Chart {
	return &doc.Chart{
		Kind:       kind,
		Title:      title,
		Source:     "Source: monthly performance return, data as at 31 October 2026",
		Categories: []string{"May", "Jun", "Jul", "Aug", "Sep", "Oct"},
		Series: []doc.Series{
			{Name: "Average caseload", Values: []float64{24, 23, 22, 21, 20, 19}, Colour: doc.Colour{R: 0x1F, G: 0x38, B: 0x64}},
		},
		Unit:   "cases",
		Target: &doc.Target{Label: "Target", Value: 18},
	}
}

func para(n int, text string) *doc.Paragraph {
	return &doc.Paragraph{Number: n, Spans: doc.Text(text)}
}

// sampleDocument is a representative Cabinet paper: title block, contents,
// numbered paragraphs, lists, a long grouped table with RAG cells, tiles,
// a RAG key, charts and a landscape appendix.
func sampleDocument(tableRows int) doc.Document {
	n := 0
	next := func() int { n++; return n }
	s1 := doc.Section{Blocks: []doc.Block{
		&doc.Title{
			Organisation: "Herefordshire Council",
			Title:        "Children's Improvement Action Plan: progress report",
			Subtitle:     "Monthly update to Cabinet, October 2026",
			Fields: []doc.Field{
				{Label: "Meeting", Value: "Cabinet"},
				{Label: "Meeting date", Value: "Thursday 19 November 2026"},
				{Label: "Classification", Value: "Open"},
				{Label: "Report by", Value: "Cabinet member children and families"},
				{Label: "Decision type", Value: "Key. This is a key decision because it is likely to be significant having regard to the strategic nature of the decision."},
				{Label: "Wards affected", Value: "(All Wards)"},
			},
		},
		&doc.Heading{Level: 1, Text: "Purpose"},
		&doc.Paragraph{Style: doc.Lead, Spans: doc.Text("The purpose of this report is to update Cabinet on progress against the Children's Services Improvement Plan following the Ofsted inspection, and to seek endorsement of the revised plan.")},
		&doc.Heading{Level: 1, Text: "Recommendation(s)"},
		&doc.Paragraph{Spans: doc.Text("That:")},
		&doc.List{Lettered: true, Items: [][]doc.Span{
			{{Text: "Cabinet endorse the Improvement Action Plan outlined in Appendix A", Bold: true}},
			{{Text: "Cabinet authorise the Corporate Director for Children and Young People to submit the action plan to Ofsted no later than 20 December 2026", Bold: true}},
		}},
	}}
	s2 := doc.Section{Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: "Key considerations"},
		&doc.Heading{Level: 2, Text: "Headline position"},
		&doc.Tiles{Items: []doc.Tile{
			{Label: "Actions complete", Value: "49%", Change: "up 6 points since September", RAG: "A"},
			{Label: "Actions overdue", Value: "12", Change: "down from 17", RAG: "R"},
			{Label: "Actions rated red", Value: "7", Change: "no change", RAG: "R"},
			{Label: "Average caseload (target 18)", Value: "19.4", Change: "down 0.8 since September", RAG: "A"},
			{Label: "Agency social workers", Value: "31%", Change: "down 2 points", RAG: "G"},
			{Label: "Vacancy rate", Value: "18%", Change: "no change"},
		}},
		&doc.Heading{Level: 2, Text: "Background"},
	}}
	for i := 0; i < 8; i++ {
		s2.Blocks = append(s2.Blocks, &doc.Paragraph{Number: next(), Spans: []doc.Span{
			{Text: "The inspection report was published on 21 September 2026. "},
			{Text: "The overall judgement was that children's services are inadequate.", Bold: true},
			{Text: " The service has increased the pace of its improvement activity and a comprehensive transformation of services is required to achieve "},
			{Text: "long-term and sustainable", Italic: true},
			{Text: " change that local children, young people and families need, deserve and expect."},
		}})
	}
	s2.Blocks = append(s2.Blocks,
		&doc.List{Number: next(), Items: [][]doc.Span{
			doc.Text("Improving outcomes for children, young people and their families."),
			doc.Text("Making working in Herefordshire an attractive and rewarding career choice."),
			doc.Text("Embedding systemic partnership approaches and exploring alternative models of delivery."),
		}},
		&doc.Heading{Level: 2, Text: "Workforce and caseloads"},
		para(next(), "Average caseloads have fallen for the sixth month running but remain above the target of 18 children per social worker."),
		sampleChart("Average caseload per social worker, May to October 2026", doc.Line),
		&doc.Heading{Level: 3, Text: "Agency staffing"},
		para(next(), "The proportion of agency social workers continues to fall as permanent recruitment improves."),
		&doc.Paragraph{Style: doc.Note, Spans: doc.Text("Note: figures for October are provisional and may change when the data are refreshed.")},
		&doc.Heading{Level: 2, Text: "RAG ratings"},
		para(next(), "Each action is rated using the key below. The rating is always printed as a word as well as shown by colour."),
		&doc.RAGKeyBlock{},
		&doc.Heading{Level: 1, Text: "Risk management"},
		para(next(), "The following risks have been considered."),
		&doc.Table{Caption: "Risks and mitigations", Columns: []doc.Column{{Header: "Risk / opportunity", Weight: 1}, {Header: "Mitigation", Weight: 1.4}}, Rows: []doc.Row{
			{Cells: []doc.Cell{{Text: "Partnership buy in to the plan"}, {Text: "Extensive partnership engagement activity and involvement, focus groups with children and young people and key stakeholders."}}},
			{Cells: []doc.Cell{{Text: "Plan is not adopted or endorsed"}, {Text: "Continuous engagement throughout the development of the plan and the governance process."}}},
		}},
		&doc.Heading{Level: 1, Text: "Progress against the action plan"},
		para(next(), "Table 2 lists every action in the plan with its current rating."),
		actionTable(tableRows, "Improvement actions by area"),
		&doc.Heading{Level: 1, Text: "Trends"},
		sampleChart("Agency social workers, per cent of establishment", doc.Bar),
	)
	s3 := doc.Section{Landscape: true, Blocks: []doc.Block{
		&doc.Heading{Level: 1, Text: "Appendix A: Improvement action plan"},
		para(0, "The full action plan, grouped by area, with each action's rating."),
		actionTable(40, "Appendix A: actions"),
	}}
	return doc.Document{
		Meta: doc.Meta{
			Title:    "Children's Improvement Action Plan: progress report",
			Subject:  "Cabinet, 19 November 2026",
			Author:   "Herefordshire Council",
			Keywords: "children's services; improvement; Ofsted",
			Creator:  "boardpack test",
			Language: "en-GB",
			Date:     time.Date(2026, 10, 31, 0, 0, 0, 0, time.UTC),
		},
		Header:   doc.Furniture{Left: "Cabinet, 19 November 2026", Right: "Children's Improvement Action Plan", Classification: "OFFICIAL"},
		Footer:   doc.Furniture{Left: "Herefordshire Council", Right: "Data as at 31 October 2026", Classification: "OFFICIAL"},
		Contents: true,
		RAGKey:   testRAG,
		Sections: []doc.Section{s1, s2, s3},
	}
}
