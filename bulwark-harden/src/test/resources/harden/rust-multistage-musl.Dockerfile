FROM rust:1.91-alpine AS chef
RUN apk add --no-cache musl-dev
WORKDIR /app

FROM chef AS build
COPY . .
RUN cargo build --release --target x86_64-unknown-linux-musl

FROM alpine:3.22
COPY --from=build /app/target/x86_64-unknown-linux-musl/release/tiny /usr/local/bin/tiny
ENTRYPOINT ["tiny"]
