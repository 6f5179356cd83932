package lifecycle

import "github.com/hnvt/bairi/internal/viewer"

// Roles, short, for the tables.
const (
	official  = viewer.RegionOfficial
	finance   = viewer.FinanceOfficer
	inspector = viewer.Inspector
	staff     = viewer.InstitutionStaff
)

// Class is a training class: planned as a draft, submitted, approved or
// rejected by officials, started, completed (R10, R11).
var Class = &Machine{
	Noun:   "a class",
	States: []string{"DRAFT", "SUBMITTED", "APPROVED", "IN_PROGRESS", "COMPLETED", "REJECTED", "CANCELLED"},
	Actions: []Action{
		{Name: "EDIT", From: []string{"DRAFT", "REJECTED"}, By: []viewer.Role{staff, official}},
		{Name: "SUBMIT", From: []string{"DRAFT", "REJECTED"}, To: "SUBMITTED", By: []viewer.Role{staff, official}},
		{Name: "APPROVE", From: []string{"SUBMITTED"}, To: "APPROVED", By: []viewer.Role{official}},
		{Name: "REJECT", From: []string{"SUBMITTED"}, To: "REJECTED", By: []viewer.Role{official}},
		{Name: "START", From: []string{"APPROVED"}, To: "IN_PROGRESS", By: []viewer.Role{staff, official}},
		{Name: "COMPLETE", From: []string{"IN_PROGRESS"}, To: "COMPLETED", By: []viewer.Role{staff, official}},
		{Name: "CANCEL", From: []string{"DRAFT", "SUBMITTED", "REJECTED", "APPROVED"}, To: "CANCELLED", By: []viewer.Role{staff, official}},
		{Name: "ENROLL", From: []string{"DRAFT", "SUBMITTED", "REJECTED", "APPROVED", "IN_PROGRESS"}, By: []viewer.Role{staff, official}},
		{Name: "RECORD_ATTENDANCE", From: []string{"APPROVED", "IN_PROGRESS"}, By: []viewer.Role{staff, official}},
		{Name: "RECORD_EVIDENCE", From: []string{"APPROVED", "IN_PROGRESS", "COMPLETED"}, By: []viewer.Role{staff}},
		{Name: "RECORD_RESULTS", From: []string{"COMPLETED"}, By: []viewer.Role{staff, official}},
		{Name: "CLAIM_SUBSIDY", From: []string{"COMPLETED"}, By: []viewer.Role{staff}},
		{Name: "DRAW_PREPAYMENT", From: []string{"APPROVED", "IN_PROGRESS"}, By: []viewer.Role{finance}},
		{Name: "SAMPLE", From: []string{"APPROVED", "IN_PROGRESS", "COMPLETED"}, By: []viewer.Role{inspector, official}},
	},
}

// Evidence is a file uploaded for a class: assembled from its parts when the
// uploader completes it, then verified by the server in the background (size
// and SHA-256) or failed, then reviewed by inspectors.
var Evidence = &Machine{
	Noun:   "evidence",
	States: []string{"UPLOADING", "VERIFYING", "VERIFIED", "FAILED"},
	Actions: []Action{
		{Name: "COMPLETE", From: []string{"UPLOADING"}, To: "VERIFYING", By: []viewer.Role{staff}},
		{Name: "VERIFY", From: []string{"VERIFYING"}, To: "VERIFIED"},
		// The server's verification found the file is not the one announced, or storage lost it.
		{Name: "DISCARD", From: []string{"VERIFYING"}, To: "FAILED"},
		{Name: "UPLOAD_PARTS", From: []string{"UPLOADING"}, By: []viewer.Role{staff}},
		{Name: "FAIL", From: []string{"UPLOADING"}, To: "FAILED", By: []viewer.Role{staff}},
		{Name: "PLAY", From: []string{"VERIFIED"}, By: []viewer.Role{inspector, official, staff}},
		{Name: "REVIEW", From: []string{"VERIFIED"}, By: []viewer.Role{inspector, official}},
		// A new upload of the same kind stands in for a failed one or for one an inspector rejected (Replaceable).
		{Name: "REPLACE", From: []string{"FAILED", "VERIFIED"}, By: []viewer.Role{staff}},
	},
}

// Replaceable reports whether evidence in the state, with the inspector's
// decision (empty while undecided), may be replaced by a new upload of the
// same kind: an upload that failed, or verified evidence that was rejected.
func Replaceable(status, decision string) bool {
	return Evidence.In("REPLACE", status) && (status == "FAILED" || decision == "REJECTED")
}

// OnSiteCheck is the visit an inspector asks for when a recording is not enough.
var OnSiteCheck = &Machine{
	Noun:   "an on-site check",
	States: []string{"OPEN", "DONE"},
	Actions: []Action{
		{Name: "RECORD_VISIT", From: []string{"OPEN"}, To: "DONE", By: []viewer.Role{inspector, official}},
	},
}

// Application is a subsidy application on the R7 clock: accepted, reviewed,
// published, handed to finance and paid, or returned and resubmitted.
var Application = &Machine{
	Noun: "an application",
	States: []string{"SUBMITTED", "ACCEPTED", "REVIEWED", "IN_PUBLICITY", "TRANSFERRED_TO_FINANCE", "PAID",
		"RETURNED", "REJECTED"},
	Actions: []Action{
		{Name: "ACCEPT", From: []string{"SUBMITTED"}, To: "ACCEPTED", By: []viewer.Role{official}},
		{Name: "REVIEW", From: []string{"ACCEPTED"}, To: "REVIEWED", By: []viewer.Role{official}},
		{Name: "REJECT", From: []string{"SUBMITTED", "ACCEPTED"}, To: "REJECTED", By: []viewer.Role{official}},
		{Name: "RETURN", From: []string{"ACCEPTED", "REVIEWED", "IN_PUBLICITY"}, To: "RETURNED", By: []viewer.Role{official}},
		{Name: "START_PUBLICITY", From: []string{"REVIEWED"}, To: "IN_PUBLICITY", By: []viewer.Role{official}},
		{Name: "TRANSFER_TO_FINANCE", From: []string{"IN_PUBLICITY"}, To: "TRANSFERRED_TO_FINANCE", By: []viewer.Role{official}},
		{Name: "PAY", From: []string{"TRANSFERRED_TO_FINANCE"}, To: "PAID", By: []viewer.Role{finance}},
		{Name: "RESUBMIT", From: []string{"RETURNED"}, To: "SUBMITTED", By: []viewer.Role{staff}},
		{Name: "OBJECT", From: []string{"IN_PUBLICITY"}, By: []viewer.Role{official, finance, inspector, staff, viewer.Trainee}},
	},
}

// Certificate is a certificate held by a person; one pending its electronic
// version is a voucher for the subsidy (R12).
var Certificate = &Machine{
	Noun:   "a certificate",
	States: []string{"ISSUED", "PENDING_ELECTRONIC", "REVOKED"},
	Actions: []Action{
		{Name: "ISSUE_ELECTRONIC", From: []string{"PENDING_ELECTRONIC"}, To: "ISSUED", By: []viewer.Role{official}},
		{Name: "REVOKE", From: []string{"ISSUED", "PENDING_ELECTRONIC"}, To: "REVOKED", By: []viewer.Role{official}},
	},
}

// Prepayment is the 50% of a class's subsidy paid in advance (R6): settled
// by the application's payment, or recovered when the class fails supervision.
var Prepayment = &Machine{
	Noun:   "a prepayment",
	States: []string{"PAID", "SETTLED", "TO_RECOVER", "RECOVERED"},
	Actions: []Action{
		{Name: "SETTLE", From: []string{"PAID"}, To: "SETTLED"},
		{Name: "MARK_FOR_RECOVERY", From: []string{"PAID"}, To: "TO_RECOVER"},
		{Name: "RECOVER", From: []string{"TO_RECOVER"}, To: "RECOVERED", By: []viewer.Role{finance}},
	},
}

// Adjustment is a county's request for more special-account funds (调剂, R6):
// the city's HR gives its opinion, its finance agrees after that consultation
// (会商) or refuses, then allocates.
var Adjustment = &Machine{
	Noun:   "an adjustment",
	States: []string{"REQUESTED", "HR_AGREED", "AGREED", "REFUSED", "ALLOCATED"},
	Actions: []Action{
		{Name: "HR_AGREE", From: []string{"REQUESTED"}, To: "HR_AGREED", By: []viewer.Role{official}},
		{Name: "HR_REFUSE", From: []string{"REQUESTED"}, To: "REFUSED", By: []viewer.Role{official}},
		{Name: "FINANCE_AGREE", From: []string{"HR_AGREED"}, To: "AGREED", By: []viewer.Role{finance}},
		{Name: "FINANCE_REFUSE", From: []string{"HR_AGREED"}, To: "REFUSED", By: []viewer.Role{finance}},
		{Name: "ALLOCATE", From: []string{"AGREED"}, To: "ALLOCATED", By: []viewer.Role{finance}},
	},
}

// CertificationUnit is an organisation's filing to run skill-level
// certification (R8): drafted, filed, then approved, or returned with a
// reason and filed again.
var CertificationUnit = &Machine{
	Noun:   "a certification filing",
	States: []string{"DRAFT", "FILED", "APPROVED", "RETURNED"},
	Actions: []Action{
		{Name: "EDIT", From: []string{"DRAFT", "RETURNED"}, By: []viewer.Role{staff, official}},
		{Name: "FILE", From: []string{"DRAFT", "RETURNED"}, To: "FILED", By: []viewer.Role{staff, official}},
		{Name: "APPROVE", From: []string{"FILED"}, To: "APPROVED", By: []viewer.Role{official}},
		{Name: "RETURN", From: []string{"FILED"}, To: "RETURNED", By: []viewer.Role{official}},
	},
}

// ApprenticeshipApplication is an enterprise's application to train
// apprentices (R5): accepted the day it arrives, then approved or rejected
// whole.
var ApprenticeshipApplication = &Machine{
	Noun:   "an apprenticeship application",
	States: []string{"SUBMITTED", "ACCEPTED", "APPROVED", "REJECTED"},
	Actions: []Action{
		{Name: "ACCEPT", From: []string{"SUBMITTED"}, To: "ACCEPTED", By: []viewer.Role{official}},
		{Name: "APPROVE", From: []string{"ACCEPTED"}, To: "APPROVED", By: []viewer.Role{official}},
		{Name: "REJECT", From: []string{"SUBMITTED", "ACCEPTED"}, To: "REJECTED", By: []viewer.Role{official}},
	},
}

// TenDayReport is a region's ten-day report (R9): frozen by the job, then
// submitted by the region's officials; a correction is a new version.
var TenDayReport = &Machine{
	Noun:   "a ten-day report",
	States: []string{"DRAFT", "SUBMITTED"},
	Actions: []Action{
		{Name: "SUBMIT", From: []string{"DRAFT"}, To: "SUBMITTED", By: []viewer.Role{official}},
		{Name: "CORRECT", From: []string{"SUBMITTED"}, By: []viewer.Role{official}},
	},
}

// All lists every machine, for tests and documentation.
var All = []*Machine{Class, Evidence, OnSiteCheck, Application, Certificate, Prepayment, Adjustment, CertificationUnit,
	ApprenticeshipApplication, TenDayReport}
