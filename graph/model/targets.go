package model

import (
	"github.com/hnvt/bairi/ent"
	"github.com/hnvt/bairi/ent/target"
	"github.com/hnvt/bairi/internal/sheet"
)

// TargetImportReport is an import's report with the breakdown check of the
// targets it wrote.
type TargetImportReport struct {
	*sheet.Report
	Breakdown []*BreakdownDifference
}

// BreakdownDifference is a region whose target of a category the regions
// directly below it do not share out exactly (amounts in the unit: int64,
// since spending targets are in yuan).
type BreakdownDifference struct {
	Region     *ent.Region
	Category   target.Category
	Unit       target.Unit
	Target     int64
	Shares     int64
	Difference int64
	Message    string
}
