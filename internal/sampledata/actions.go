package sampledata

// area is one of the seven delivery projects of the transformation
// programme, with its actions and the values its actions draw from.
type area struct {
	name    string
	prefix  string     // of the action Ref, e.g. "WF" for WF-01
	actions []planItem // in Ref order
	leads   []string   // lead officers (role titles)
	recs    []int      // Ofsted recommendations (indexes into ofstedRecs) its actions address
	recPct  int        // share of its actions tagged with an Ofsted recommendation
}

// planItem is one action of the plan with its impact measure. A few have
// no due date (TBC, Ongoing), their own progress updates, or are
// confidential with a named lead.
type planItem struct {
	text         string
	evidence     string
	due          string // dueTBC or dueOngoing instead of a date
	confidential bool
	lead         string
	updates      []string // used when In progress Green or Amber (always, if confidential)
	closing      string   // update once complete, instead of a generic one
}

// act is an action with its impact measure or evidence.
func act(text, evidence string) planItem { return planItem{text: text, evidence: evidence} }

// say gives the action its own progress updates.
func (p planItem) say(updates ...string) planItem { p.updates = updates; return p }

// tbc marks the action as having no date yet.
func (p planItem) tbc() planItem { p.due = dueTBC; return p }

// ongoing marks the action as continuing, with no end date.
func (p planItem) ongoing() planItem { p.due = dueOngoing; return p }

// areas are the seven delivery projects, in the order the plan lists them.
var areas = []area{
	{
		name:   "Workforce",
		prefix: "WF",
		actions: []planItem{
			act("Reduce average social worker caseloads to no more than 18 children", "Average caseload per FTE (monthly caseload report)").
				say("Caseloads reduced in {k} of 8 teams since the last report; work continues in the assessment teams."),
			act("Launch a recruitment and retention package for social workers", "Starters, leavers and vacancy rate (workforce dashboard)").
				say("Recruitment campaign launched in {prev}; {n} offers made, {k} starters due in {next}."),
			act("Reduce reliance on agency social workers to below 20% of the workforce", "Agency rate (workforce dashboard)"),
			act("Establish a social work academy for newly qualified social workers in their ASYE", "ASYE completion and retention after two years"),
			act("Introduce a market supplement for hard-to-fill team manager posts", "Permanent team managers in post"),
			act("Run an international recruitment programme for experienced social workers", "International recruits in post and retained").
				say("Second cohort of {k} international social workers arrives in {next}; induction and housing support arranged."),
			act("Ensure all social workers receive monthly reflective supervision recorded on the child's file", "Supervision within timescale (KPI scorecard)").ongoing(),
			act("Implement a workforce development strategy with a clear career progression framework", "Staff survey: career development questions"),
			act("Hold exit interviews with all leavers and report themes to the Workforce Board quarterly", "Exit interview completion rate and themes"),
			act("Recruit permanent team managers to all safeguarding teams", "Permanent team managers in post"),
			act("Deliver a management development programme for team managers and practice leads", "Programme completion; management oversight in audits"),
			act("Introduce a protected caseload for newly qualified social workers in their first year", "NQSW caseloads (monthly caseload report)"),
			act("Review the social work pay and grading structure against regional neighbours", "Pay benchmarking report; turnover rate"),
			act("Launch a staff wellbeing offer including clinical supervision for front-line teams", "Sickness absence days; staff survey wellbeing score"),
			act("Develop a grow-your-own social work apprenticeship route with a local university", "Apprentices enrolled"),
			act("Introduce a monthly workforce dashboard covering vacancies, agency use and turnover", "Dashboard reported to the Workforce Board"),
			act("Ensure every agency social worker has a completed induction and a named line manager within two weeks of starting", "Induction checklist compliance"),
			act("Hold quarterly staff engagement sessions with the DCS and act on the staff survey results", "Staff survey engagement score"),
			{
				text: "Conclude the HR investigation into allegations about the conduct of two agency social workers in the " +
					"Assessment West team, including the handling of a child's disclosure, and report findings to the DCS",
				evidence:     "Investigation report and DCS decision",
				confidential: true,
				lead:         "HR Business Partner, Children's Services",
				updates: []string{
					"RESTRICTED: investigation continuing; both workers remain suspended from practice. Interim report to the DCS in {prev}.",
					"RESTRICTED: investigating officer's report received in {prev}; findings shared with the DCS and the LADO. Not for publication.",
				},
				closing: "RESTRICTED: investigation concluded in {done}; one worker's contract ended and a referral made to Social Work England. Not for publication.",
			},
		},
		leads:  []string{"Head of Workforce Development", "Principal Social Worker", "HR Business Partner, Children's Services", "Assistant Director, Safeguarding and Family Support"},
		recs:   []int{0, 2},
		recPct: 70,
	},
	{
		name:   "Service and practice development",
		prefix: "SPD",
		actions: []planItem{
			act("Embed a single practice model (Signs of Safety) across all children's social care teams", "Practice model evident in audited files").
				say("Practice model training delivered to {m} practitioners; practice leads are supporting teams with case mapping."),
			act("Improve the quality of assessments so that they are analytical and reflect the child's lived experience", "Audit grades for assessments (% good or better)").
				say("Audit in {prev} graded {pct}% of assessments good or better, up on the previous quarter."),
			act("Ensure every child in need and child protection plan is SMART and reviewed within timescale", "Audit grades for plans; reviews within timescale"),
			act("Strengthen the response to children at risk of exploitation through a dedicated adolescent service", "Children at risk of exploitation with a safety plan"),
			act("Introduce a practice standards handbook and ensure all staff are trained in it", "Staff trained; compliance in audits"),
			act("Ensure the voice of the child is recorded in all assessments and plans", "Voice of the child evident in audited files"),
			act("Improve the timeliness of initial child protection conferences", "ICPCs within 15 working days (KPI scorecard)"),
			act("Strengthen management oversight of decisions at the point of step-up and step-down", "Management oversight evident in audited files"),
			act("Review the use of Public Law Outline pre-proceedings and reduce drift for children", "Average weeks in pre-proceedings"),
			act("Implement a revised chronology template and keep chronologies up to date for all children subject to a plan", "Chronologies up to date (Liquidlogic report)"),
			act("Introduce a neglect strategy and roll out the Graded Care Profile 2 tool", "GCP2 assessments completed"),
			act("Place a specialist domestic abuse practitioner in each assessment team", "Repeat referrals for domestic abuse"),
			act("Improve the quality of direct work with children using a shared toolkit", "Audit grades for direct work"),
			act("Ensure children who go missing are offered a return home interview within 72 hours", "Return home interviews within 72 hours"),
			act("Establish a practice week programme in which senior leaders observe front-line practice", "Practice week observations and actions"),
			act("Review thresholds for strategy discussions and Section 47 enquiries with partners", "Section 47 enquiries leading to ICPC"),
			act("Develop a family group conferencing service available at all stages of intervention", "Families offered a family group conference"),
			act("Implement contextual safeguarding approaches in the adolescent service", "Peer and location assessments completed"),
			act("Ensure disabled children receive timely assessments and plans that reflect their needs", "Assessments within 45 working days, Disabled Children team"),
			act("Improve the quality of recording on Liquidlogic through a recording policy and training", "Recording quality in audits"),
			act("Introduce legal gateway panels chaired by a Head of Service", "Legal gateway decisions within timescale"),
			act("Ensure pre-birth assessments begin by 20 weeks of pregnancy", "Pre-birth assessments started by 20 weeks"),
		},
		leads:  []string{"Head of Service, Safeguarding", "Head of Service, Assessment and Intervention", "Principal Social Worker", "Service Manager, Adolescent Services", "Service Manager, Disabled Children"},
		recs:   []int{1, 2, 3},
		recPct: 75,
	},
	{
		name:   "Performance and quality assurance",
		prefix: "PQA",
		actions: []planItem{
			act("Implement a revised quality assurance framework with monthly practice audits", "Monthly audit completion and grades").
				say("Audit cycle completed in {prev}: {m} files audited; moderation by the Principal Social Worker under way."),
			act("Develop a performance scorecard reported monthly to the Improvement Board", "Scorecard reported to the Improvement Board"),
			act("Introduce moderation of practice audits by the Principal Social Worker", "Audits moderated; grade changes on moderation"),
			act("Share learning from audits with teams through monthly learning briefings", "Learning briefings issued"),
			act("Establish a quarterly performance clinic chaired by the Director of Children's Services", "Clinic actions completed"),
			act("Improve data quality on Liquidlogic so that performance reports are accurate", "Data quality exceptions on Liquidlogic"),
			act("Introduce a team-level performance dashboard available to all managers", "Dashboard use by managers"),
			act("Ensure IRO and CP chair escalations are tracked and resolved within timescale", "Escalations resolved within 20 working days"),
			act("Carry out a thematic audit of children subject to repeat child protection plans", "Repeat child protection plans"),
			act("Review the complaints process and use complaints to improve practice", "Complaints responded to within timescale"),
			act("Collect feedback from children and families as part of every practice audit", "Audits with family feedback"),
			act("Introduce a practice improvement tracker to follow up audit actions", "Audit actions completed within timescale"),
			act("Commission an external peer review of front door decision making", "Peer review findings and action plan"),
			act("Develop the annual self-evaluation for Ofsted using the ILACS framework", "Self-evaluation agreed by the Improvement Board"),
			act("Strengthen the role of the Independent Reviewing Officer in challenging drift", "IRO challenges resolved; reviews within timescale"),
			act("Publish an annual quality assurance report to the Children and Young People Scrutiny Committee", "Report considered by Scrutiny Committee"),
			act("Replace manual performance spreadsheets with automated reports from the data warehouse", "Reports automated"),
			act("Audit management oversight on case files monthly and report compliance by team", "Management oversight compliance by team"),
		},
		leads:  []string{"Head of Quality Assurance", "Performance and Intelligence Manager", "Service Manager, Independent Reviewing Service", "Principal Social Worker"},
		recs:   []int{6, 2},
		recPct: 70,
	},
	{
		name:   "Commissioning resources",
		prefix: "CR",
		actions: []planItem{
			act("Develop a placement sufficiency strategy for children in care", "Strategy approved by Cabinet"),
			act("Increase the number of in-house foster carers through a targeted recruitment campaign", "In-house foster carer households approved").
				say("{n} new foster carer households approved since April 2022; {k} more going to panel in {next}."),
			act("Reduce the number of children placed more than 20 miles from home", "Children placed more than 20 miles from home"),
			act("Open a new in-house residential home for children with complex needs", "Home registered with Ofsted").tbc(),
			act("Recommission the independent advocacy and independent visitor service", "Children in care with an advocate or independent visitor"),
			act("Review high-cost external placements through a monthly placements panel", "External placement spend against budget").ongoing(),
			act("Join the regional commissioning framework for independent fostering agencies", "Average weekly cost of IFA placements"),
			act("Develop supported accommodation options for 16 and 17-year-olds", "16 and 17-year-olds in registered supported accommodation"),
			act("Ensure no child under 16 is placed in unregulated provision", "Children under 16 in unregulated provision"),
			act("Commission an edge-of-care service to support families at risk of breakdown", "Young people supported to remain at home"),
			act("Set a sustainable medium-term financial plan for children's social care", "Forecast outturn against budget"),
			act("Recommission the substance misuse service for young people", "Young people engaged in treatment"),
			act("Develop a market position statement for children's placements", "Statement published; provider engagement"),
			act("Commission therapeutic support for foster carers caring for children who have experienced trauma", "Foster carer retention; placement stability"),
			{
				text: "Commission an independent review of care at Moorside Lodge children's home after the Regulation 44 " +
					"visitor's findings on restraint and the Ofsted compliance notice, and decide the home's future",
				evidence:     "Compliance notice lifted; independent review report",
				confidential: true,
				lead:         "Head of Service, Children in Care",
				updates: []string{
					"RESTRICTED: independent reviewer appointed; admissions to Moorside Lodge suspended. Weekly oversight by the Head of Service.",
					"RESTRICTED: Ofsted monitoring visit in {prev}; compliance notice partly met. Options paper on the home's future to Cabinet in {next2}.",
				},
				closing: "RESTRICTED: compliance notice lifted in {done}; Cabinet agreed the home's re-designation as a short-breaks service. Not for publication.",
			},
		},
		leads:  []string{"Head of Commissioning", "Service Manager, Fostering", "Placements Manager", "Finance Business Partner, Children's Services", "Head of Service, Children in Care"},
		recs:   []int{4},
		recPct: 60,
	},
	{
		name:   "Early help and partnerships",
		prefix: "EHP",
		actions: []planItem{
			act("Establish a multi-agency front door with clear thresholds", "Contacts progressed within 1 working day (KPI scorecard)").
				say("Front door redesign workshops held with police and health in {prev}; go-live planned for {next2}."),
			act("Publish a revised threshold document agreed by the Safeguarding Partnership", "Contacts leading to no further action"),
			act("Develop an early help strategy with partners and a shared outcomes framework", "Strategy agreed by the Safeguarding Partnership"),
			act("Ensure early help assessments are completed within 45 days", "Early help assessments within 45 days (KPI scorecard)"),
			act("Co-locate police, health and education staff in the MASH", "Partner staff in the MASH"),
			act("Train partner agencies in the revised threshold guidance", "Partner staff trained"),
			act("Launch family hubs in each of the four localities", "Family hubs open; families using them"),
			act("Improve the quality of referrals from schools through a designated safeguarding lead network", "Quality of school referrals (MASH audit)"),
			act("Ensure strategy discussions involve police, health and education in every case", "Strategy discussions with all three agencies"),
			act("Increase the number of families achieving sustained outcomes through the Supporting Families programme", "Families with sustained outcomes"),
			act("Introduce a step-down protocol from children's social care to early help", "Step-downs re-referred within 6 months"),
			act("Review the Safeguarding Partnership's multi-agency audit programme", "Multi-agency audits completed"),
			act("Agree a joint protocol with housing for 16 and 17-year-olds presenting as homeless", "Homeless 16 and 17-year-olds assessed jointly"),
			act("Embed a consistent early help offer in all schools and nurseries", "Early help assessments started by schools"),
			act("Establish a multi-agency exploitation panel with police and community safety partners", "Children discussed at panel with a disruption plan"),
			act("Improve information sharing between health visitors and social care for children under five", "Health visitor attendance at strategy discussions"),
			act("Work with the voluntary sector to provide parenting support programmes", "Parents completing programmes"),
			act("Commission a domestic abuse perpetrator programme with the Police and Crime Commissioner", "Perpetrators completing the programme").tbc(),
		},
		leads:  []string{"Head of Early Help", "Service Manager, Front Door / MASH", "Safeguarding Partnership Business Manager", "Family Hubs Programme Manager"},
		recs:   []int{7, 3},
		recPct: 70,
	},
	{
		name:   "Corporate parenting",
		prefix: "CP",
		actions: []planItem{
			act("Ensure every child in care has an up-to-date care plan reviewed by an IRO", "Children in care with an up-to-date care plan").
				say("{pct}% of children in care now have an up-to-date plan; the IRO service is chasing the rest."),
			act("Refresh the corporate parenting strategy with the Children in Care Council", "Strategy agreed with the Children in Care Council"),
			act("Ensure every child in care has a health assessment within statutory timescales", "Health assessments up to date (KPI scorecard)"),
			act("Ensure every child in care has a permanence plan by their second review", "Children with a permanence plan by their second review"),
			act("Increase the number of care leavers in education, employment or training", "Care leavers in EET (KPI scorecard)"),
			act("Ensure every care leaver has a pathway plan and an allocated personal adviser", "Care leavers with an up-to-date pathway plan"),
			act("Launch a local offer for care leavers including council tax exemption", "Local offer published; take-up"),
			act("Reduce the number of children in care with three or more placements in a year", "Children in care with 3+ placements (KPI scorecard)"),
			act("Complete personal education plans every term for all children in care", "PEPs completed in term"),
			act("Strengthen the Virtual School's role in improving attendance and attainment", "Attendance of children in care"),
			act("Improve the timeliness of adoption for children with a plan for adoption", "Average days from care entry to adoption (KPI scorecard)"),
			act("Complete life-story work for all children with a plan for permanence", "Life-story books completed"),
			act("Increase the number of children in care who take part in their reviews", "Children in care taking part in their reviews"),
			act("Offer care leavers apprenticeships and work experience within the council", "Care leavers in council apprenticeships"),
			act("Place brothers and sisters in care together wherever possible", "Brothers and sisters placed together"),
			act("Improve the quality of visits to children in care through regular audits", "Visits within timescale; audit grades"),
			act("Review all children placed at home with parents under a care order", "Reviews completed; orders discharged"),
			act("Train elected members in their corporate parenting responsibilities", "Members trained"),
			act("Ensure care leavers have suitable accommodation when they turn 18", "Care leavers in suitable accommodation"),
			act("Provide emotional health and wellbeing support for children in care through a dedicated CAMHS pathway", "SDQ scores; CAMHS waiting times for children in care"),
		},
		leads:  []string{"Head of Service, Children in Care", "Service Manager, Care Leavers", "Virtual School Headteacher", "Service Manager, Fostering", "Designated Nurse for Children in Care", "Service Manager, Adoption and Permanence"},
		recs:   []int{4, 5, 1},
		recPct: 60,
	},
	{
		name:   "SEND",
		prefix: "SEND",
		actions: []planItem{
			act("Ensure Education, Health and Care Plans are issued within 20 weeks", "EHC plans issued within 20 weeks").
				say("{pct}% of EHC plans were issued within 20 weeks in {prev}; additional educational psychology capacity agreed."),
			act("Improve the quality of EHC plans through multi-agency audits", "EHC plan audit grades"),
			act("Develop a joint SEND strategy with the Integrated Care Board", "Strategy agreed by the SEND Partnership Board"),
			act("Reduce waiting times for autism and ADHD assessments", "Weeks waiting for neurodevelopmental assessment"),
			act("Co-produce the Local Offer website with parents and carers", "Parent carer forum feedback"),
			act("Improve the annual review process for EHC plans", "Annual reviews completed within timescale"),
			act("Increase specialist school places within the borough", "Children in out-of-borough special schools").tbc(),
			act("Establish a SEND Partnership Board with parent carer forum representation", "Board meeting with forum attendance"),
			act("Review short breaks provision for disabled children and their families", "Families receiving short breaks"),
			act("Improve transition planning for young people with SEND moving into adulthood", "Transition plans at age 14"),
			act("Reduce the number of children with SEND who are excluded from school", "Suspensions and exclusions of children with SEND"),
			act("Develop a graduated approach toolkit for mainstream schools", "Schools using the toolkit"),
			act("Identify the special educational needs of children in care in their care plans", "Children in care with SEN recorded in care plans"),
			act("Commission additional speech and language therapy capacity", "Weeks waiting for speech and language therapy"),
			act("Introduce a SEND performance dashboard for the SEND Partnership Board", "Dashboard reported to the Board"),
			act("Respond to the recommendations of the LGA SEND peer review", "Peer review recommendations closed"),
			act("Keep families informed of the progress of EHC needs assessments", "Parent carer survey: communication"),
		},
		leads:  []string{"Head of SEND", "SEND Assessment Manager", "Designated Clinical Officer for SEND", "Head of Inclusion"},
		recs:   []int{1},
		recPct: 15,
	},
}

// ofstedRecs are the recommendations of the inspection report.
var ofstedRecs = []string{
	"Rec 1: Workforce stability and caseloads",
	"Rec 2: Quality and timeliness of assessments and plans",
	"Rec 3: Management oversight and supervision",
	"Rec 4: Response to children at risk of exploitation and going missing",
	"Rec 5: Placement sufficiency and stability",
	"Rec 6: Support for care leavers",
	"Rec 7: Performance management and quality assurance",
	"Rec 8: Application of thresholds at the front door",
}
