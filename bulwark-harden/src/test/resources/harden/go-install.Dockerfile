FROM golang:1.26
WORKDIR /go/src/tool
COPY . .
RUN go install ./cmd/reporter
CMD ["reporter", "-interval", "60s"]
