FROM golang:1.27-alpine AS build
WORKDIR /src
COPY . .
RUN go build -o /out/feed ./cmd/feed

FROM alpine:3.24
RUN addgroup -S feed && adduser -S feed -G feed
COPY --from=build --chown=feed:feed /out/feed /app/feed
COPY --chown=feed:feed config.yaml /app/config.yaml
WORKDIR /app
USER feed
EXPOSE 8080
HEALTHCHECK CMD wget -qO- http://localhost:8080/healthz || exit 1
CMD ["./feed", "-config", "config.yaml"]
