FROM golang:1.27-alpine AS build
RUN apk add --no-cache gcc musl-dev
ENV CGO_ENABLED=1
WORKDIR /app
COPY . .
RUN go build -o /app/bin/worker ./worker

FROM alpine:3.24
COPY --from=build /app/bin/worker /usr/local/bin/worker
CMD ["/usr/local/bin/worker"]
