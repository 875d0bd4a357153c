package xlsx

import (
	"strings"
	"unicode"
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
)

// field is one column a sheet kind knows, with the header spellings that
// name it (normalised by normHeader).
type field struct {
	name     string
	aliases  []string
	required bool
}

// schema is what a sheet kind's header row must and may hold. anyOf lists
// fields of which at least one must be present.
type schema struct {
	kind   Kind
	fields []field
	anyOf  []string
}

// schemas are tried in order; the most specific (most matched columns) wins.
var schemas = []schema{
	{kind: Actions, fields: []field{
		{name: "ref", aliases: []string{"ref", "reference", "actionref", "actionreference", "id", "no", "actionno", "actionnumber", "actionid"}, required: true},
		{name: "action", aliases: []string{"action", "actiondescription", "whatwewilldo", "description", "actions"}, required: true},
		{name: "progress", aliases: []string{"progressrag", "rag", "brag", "deliveryrag", "ontrack", "ragstatus", "progressrating", "deliveryrating", "overallrag"}},
		{name: "status", aliases: []string{"status", "actionstatus", "deliverystatus"}},
		{name: "area", aliases: []string{"priorityarea", "theme", "workstream", "deliveryproject", "project", "area", "priority"}},
		{name: "lead", aliases: []string{"lead", "leadofficer", "owner", "responsibleofficer", "actionowner", "responsible"}},
		{name: "due", aliases: []string{"duedate", "targetdate", "deadline", "bywhen", "timescale", "due", "completiondate"}},
		{name: "revised", aliases: []string{"revisedduedate", "reviseddate", "revisedtargetdate", "revisedtimescale"}},
		{name: "impact", aliases: []string{"impactrag", "impactrating", "impact"}},
		{name: "update", aliases: []string{"progressupdate", "update", "commentary", "comments", "latestupdate"}},
		{name: "evidence", aliases: []string{"impactmeasureevidence", "impactmeasure", "evidence", "evidenceofimpact"}},
		{name: "ofsted", aliases: []string{"ofstedrecommendation", "ofstedrec", "recommendation"}},
		{name: "lastupdated", aliases: []string{"lastupdated", "dateupdated", "updated"}},
		{name: "confidential", aliases: []string{"confidential", "exempt"}},
	}, anyOf: []string{"progress", "status"}},
	{kind: Allocations, fields: []field{
		{name: "child", aliases: []string{"childid", "personid", "lcsid", "childref", "clientid"}, required: true},
		{name: "team", aliases: []string{"team", "teamname"}, required: true},
		{name: "worker", aliases: []string{"allocatedworker", "worker", "keyworker", "socialworker"}, required: true},
		{name: "month", aliases: []string{"month", "snapshotdate", "date", "asat"}},
		{name: "workerfte", aliases: []string{"workerfte", "fte"}},
	}},
	{kind: Caseloads, fields: []field{
		{name: "month", aliases: []string{"month", "period", "monthending"}, required: true},
		{name: "team", aliases: []string{"team", "teamname"}, required: true},
		{name: "fte", aliases: []string{"caseholdingfte", "caseholdersfte", "socialworkersfte", "caseholdingstafffte"}, required: true},
		{name: "cases", aliases: []string{"cases", "childrenallocated", "opencases", "allocatedcases", "caseload"}, required: true},
		{name: "target", aliases: []string{"targetcaseload", "target", "caseloadtarget"}},
	}},
	{kind: Workforce, fields: []field{
		{name: "month", aliases: []string{"month", "period", "monthending"}, required: true},
		{name: "inpost", aliases: []string{"inpostfte", "permanentfte", "socialworkersfte", "inpost", "permanentstafffte"}, required: true},
		{name: "agency", aliases: []string{"agencyfte", "agency", "agencyworkersfte"}, required: true},
		{name: "vacancies", aliases: []string{"vacanciesfte", "vacancies", "vacancyfte"}, required: true},
		{name: "team", aliases: []string{"team", "teamname"}},
		{name: "starters", aliases: []string{"startersfte"}},
		{name: "leavers", aliases: []string{"leaversfte", "leavers"}},
		{name: "establishment", aliases: []string{"establishmentfte", "establishment"}},
		{name: "agencycover", aliases: []string{"agencycoveringvacanciesfte", "agencycoveringvacancies"}},
		{name: "absence", aliases: []string{"absencedays", "sicknessdays"}},
	}},
	{kind: Recruitment, fields: []field{
		{name: "month", aliases: []string{"month", "period", "monthending"}, required: true},
		{name: "adverts", aliases: []string{"adverts", "advertsplaced", "jobadverts"}},
		{name: "applications", aliases: []string{"applications", "applicationsreceived"}},
		{name: "interviews", aliases: []string{"interviews", "interviewed"}},
		{name: "offers", aliases: []string{"offers", "offersmade"}},
		{name: "starters", aliases: []string{"starters", "newstarters"}},
		{name: "international", aliases: []string{"internationalrecruits"}},
		{name: "withdrawals", aliases: []string{"withdrawals"}},
	}, anyOf: []string{"adverts", "applications", "interviews", "offers", "starters"}},
	{kind: KPIs, fields: []field{
		{name: "month", aliases: []string{"month", "period", "monthending"}, required: true},
		{name: "indicator", aliases: []string{"indicator", "measure", "kpi", "indicatorname"}, required: true},
		{name: "value", aliases: []string{"value", "actual", "result"}, required: true},
		{name: "target", aliases: []string{"target"}},
		{name: "polarity", aliases: []string{"polarity", "direction", "goodis"}},
		{name: "england", aliases: []string{"england", "englandaverage", "national"}},
		{name: "sn", aliases: []string{"statisticalneighbours", "statneighbours", "sn", "statisticalneighbouraverage"}},
		{name: "region", aliases: []string{"region", "regional"}},
		{name: "unit", aliases: []string{"unit", "units"}},
	}},
}

// normHeader folds a header for matching: lower case, letters and digits
// only, so "Due Date", "due_date" and "DUE\nDATE" all read "duedate".
func normHeader(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// headerKeys returns the spellings to try for one header cell: the whole
// header, and the header without a bracketed note ("Due date (dd/mm/yyyy)").
func headerKeys(s string) []string {
	keys := []string{normHeader(s)}
	if i := strings.IndexAny(s, "(["); i > 0 {
		keys = append(keys, normHeader(s[:i]))
	}
	return keys
}

// match is a header row matched against one schema: the column index of
// each field found.
type match struct {
	schema *schema
	cols   map[string]int
}

// matchHeader matches cells against sc, using extra (normalised header ->
// field name) from the config before the built-in aliases. It reports
// whether every required field (and one of anyOf) was found.
func matchHeader(sc *schema, cells []string, extra map[string]string) (match, bool) {
	m := match{schema: sc, cols: map[string]int{}}
	for i, c := range cells {
		for _, key := range headerKeys(c) {
			if key == "" {
				continue
			}
			name := ""
			if f, ok := extra[key]; ok {
				name = f
			} else {
				name = sc.lookup(key)
			}
			if name == "" {
				continue
			}
			if _, dup := m.cols[name]; !dup && sc.has(name) {
				m.cols[name] = i
			}
			break
		}
	}
	for _, f := range sc.fields {
		if _, ok := m.cols[f.name]; f.required && !ok {
			return m, false
		}
	}
	if len(sc.anyOf) > 0 {
		found := false
		for _, n := range sc.anyOf {
			if _, ok := m.cols[n]; ok {
				found = true
			}
		}
		if !found {
			return m, false
		}
	}
	return m, true
}

func (sc *schema) lookup(key string) string {
	for _, f := range sc.fields {
		for _, a := range f.aliases {
			if a == key {
				return f.name
			}
		}
	}
	return ""
}

func (sc *schema) has(name string) bool {
	for _, f := range sc.fields {
		if f.name == name {
			return true
		}
	}
	return false
}

// FieldName returns the field a user's name for a column means ("Priority
// area", "due date", "area"), and false when no sheet kind knows it.
func FieldName(name string) (string, bool) {
	key := normHeader(name)
	for i := range schemas {
		if schemas[i].has(key) {
			return key, true
		}
	}
	for i := range schemas {
		if f := schemas[i].lookup(key); f != "" {
			return f, true
		}
	}
	return "", false
}
