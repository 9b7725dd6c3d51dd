FROM golang:1.27
WORKDIR /web
COPY . .
RUN go build -o /srv/web .
EXPOSE 80
CMD ["/srv/web", "-addr", ":80"]
