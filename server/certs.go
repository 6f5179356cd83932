package main

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"net/http"
	"strconv"

	qrcode "github.com/skip2/go-qrcode"
)

// certificateKey publishes the Ed25519 public key that verifies the signed
// payload in certificate QR codes (as a JWK and as raw base64).
func (a *app) certificateKey(w http.ResponseWriter, r *http.Request) {
	pub := a.signer.PublicKey()
	w.Header().Set("Cache-Control", "public, max-age=3600")
	writeJSON(w, http.StatusOK, map[string]any{
		"alg":       "EdDSA",
		"crv":       "Ed25519",
		"publicKey": base64.StdEncoding.EncodeToString(pub),
		"jwk":       map[string]string{"kty": "OKP", "crv": "Ed25519", "x": base64.RawURLEncoding.EncodeToString(pub), "use": "sig"},
		"format":    "payload.signature, both base64url; the signature is over the payload's base64url text",
	})
}

// certificateQR serves a certificate's QR code (qr.png or qr.svg) to those
// who may read the certificate: its holder, the issuer's staff, officials.
func (a *app) certificateQR(w http.ResponseWriter, r *http.Request) {
	id, err := strconv.Atoi(r.PathValue("id"))
	file := r.PathValue("file")
	if err != nil || (file != "qr.png" && file != "qr.svg") {
		http.NotFound(w, r)
		return
	}
	c, err := a.client.Certificate.Get(r.Context(), id)
	if err != nil {
		// Anonymous, out of scope or missing: not revealed.
		http.NotFound(w, r)
		return
	}
	link, err := a.certs.QRLink(c)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	q, err := qrcode.New(link, qrcode.Medium)
	if err != nil {
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Cache-Control", "private, no-cache")
	if file == "qr.png" {
		png, err := q.PNG(320)
		if err != nil {
			http.Error(w, "internal error", http.StatusInternalServerError)
			return
		}
		w.Header().Set("Content-Type", "image/png")
		_, _ = w.Write(png)
		return
	}
	w.Header().Set("Content-Type", "image/svg+xml")
	_, _ = w.Write(qrSVG(q.Bitmap()))
}

// qrSVG draws a QR bitmap as an SVG of unit squares.
func qrSVG(bits [][]bool) []byte {
	n := len(bits)
	var b bytes.Buffer
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" shape-rendering="crispEdges">`, n, n)
	fmt.Fprintf(&b, `<rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n)
	for y, row := range bits {
		for x, on := range row {
			if on {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x, y)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	return b.Bytes()
}
