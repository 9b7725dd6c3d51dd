# syntax=docker/dockerfile:1
FROM golang:1.27 AS build
WORKDIR /src
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=bind,source=go.mod,target=go.mod \
    --mount=type=bind,source=go.sum,target=go.sum \
    go mod download -x
RUN --mount=type=cache,target=/go/pkg/mod \
    --mount=type=cache,target=/root/.cache/go-build \
    --mount=type=bind,target=. \
    go build -o /bin/svc ./cmd/svc

FROM debian:bookworm-slim
COPY --from=build /bin/svc /bin/
EXPOSE 7000
ENTRYPOINT ["/bin/svc"]
