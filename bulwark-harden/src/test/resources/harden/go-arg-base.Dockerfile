ARG GO_VERSION=1.27
ARG DEBIAN=bookworm
FROM golang:${GO_VERSION}-${DEBIAN} AS build
ARG VERSION=dev
WORKDIR /go/src/app
COPY . .
RUN go build -ldflags "-X main.version=${VERSION}" -o /out/api ./cmd/api

FROM gcr.io/distroless/static-debian12
COPY --from=build /out/api /api
ENTRYPOINT ["/api"]
