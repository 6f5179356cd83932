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
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /out/server ./server

FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=go /out/server /server
ENV HTTP_ADDR=0.0.0.0:8080 DATA_DIR=/data
VOLUME /data
EXPOSE 8080
ENTRYPOINT ["/server"]
