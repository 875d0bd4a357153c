package sampledata

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// narrativeFile is the officers' narrative in each month's folder.
const narrativeFile = "narrative.md"

// headlines are the Director's headline messages, month by month: what a
// real improvement board hears, with the figures filled in.
var headlines = []string{
	"This is the first monthly report on the refreshed plan. The priority for the quarter is stabilising the workforce: without permanent social workers and managers, the practice improvements will not hold.",
	"February saw the first fall in agency use since the inspection. The Board is asked to note the pressure on the assessment teams, where referrals rose by a fifth.",
	"The Ofsted monitoring visit in March found *some early progress* at the front door. Strategy discussions remain the weakest area and are now an exception to this Board.",
	"April's audit programme graded more assessments good than at any point since the inspection. Most of the {red} Red actions are in workforce and partnerships.",
	"Caseloads are falling in most teams. The Board is asked to support the second cohort of international recruits and the market supplement for team managers.",
	"Half the plan is now delivered. Caseloads are close to target in most teams and agency use is falling; the next monitoring visit is expected in September. **The priority now is to show impact for children, not only delivery.**",
}

// areaNotes are a sentence per priority area, month by month.
var areaNotes = map[string][]string{
	"Workforce": {
		"Recruitment campaign designed with the communications team; the market supplement is with HR for costing.",
		"Eight offers made in the February campaign; two agency team managers converted to permanent posts.",
		"The social work academy took its first cohort of newly qualified social workers.",
		"International recruits from the first cohort are all in post and retained.",
		"Exit interviews show workload and management support as the main reasons for leaving.",
		"Agency use is below 22% for the first time; the market supplement for team managers is agreed.",
	},
	"Service and practice development": {
		"Signs of Safety training has started for all assessment teams.",
		"The practice standards handbook is published and briefed to every team.",
		"Monitoring visit feedback is built into the audit programme.",
		"Audits graded more assessments good or better than in any month since the inspection.",
		"The neglect strategy is agreed; Graded Care Profile 2 training is booked.",
		"Chronologies are up to date for most children subject to a plan; work continues in two teams.",
	},
	"Performance and quality assurance": {
		"The quality assurance framework is drafted and out for consultation with team managers.",
		"The first monthly audit cycle is complete; moderation found auditors grading consistently.",
		"Practice weeks ran in March, with senior leaders auditing alongside practitioners.",
		"The performance scorecard is reviewed weekly by the leadership team.",
		"Learning from audits is now shared in a monthly practice newsletter.",
		"Audit findings are reported to the Board with the themes for practice development.",
	},
	"Commissioning resources": {
		"The sufficiency strategy is out for consultation with providers.",
		"Two in-house residential homes are registering with Ofsted.",
		"The foster carer recruitment campaign brought forty enquiries.",
		"Spot-purchased placements fell for the second month.",
		"The commissioning review of supported accommodation for 16 and 17 year olds has started.",
		"Placement costs remain above budget; the recovery plan is on track.",
	},
	"Early help and partnerships": {
		"The early help strategy is agreed by the partnership.",
		"Family hubs opened in two localities.",
		"Multi-agency attendance at strategy discussions is monitored weekly.",
		"The partnership's threshold document is relaunched with training for schools.",
		"Police attendance at strategy discussions has improved; health attendance has not yet.",
		"Step-down from social care to early help is now tracked monthly.",
	},
	"Corporate parenting": {
		"The Corporate Parenting Board has refreshed its membership and terms of reference.",
		"The Children in Care Council met the Leader to set its priorities.",
		"Pathway plans are being rewritten with care leavers.",
		"Health assessments within timescale have improved but remain below target.",
		"The care leaver local offer is published in plain English.",
		"Every child in care now has an up-to-date personal education plan.",
	},
	"SEND": {
		"The SEND partnership has agreed its priority action plan.",
		"Education, health and care plans issued within 20 weeks rose this month.",
		"The Parent Carer Forum co-produced the new annual review template.",
		"Quality assurance of new plans is now multi-agency.",
		"Waiting times for speech and language therapy remain the main concern.",
		"The local offer website was relaunched after testing with families.",
	},
}

// risks and decisions are the month's risks and the decisions sought.
var risks = [][]string{
	{"Recruitment of experienced social workers remains the **greatest risk** to the pace of improvement.", "Referrals to the front door are rising faster than planned capacity."},
	{"Agency costs are over budget; a recovery plan is with the Section 151 officer.", "Two team manager posts remain vacant in the assessment service."},
	{"Strategy discussions are not yet consistently multi-agency; partners are asked to confirm attendance at every discussion.", "Case recording system changes are delayed to the autumn."},
	{"The pace of improvement in the children in care service is slower than planned.", "Sickness absence in the safeguarding teams has risen."},
	{"Housing for international recruits is harder to secure than planned.", "Demand for placements for older children continues to exceed supply."},
	{"The **September monitoring visit** will test whether practice improvements hold under rising demand.", "Recruitment to the second international cohort depends on visa timescales outside the council's control."},
}

var decisions = []string{
	"The Board is asked to endorse the refreshed improvement plan and its governance.",
	"The Board is asked to agree the revised due dates for the three workforce actions shown as exceptions.",
	"The Board is asked to note the monitoring visit letter and agree the response plan.",
	"The Board is asked to note the audit findings and agree that the practice standards become mandatory.",
	"The Board is asked to support the business case for the second international recruitment cohort.",
	"The Board is asked to note the progress made, agree the exceptions plan, and endorse the preparation for the September monitoring visit.",
}

var voices = []string{
	"A young person in care told the Children in Care Council that they have had \"three social workers in a year, and had to tell my story every time\".",
	"Parents at the family feedback group said that conferences are clearer since reports are shared in advance.",
	"Care leavers asked for the local offer to be published in plain English; it is being rewritten with them.",
	"A child on a protection plan told their reviewing officer that their social worker \"actually listens now\".",
	"The Children in Care Council reviewed the new pathway plan template and changed three questions.",
	"In the June survey, 78% of children in care said they knew why they were in care, up from 61% last year.",
}

// writeNarrative writes the month's narrative.md from its snapshot.
func writeNarrative(dir string, i int, snap snapshot) error {
	total, done, reds := len(snap.actions), 0, 0
	for _, a := range snap.actions {
		if a.complete() {
			done++
		}
		if a.progress == red {
			reds++
		}
	}
	pct := 0
	if total > 0 {
		pct = (done*100 + total/2) / total
	}
	fill := strings.NewReplacer("{done}", fmt.Sprint(done), "{total}", fmt.Sprint(total), "{pct}", fmt.Sprint(pct), "{red}", fmt.Sprint(reds))
	var b strings.Builder
	fmt.Fprintf(&b, "# Headline message\n\n%s\n\n# Priority areas\n", fill.Replace(headlines[i%len(headlines)]))
	seen := map[string]bool{}
	for _, a := range snap.actions {
		if seen[a.area.name] {
			continue
		}
		seen[a.area.name] = true
		areaDone, areaTotal := 0, 0
		for _, x := range snap.actions {
			if x.area == a.area {
				areaTotal++
				if x.complete() {
					areaDone++
				}
			}
		}
		note := ""
		if notes, ok := areaNotes[a.area.name]; ok {
			note = " " + notes[i%len(notes)]
		}
		fmt.Fprintf(&b, "\n## %s\n\n%d of %d actions complete.%s\n", a.area.name, areaDone, areaTotal, note)
	}
	b.WriteString("\n# Risks and issues\n\n")
	for _, r := range risks[i%len(risks)] {
		fmt.Fprintf(&b, "- %s\n", r)
	}
	fmt.Fprintf(&b, "\n# Decisions sought\n\n%s\n\n# Voice of children and families\n\n> %s\n", decisions[i%len(decisions)], voices[i%len(voices)])
	path := filepath.Join(dir, monthDir(snap.month), narrativeFile)
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}
