// Package certification holds what R8 says about skill-level certification
// units (职业技能等级认定机构): which kinds of organisation file, what each
// kind hands in (the province's reference templates: 企业类、院校类、社会组织类
// 备案材料参考范本), and how a filing names its occupations and levels. The
// schema's hooks and policies (ent/schema/certificationunit_rules.go) apply
// it; it imports nothing of the schema, whose generated code uses its types.
package certification

import (
	"slices"
	"strings"

	"github.com/hnvt/bairi/internal/fault"
)

// Kinds gives the kind of filing each kind of organisation makes
// (enterprises, technician colleges and other schools, industry associations
// and societies, training institutions); organisations of other kinds (the
// bureaus) do not certify.
var Kinds = map[string]string{
	"ENTERPRISE":              "ENTERPRISE",
	"TECHNICIAN_COLLEGE":      "SCHOOL",
	"SENIOR_TECHNICAL_SCHOOL": "SCHOOL",
	"TECHNICAL_SCHOOL":        "SCHOOL",
	"INDUSTRY_ASSOCIATION":    "ASSOCIATION",
	"TRAINING_INSTITUTION":    "TRAINING_INSTITUTION",
}

// FilingKinds are the kinds of filing.
var FilingKinds = []string{"ENTERPRISE", "SCHOOL", "ASSOCIATION", "TRAINING_INSTITUTION"}

// Items are the filing materials any checklist may ask for.
var Items = []string{"APPLICATION_FORM", "LEGAL_REGISTRATION", "WORK_PLAN", "ASSESSORS",
	"VENUE_EQUIPMENT", "QUALITY_RULES", "STAFF_ROSTER", "SCHOOL_LICENCE", "INDUSTRY_STANDING"}

// Checklists are the materials each kind of filing hands in: every kind its
// application form, legal registration, work plan, assessors and
// supervisors, venue and equipment, and quality rules; an enterprise its
// staff roster (it certifies its own workers), a school or a training
// institution its licence to teach, an association its standing in its
// industry.
var Checklists = map[string][]string{
	"ENTERPRISE":           checklist("STAFF_ROSTER"),
	"SCHOOL":               checklist("SCHOOL_LICENCE"),
	"ASSOCIATION":          checklist("INDUSTRY_STANDING"),
	"TRAINING_INSTITUTION": checklist("SCHOOL_LICENCE"),
}

func checklist(own string) []string {
	return []string{"APPLICATION_FORM", "LEGAL_REGISTRATION", "WORK_PLAN", "ASSESSORS", "VENUE_EQUIPMENT", "QUALITY_RULES", own}
}

// Missing lists the items of a kind's checklist not among those handed in.
func Missing(kind string, handedIn []string) []string {
	out := []string{}
	for _, item := range Checklists[kind] {
		if !slices.Contains(handedIn, item) {
			out = append(out, item)
		}
	}
	return out
}

// Occupation is an occupation (工种) a filing certifies, at skill levels 5
// (初级工) to 1 (高级技师).
type Occupation struct {
	Occupation string `json:"occupation"`
	Levels     []int  `json:"levels"`
}

// Covers reports whether the occupations cover an occupation at a level.
func Covers(occupations []Occupation, occupation string, level int) bool {
	occupation = strings.TrimSpace(occupation)
	for _, o := range occupations {
		if o.Occupation == occupation && slices.Contains(o.Levels, level) {
			return true
		}
	}
	return false
}

// CheckOccupations cleans the occupations of a filing: each named (1 to 64
// characters) once, with levels from 5 (初级工) to 1 (高级技师), listed from
// 5 down and each once.
func CheckOccupations(in []Occupation) ([]Occupation, error) {
	if len(in) == 0 {
		return nil, fault.Input("occupations", "a filing names at least one occupation with its levels")
	}
	out := make([]Occupation, 0, len(in))
	seen := map[string]bool{}
	for _, o := range in {
		name := strings.TrimSpace(o.Occupation)
		if name == "" || len([]rune(name)) > 64 {
			return nil, fault.Input("occupations", "an occupation of 1 to 64 characters is required")
		}
		if seen[name] {
			return nil, fault.Input("occupations", "the occupation %s is listed twice", name)
		}
		seen[name] = true
		if len(o.Levels) == 0 {
			return nil, fault.Input("occupations", "say at which levels %s is certified (5 初级工 to 1 高级技师)", name)
		}
		var levels []int
		for _, l := range o.Levels {
			if l < 1 || l > 5 {
				return nil, fault.Input("occupations", "the level is a number from 5 (初级工) to 1 (高级技师)")
			}
			if !slices.Contains(levels, l) {
				levels = append(levels, l)
			}
		}
		slices.Sort(levels)
		slices.Reverse(levels)
		out = append(out, Occupation{Occupation: name, Levels: levels})
	}
	return out, nil
}
