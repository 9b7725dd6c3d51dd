FROM rust:1.91-bookworm AS builder
WORKDIR /app
COPY . .
RUN cargo install --path .

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y libssl3 ca-certificates && rm -rf /var/lib/apt/lists/*
COPY --from=builder /usr/local/cargo/bin/relay /usr/local/bin/relay
EXPOSE 4000
CMD ["relay"]
