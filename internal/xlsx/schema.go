package xlsx

import (
	"strings"
)

// Kind is the kind of a sheet, recognised from its header row.
type Kind string

// Sheet kinds.
const (
	Actions     Kind = "actions"
	Caseloads   Kind = "caseloads"
	Allocations Kind = "allocations"
	Workforce   Kind = "workforce"
	Recruitment Kind = "recruitment"
	KPIs        Kind = "kpis"
	ActionLog   Kind = "action log" // a board's log of actions agreed at its meetings
)

// values says what a field's cells hold, for reading a column's values
// where its heading alone does not decide.
type values int

const (
	textValues values = iota
	dateValues
	numberValues
	ragValues
	statusValues
	idValues
)

// field is one column a sheet kind knows: its name in the code, its label
// in messages and boardpack.yaml, and the words and phrases of headings
// that name it, each with a weight (1 for a heading that can mean nothing
// else, less for one that usually means it). A heading containing one of
// veto's words never names the field ("Date raised" is not the due date).
type field struct {
	name     string
	label    string
	phrases  []string // "due date" or "due date|0.8"
	veto     []string
	required bool
	values   values
	// notRead, when set, says why a column recognised as the field is
	// listed as not read: it helps recognise the sheet (a dashboard of
	// rates is a workforce sheet) but the papers take nothing from it.
	notRead string
}

// schema is what a sheet kind's header row must and may hold. anyOf lists
// fields of which at least one must be present; minOthers is how many of
// the core fields (all fields not required, when core is empty) must be
// present besides the required ones.
type schema struct {
	kind      Kind
	fields    []field
	anyOf     []string
	minOthers int
	core      []string
}

// schemas are the sheet kinds; the best-scoring complete match wins.
var schemas = []schema{
	{kind: Actions, minOthers: 1, core: []string{"ref", "progress", "status", "due", "lead", "update"}, fields: actionFields},
	// A board's action log: what each meeting asked of whom, by when. Its
	// meeting column, a date, tells it from a tracker; it takes its other
	// columns' headings from the tracker's.
	{kind: ActionLog, minOthers: 2, core: []string{"ref", "lead", "due", "status"}, fields: append([]field{
		{name: "meeting", label: "meeting", required: true, values: dateValues, phrases: []string{
			"meeting", "meeting date", "date of meeting", "board date", "board meeting", "board meeting date",
			"date of board", "raised at", "raised at meeting", "meeting raised", "meeting held", "date of board meeting"},
			veto: []string{"next", "frequency", "note", "minute", "type", "link", "reported", "report"}},
	}, pick(actionFields, "ref", "action", "lead", "due", "status", "update", "closed", "confidential")...)},
	{kind: Allocations, fields: []field{
		{name: "child", label: "child id", required: true, values: idValues, phrases: []string{"child id", "person id", "lcs id", "child ref", "client id", "childid", "personid", "lcsid", "childref", "clientid", "child no", "case id", "mosaic id", "person ref", "child identifier"}},
		{name: "team", label: "team", required: true, phrases: []string{"team", "team name", "teamname", "allocated team"}},
		{name: "worker", label: "allocated worker", required: true, phrases: []string{"allocated worker", "worker", "key worker", "keyworker", "social worker", "allocatedworker", "socialworker", "worker name", "allocated social worker", "case worker"},
			veto: []string{"fte", "hour", "id", "average", "caseload"}},
		{name: "month", label: "snapshot date", values: dateValues, phrases: []string{"snapshot date", "month|0.9", "date|0.6", "as at", "snapshotdate", "asat", "extract date", "report date"},
			veto: []string{"number", "age", "birth", "referral", "last", "start", "end", "visit", "review"}},
		{name: "workerfte", label: "worker fte", values: numberValues, phrases: []string{"worker fte", "fte|0.8", "workerfte", "worker hour|0.7"}},
	}},
	{kind: Caseloads, fields: []field{
		{name: "month", label: "month", required: true, values: dateValues, phrases: []string{"month", "period", "month ending", "monthending", "month end", "reporting month", "reporting period", "date|0.7", "quarter|0.9"}},
		{name: "team", label: "team", required: true, phrases: []string{"team", "team name", "teamname"}},
		{name: "fte", label: "case-holding fte", required: true, values: numberValues, phrases: []string{"case holding fte", "caseholding fte", "caseholders fte", "social workers fte", "case holding staff fte", "caseholdingfte", "caseholdersfte", "socialworkersfte", "caseholdingstafffte", "case holding social worker fte", "fte case holding", "case holding worker fte",
			"caseholder|0.9", "case holder|0.9", "number of caseholders"}},
		{name: "cases", label: "cases", required: true, values: numberValues, phrases: []string{"cases", "children allocated", "open cases", "allocated cases", "caseload", "childrenallocated", "opencases", "allocatedcases", "number of children allocated", "allocated children", "children open", "open children"},
			veto: []string{"target", "average", "per"}},
		{name: "target", label: "target caseload", values: numberValues, phrases: []string{"target caseload", "target", "caseload target", "targetcaseload", "caseloadtarget"}},
	}},
	{kind: Workforce, fields: []field{
		{name: "month", label: "month", required: true, values: dateValues, phrases: []string{"month", "period", "month ending", "monthending", "month end", "reporting month", "reporting period", "date|0.7", "quarter|0.9"}},
		{name: "inpost", label: "in-post fte", required: true, values: numberValues, phrases: []string{"in post fte", "inpost fte", "permanent fte", "social workers fte|0.9", "in post", "permanent staff fte", "inpostfte", "permanentfte", "inpost", "permanentstafffte", "permanent social worker fte", "employed fte"}},
		{name: "agency", label: "agency fte", required: true, values: numberValues, phrases: []string{"agency fte", "agency", "agency workers fte", "agencyfte", "agencyworkersfte", "agency social worker fte", "locum fte", "interim fte"},
			veto: []string{"covering", "rate", "vacancie", "vacancy"}},
		{name: "vacancies", label: "vacancies fte", required: true, values: numberValues, phrases: []string{"vacancies fte", "vacancies", "vacancy fte", "vacanciesfte", "vacancyfte", "vacant fte", "vacant post fte", "vacant post", "vacant|0.9"},
			veto: []string{"covering", "rate", "agency"}},
		{name: "team", label: "team", phrases: []string{"team", "team name", "teamname"}},
		{name: "starters", label: "starters fte", values: numberValues, phrases: []string{"starters fte", "startersfte", "new starters fte"}},
		{name: "leavers", label: "leavers fte", values: numberValues, phrases: []string{"leavers fte", "leavers", "leaversfte"}},
		{name: "establishment", label: "establishment fte", values: numberValues, phrases: []string{"establishment fte", "establishment", "establishmentfte", "funded establishment"}},
		{name: "agencycover", label: "agency covering vacancies fte", values: numberValues, phrases: []string{"agency covering vacancies fte", "agency covering vacancies", "agencycoveringvacanciesfte", "agencycoveringvacancies"}},
		{name: "agencyrate", label: "agency rate", values: numberValues, notRead: rateNotRead,
			phrases: []string{"agency rate", "agency worker rate", "agency rate fte", "agency worker rate fte", "percentage agency", "agency percentage"}},
		{name: "vacancyrate", label: "vacancy rate", values: numberValues, notRead: rateNotRead,
			phrases: []string{"vacancy rate", "vacancy rate fte", "percentage vacancie", "vacancy percentage"},
			veto:    []string{"agency", "cover", "covering"}},
		{name: "turnoverrate", label: "turnover rate", values: numberValues, notRead: rateNotRead,
			phrases: []string{"turnover rate", "turnover", "turnover rate fte"}},
		{name: "absence", label: "absence days", values: numberValues, phrases: []string{"absence days", "sickness days", "absencedays", "sicknessdays"}},
	}},
	{kind: Recruitment, fields: []field{
		{name: "month", label: "month", required: true, values: dateValues, phrases: []string{"month", "period", "month ending", "monthending", "month end", "reporting month", "reporting period", "date|0.7", "quarter|0.9"}},
		{name: "adverts", label: "adverts", values: numberValues, phrases: []string{"adverts", "adverts placed", "job adverts", "advertsplaced", "jobadverts", "posts advertised"}, veto: []string{"fte", "date"}},
		{name: "applications", label: "applications", values: numberValues, phrases: []string{"applications", "applications received", "applicationsreceived", "applicants", "number of applicants"}, veto: []string{"fte", "date"}},
		{name: "interviews", label: "interviews", values: numberValues, phrases: []string{"interviews", "interviewed", "candidates interviewed"}, veto: []string{"fte", "date"}},
		{name: "offers", label: "offers", values: numberValues, phrases: []string{"offers", "offers made", "offersmade"}, veto: []string{"fte", "date"}},
		{name: "starters", label: "starters", values: numberValues, phrases: []string{"starters", "new starters", "newstarters"}, veto: []string{"fte", "date"}},
		{name: "international", label: "international recruits", values: numberValues, phrases: []string{"international recruits", "internationalrecruits"}, veto: []string{"fte"}},
		{name: "withdrawals", label: "withdrawals", values: numberValues, phrases: []string{"withdrawals"}, veto: []string{"fte"}},
	}, anyOf: []string{"adverts", "applications", "interviews", "offers", "starters"}},
	{kind: KPIs, fields: []field{
		{name: "month", label: "month", required: true, values: dateValues, phrases: []string{"month", "period", "month ending", "monthending", "month end", "reporting month", "reporting period", "date|0.7", "quarter|0.9"}},
		{name: "indicator", label: "indicator", required: true, phrases: []string{"indicator", "measure", "kpi", "indicator name", "indicatorname", "kpi name", "performance indicator", "measure name"}},
		{name: "value", label: "value", required: true, values: numberValues, phrases: []string{"value", "actual", "result", "performance|0.7", "outturn"}},
		{name: "target", label: "target", values: numberValues, phrases: []string{"target"}},
		{name: "polarity", label: "polarity", phrases: []string{"polarity", "direction", "good is", "goodis", "higher or lower is better",
			"good performance is", "good perf is", "good performance"},
			veto: []string{"travel", "dot", "trend"}}, // "Direction of travel" is the trend, not which way is better
		{name: "england", label: "england", values: numberValues, phrases: []string{"england", "england average", "national", "englandaverage", "nat ave", "nat avg", "national average", "eng ave"}},
		{name: "sn", label: "statistical neighbours", values: numberValues, phrases: []string{"statistical neighbours", "stat neighbours", "sn", "statistical neighbour average", "statneighbours", "statisticalneighbouraverage",
			"stat neigh", "stat neigh ave", "sn ave", "sn average", "statistical neighbour"}},
		{name: "region", label: "region", values: numberValues, phrases: []string{"region", "regional"}},
		{name: "unit", label: "unit", phrases: []string{"unit", "units"}},
	}},
}

// rateNotRead says why a workforce rate column is not read.
const rateNotRead = "a rate: boardpack works out the rates from the FTE columns (in post, agency, vacancies, leavers)"

// actionFields are the columns of an improvement-plan tracker.
var actionFields = []field{
	{name: "ref", label: "ref", values: idValues, phrases: []string{
		"ref", "reference", "ref no", "reference no", "action ref", "action reference", "action no", "action id",
		"id|0.85", "no|0.8", "ser no", "serial no", "serial", "rec no", "recommendation no", "recommendation ref",
		"item no", "issue id", "milestone ref", "milestone reference", "objective no", "objective ref",
		"action code", "code|0.6", "key|0.5", "uid", "unique id", "unique ref", "actionref", "actionid", "actionno",
		"refno", "rec ref", "task no", "task id", "sr no", "s no", "sl no", "item ref", "index|0.6"},
		veto: []string{"register", "document", "minute", "meeting", "link"}},
	{name: "action", label: "action", required: true, phrases: []string{
		"action", "action description", "description", "what we will do", "what will we do", "what|0.9",
		"actions required", "action required", "action to be taken", "actions to be taken", "specific action",
		"key action", "action item", "action detail", "activity", "task", "milestone", "deliverable",
		"objective|0.75", "objective detail", "recommendation|0.75", "improvement action", "planned action",
		"proposed action", "agreed action", "what need to happen", "what are we going to do", "intervention|0.7",
		"measure to be taken", "step|0.6", "issue description|0.9", "summary of action", "action summary",
		"action plan|0.7", "commitment|0.5", "key task", "outcome|0.5", "work area|0.5", "key work area|0.8"},
		veto: []string{"risk", "assumption", "dependency", "taken", "from", "owner", "date", "when", "level", "completed",
			"complete", "future", "next", "sub", "no", "id", "ref", "lead", "status", "update", "to date", "point implementation",
			"monitoring", "expect"}},
	{name: "progress", label: "progress rag", values: ragValues, phrases: []string{
		"rag", "ragb", "brag", "rag rating", "rag status", "brag status", "brag rating", "progress rag",
		"delivery rag", "overall rag", "progress rating", "delivery rating", "red amber green", "rating|0.7",
		"progress indicator", "traffic light", "ontrack", "on track", "rag progress", "current rag",
		"status rag", "rag this month", "rag delivery", "delivery confidence|0.8", "confidence rating",
		"progress status|0.8", "overall status|0.7", "progress snapshot", "progress score|0.8", "progress assessment|0.8"},
		veto: []string{"impact", "risk", "rationale", "commentary", "comment", "previous", "last", "target", "reason", "key", "assessment key"}},
	{name: "status", label: "status", values: statusValues, phrases: []string{
		"status", "current status", "action status", "delivery status", "stage", "state|0.6",
		"status of recommendation", "status of action", "implementation status", "completion status",
		"progress status", "overall status", "recommendation status", "outcome|0.72", "status comment|0.9",
		"status commentary|0.9", "status and comment|0.9", "status update|0.5"},
		veto: []string{"update", "impact", "previous", "last", "date", "comment", "commentary", "rag", "score", "percentage"}},
	{name: "area", label: "priority area", phrases: []string{
		"priority area", "priority|0.8", "area", "theme", "workstream", "work stream", "delivery project",
		"project|0.8", "strand", "domain", "pillar", "improvement area", "area of work",
		"area of focus", "focus area", "service area", "subject|0.7", "item|0.55", "review|0.55",
		"standard|0.7", "key line of enquiry", "kloe", "commitment|0.8", "programme|0.8", "exception area",
		"board priority", "strategic priority", "improvement priority", "priority theme", "work area",
		"aim|0.6", "goal|0.6", "heading|0.6", "group|0.5", "workstream area", "improvement theme",
		"priority area ofsted", "select committee", "committee|0.6"},
		veto: []string{"score", "level", "rating", "date", "minute", "link", "lead", "owner", "manager", "name", "no", "id",
			"concern", "characteristic", "for action"}},
	{name: "lead", label: "lead", phrases: []string{
		"lead", "lead officer", "leads", "lead agency", "lead person", "action lead", "who", "owner",
		"action owner", "champion", "responsible", "responsible officer", "responsible party",
		"responsible person", "person responsible", "person in charge", "responsibility", "accountable",
		"accountable officer", "assigned to", "officer|0.8", "manager|0.6", "directorate|0.7",
		"sponsor|0.7", "lead member", "by whom", "owned by", "senior responsible officer", "sro",
		"recommendation responsible", "lead responsible", "delivery lead", "named lead", "lead exec director",
		"who by", "recommendation made to", "made to|0.8", "portfolio holder", "cabinet member|0.8",
		"group|0.55", "team|0.6", "lead manager", "lead person"},
		veto: []string{"raised", "validated", "created", "external", "updated", "by when", "date", "when", "agency worker", "type", "id"}},
	{name: "due", label: "due date", values: dateValues, phrases: []string{
		"due", "due date", "date due", "deadline", "target date", "target completion date", "by when",
		"when", "timescale", "end date", "planned end date", "planned completion date", "expected completion",
		"expected completion date", "completion target", "required by", "target|0.6", "due by", "original due date",
		"original target date", "target end date", "completion due", "date for completion", "planned date",
		"target deadline", "completion date|0.5", "implementation date", "agreed date", "timeframe",
		"time frame", "delivery date", "date to be completed by", "by|0.6", "duedate", "start rev end|0.8", "deadline date",
		"rev end|0.8", "start end|0.7", "target end|0.8", "finish date", "planned finish", "finish by"},
		veto: []string{"revised", "raised", "created", "meeting", "exec", "review", "closed", "actual", "new",
			"updated", "forecast", "amended", "last", "start", "open", "day", "completed", "date completed"}},
	{name: "revised", label: "revised due date", values: dateValues, phrases: []string{
		"revised", "revised due date", "revised date", "revised target date", "revised timescale",
		"revised deadline", "revised completion date", "revised target completion date", "new due date",
		"new target date", "new deadline", "forecast completion", "forecast completion date", "forecast date",
		"updated due date", "amended date", "amended due date", "revised end date", "rescheduled date", "new date",
		"new target", "new timescale"},
		veto: []string{"rag", "status", "comment"}},
	{name: "impact", label: "impact rag", values: ragValues, phrases: []string{
		"impact rag", "impact rating", "impact", "impact rag rating", "outcome rag", "impact status",
		"rag impact", "impact brag", "impact assessment|0.7", "impact rag status"},
		veto: []string{"measure", "evidence", "description", "statement", "comment", "commentary", "score", "evaluation",
			"probability", "assessment of"}},
	{name: "update", label: "progress update", phrases: []string{
		"progress update", "update", "status update", "commentary", "comment", "latest update",
		"progress|0.8", "progress to date", "progress made", "action taken", "progress commentary",
		"narrative", "position|0.7", "current position", "note|0.6", "remark|0.6", "mitigation",
		"response plan", "resolution action", "resolution", "steps taken", "performance against objective",
		"performance|0.6", "rag rationale", "rag commentary", "rationale", "rag reason", "reason for rag",
		"update this month", "monthly update", "progress narrative", "progress summary", "summary of progress",
		"what has been done", "what we have done", "comments on progress", "lead officer comment",
		"exception commentary", "progress and evidence|0.9", "update and next step", "next step|0.7",
		"action to date", "achievement|0.75", "assessment of achievement|0.9", "assessment|0.6",
		"output|0.7", "output outcome|0.9", "progress against|0.9", "response|0.7", "management response|0.9"},
		veto: []string{"update date", "date of update", "date updated", "updated on", "by when", "rag status", "rag rating", "review date"}},
	{name: "evidence", label: "evidence", phrases: []string{
		"evidence", "impact measure", "impact measure evidence", "evidence of impact", "measure of success",
		"success measure", "success criteria", "outcome measure", "how will we know", "impact evidence",
		"evidence of completion", "evidence of progress|0.8", "measure|0.6", "kpi|0.6", "performance measure",
		"what difference will it make", "expected outcome", "expected impact", "intended outcome", "how will we measure", "impact and outcome",
		"outcome measurement", "measurement|0.6", "success measurement"},
		veto: []string{"date", "rag", "rating", "status"}},
	{name: "ofsted", label: "ofsted recommendation", phrases: []string{
		"ofsted recommendation", "ofsted rec", "ofsted finding", "recommendation|0.7", "area for improvement",
		"item to be rectified", "finding", "inspection finding", "inspection recommendation", "audit finding",
		"what need to improve", "ofsted", "ilacs recommendation", "improvement required", "recommendation ref|0.5",
		"link to recommendation", "linked recommendation", "ofsted area for improvement", "source recommendation",
		"inspection area", "judgement area", "para ref", "paragraph ref", "paragraph reference", "para reference",
		"report ref|0.8", "cpa report|0.8", "inspection report ref", "para|0.7", "report paragraph", "jar recommendation|0.6"},
		veto: []string{"date", "status", "rag", "no", "number", "responsible"}},
	{name: "lastupdated", label: "last updated", values: dateValues, phrases: []string{
		"last updated", "date updated", "updated", "update date", "date of update", "last update",
		"last reviewed", "date last updated", "updated on", "as at"},
		veto: []string{"by"}},
	{name: "confidential", label: "confidential", phrases: []string{
		"confidential", "confidentiality", "exempt", "exempt information", "part 2", "part ii", "not for publication",
		"restricted", "sensitive", "sensitivity", "protective marking", "do not publish", "part two"}},
	{name: "closed", label: "date closed", values: dateValues, phrases: []string{
		"date closed", "closed date", "closed", "closure date", "completion date|0.9", "date completed",
		"actual completion date", "actual res date", "actual resolution date", "completed date",
		"resolved date", "date resolved", "actual date", "actual end date", "date complete", "completed on"},
		veto: []string{"target", "planned", "expected", "revised", "due", "by"}},
}

// pick returns copies of the named fields, in that order.
func pick(fields []field, names ...string) []field {
	var out []field
	for _, n := range names {
		for _, f := range fields {
			if f.name == n {
				out = append(out, f)
			}
		}
	}
	return out
}

// Ignore is the field a config maps a heading to so that its column is
// never read.
const Ignore = "ignore"

func (sc *schema) field(name string) *field {
	for i := range sc.fields {
		if sc.fields[i].name == name {
			return &sc.fields[i]
		}
	}
	return nil
}

func (sc *schema) has(name string) bool { return sc.field(name) != nil }

// label returns the field's label in boardpack.yaml: "case-holding fte".
func (sc *schema) label(name string) string {
	if f := sc.field(name); f != nil {
		return f.label
	}
	return name
}

// says returns a label as messages print it: "case-holding FTE".
func says(label string) string {
	w := strings.Fields(label)
	for i, x := range w {
		switch x {
		case "fte", "rag", "kpi", "id":
			w[i] = strings.ToUpper(x)
		case "ofsted":
			w[i] = "Ofsted"
		case "england":
			w[i] = "England"
		}
	}
	return strings.Join(w, " ")
}

func schemaOf(k Kind) *schema {
	for i := range schemas {
		if schemas[i].kind == k {
			return &schemas[i]
		}
	}
	return nil
}

// FieldName returns the field a user's name for a column means ("Priority
// area", "due date", "area", "case-holding FTE", "ignore"), and false when
// no sheet kind knows it.
func FieldName(name string) (string, bool) {
	key := strings.Join(tokens(name), "")
	if key == "" {
		return "", false
	}
	if key == Ignore {
		return Ignore, true
	}
	for i := range schemas {
		for _, f := range schemas[i].fields {
			if key == f.name || key == strings.Join(tokens(f.label), "") {
				return f.name, true
			}
		}
	}
	for i := range schemas {
		for _, f := range schemas[i].fields {
			for _, p := range f.phrases {
				p, _, _ = strings.Cut(p, "|")
				if key == strings.Join(tokens(p), "") {
					return f.name, true
				}
			}
		}
	}
	return "", false
}
