FROM rust:1.91
WORKDIR /usr/src/ledger
COPY Cargo.toml Cargo.lock ./
COPY src ./src
RUN cargo build
EXPOSE 3000
CMD ["./target/release/ledger"]
