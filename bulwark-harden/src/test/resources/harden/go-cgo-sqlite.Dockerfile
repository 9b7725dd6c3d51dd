FROM golang:1.27-bookworm
RUN apt-get update && apt-get install -y --no-install-recommends libsqlite3-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN CGO_ENABLED=1 go build -o /usr/local/bin/notes .
EXPOSE 8000
CMD ["/usr/local/bin/notes"]
