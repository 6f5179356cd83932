package graph

import (
	"github.com/hnvt/bairi/graph/model"
	"github.com/hnvt/bairi/internal/workday"
	"github.com/hnvt/bairi/internal/workinlieu"
)

// ledgerStatus maps a county's ledger status onto the API.
func ledgerStatus(st *workinlieu.Status, err error) (*model.CountyLedgerStatus, error) {
	if err != nil {
		return nil, err
	}
	out := &model.CountyLedgerStatus{Region: st.Region, Campaign: st.Campaign, Enterprises: st.Enterprises,
		PriorityEnterprises: st.Priority, InWorkGroup: st.InWorkGroup, OnTime: st.OnTime()}
	if due := st.Campaign.LedgerDueOn; due != nil {
		d := workday.DateOf(*due, nil)
		out.DueOn = &d
	}
	if l := st.Ledger; l != nil {
		wg := workday.DateOf(l.WorkGroupCreatedOn, nil)
		out.CompletedAt, out.WorkGroupCreatedOn = &l.CompletedAt, &wg
	}
	return out, nil
}

func deref[T any](p *T) T {
	var zero T
	if p == nil {
		return zero
	}
	return *p
}
