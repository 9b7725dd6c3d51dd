FROM golang:1.27-alpine AS builder
WORKDIR /build
COPY . .
RUN go build -o bin/inventory .

FROM alpine:3.20
RUN apk add --no-cache ca-certificates tzdata
RUN adduser -D -u 1000 inventory
COPY --from=builder /build/bin/inventory /usr/bin/inventory
USER inventory
EXPOSE 9090
ENTRYPOINT ["/usr/bin/inventory"]
CMD ["--listen", ":9090"]
