FROM debian:trixie
RUN apt-get update && apt-get install -y --no-install-recommends g++ cmake make && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/app
COPY . .
RUN cmake -S . -B build && cmake --build build
EXPOSE 9000
CMD ["/opt/app/build/server"]
