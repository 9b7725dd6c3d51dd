FROM debian:bookworm
RUN apt-get update \
# the tools the build needs
    && apt-get install -y \
    # curl for the health check
        curl \
    && echo done
