# syntax=docker/dockerfile:1.7
FROM golang:1.27-trixie
WORKDIR /src
COPY . .
RUN <<EOT
set -eu
go mod download
go vet ./...
go build -o /usr/local/bin/gateway ./cmd/gateway
EOT
EXPOSE 8443
ENTRYPOINT ["/usr/local/bin/gateway"]
