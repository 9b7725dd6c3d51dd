FROM rust:1-alpine
RUN apk add --no-cache musl-dev
WORKDIR /app
COPY . .
RUN cargo build --release --locked
CMD ["/app/target/release/pinger"]
