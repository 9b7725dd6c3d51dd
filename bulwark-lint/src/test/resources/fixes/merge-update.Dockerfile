FROM debian:bookworm
# refresh the index
RUN apt-get update -qq
ENV DEBIAN_FRONTEND=noninteractive
RUN set -eux; \
    apt-get install -y --no-install-recommends curl; \
    rm -rf /var/lib/apt/lists/*
FROM alpine:3.20
RUN apk update
RUN echo hi || apk add curl
