FROM golang:1.27
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN go build -o /app ./cmd/server
EXPOSE 8080
CMD ["/app"]
