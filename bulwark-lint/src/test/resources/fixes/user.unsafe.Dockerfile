FROM golang:1.24 AS build
RUN go build -o /app .
FROM alpine:3.20
COPY --from=build /app /app
CMD ["/app"]
