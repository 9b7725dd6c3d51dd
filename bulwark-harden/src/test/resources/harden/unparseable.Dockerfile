FROM golang:1.27
WORKDIR /src
COPY . .
RUN go build -o /app .
FRUM scratch
CMD ["/app"]
