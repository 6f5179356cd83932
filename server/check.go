package main

import (
	"encoding/json"
	"net/http"
	"strconv"

	"github.com/hnvt/bairi/graph"
	"github.com/hnvt/bairi/internal/fault"
)

// checkRequest is the body of POST /api/certificate-check: the number and
// either the holder's name (the check page's form) or the token of the
// certificate's QR link.
type checkRequest struct {
	Number string `json:"number"`
	Name   string `json:"name"`
	Token  string `json:"token"`
}

// certificateCheck is POST /api/certificate-check, the public certificate
// check without the GraphQL executor: the product's busiest request, asked by
// anyone, so it is answered by a plain JSON endpoint that goes through the
// same service as verifyCertificate and verifyCertificateLink (the same ent
// policy, the same shared rate limits, the same answer for an unknown number
// and a wrong name). A good check answers 200 with the CertificateCheck as
// JSON; anything else answers {"errors": [...]} as GraphQL does, with
// extensions.code, in the language of Accept-Language, and a status code to
// match (400, 429 with Retry-After, 503, 500).
func (a *app) certificateCheck(w http.ResponseWriter, r *http.Request) {
	ctx := fault.WithLanguage(r.Context(), r.Header.Get("Accept-Language"))
	var in checkRequest
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	var err error
	if err = dec.Decode(&in); err != nil || dec.More() {
		err = fault.New(fault.BadUserInput, "the request is malformed")
	} else if in.Name == "" && in.Token == "" {
		err = fault.Input("name", "%s is required", "name")
	}
	if err == nil {
		check, cerr := a.resolver.CheckCertificate(ctx, in.Number, in.Name, in.Token)
		if cerr == nil {
			writeJSON(w, http.StatusOK, check)
			return
		}
		err = cerr
	}
	e := graph.ErrorPresenter(a.log)(ctx, err)
	status := http.StatusInternalServerError
	switch fault.Code(e.Extensions["code"].(string)) {
	case fault.BadUserInput:
		status = http.StatusBadRequest
	case fault.TooManyRequests:
		status = http.StatusTooManyRequests
	case fault.Unavailable:
		status = http.StatusServiceUnavailable
	}
	if s, ok := e.Extensions["retryAfterSeconds"].(int); ok {
		w.Header().Set("Retry-After", strconv.Itoa(s))
	}
	writeJSON(w, status, map[string]any{"errors": []any{e}})
}
