# Multi-stage build: the PWA, then the Go binary embedding it, then a small runtime.
FROM node:20-bookworm-slim AS pwa
WORKDIR /src/pwa
COPY pwa/package.json pwa/package-lock.json ./
RUN npm ci
COPY graph/ /src/graph/
COPY pwa/ ./
RUN npm run build

FROM golang:1.26-bookworm AS go
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
COPY --from=pwa /src/pwa/dist ./pwa/dist
RUN apt-get update && apt-get install -y --no-install-recommends fonts-droid-fallback fonts-dejavu-core && rm -rf /var/lib/apt/lists/*
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/server ./server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=go /out/server /server
# The bulletin PDF's fonts (PDF_FONT, PDF_LATIN_FONT).
COPY --from=go /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf /usr/share/fonts/truetype/droid/
COPY --from=go /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf /usr/share/fonts/truetype/dejavu/
ENV HTTP_ADDR=0.0.0.0:8080 DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/server"]
