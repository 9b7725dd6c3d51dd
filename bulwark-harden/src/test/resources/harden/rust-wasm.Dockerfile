FROM rust:1.91 AS build
RUN rustup target add wasm32-wasip1
WORKDIR /src
COPY . .
RUN cargo build --target wasm32-wasip1 --release

FROM scratch
COPY --from=build /src/target/wasm32-wasip1/release/handler.wasm /handler.wasm
ENTRYPOINT ["/handler.wasm"]
