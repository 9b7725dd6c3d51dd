FROM alpine:3.20
RUN apk add \
    curl
ADD --chown=app:app conf /etc/app/
CMD ["/app"]
