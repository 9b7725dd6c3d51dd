# A small Go HTTP API, built the quick way.
FROM alpine:latest

RUN apk add --no-cache go git ca-certificates

WORKDIR /src
COPY . .

ENV GOPATH=/go
RUN go build -o /usr/local/bin/api .

EXPOSE 8080
CMD /usr/local/bin/api
