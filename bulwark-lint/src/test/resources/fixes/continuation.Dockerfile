FROM debian:bookworm
RUN apt-get update \
    && apt-get install -y \
        curl \
        ca-certificates
# a comment between instructions stays
RUN pip install \
    requests
