FROM golang:1.27 AS build
WORKDIR /src
COPY . .
RUN CGO_ENABLED=0 go build -trimpath -ldflags="-s -w" -o /hello .

FROM scratch
COPY --from=build /hello /hello
USER 65534:65534
ENTRYPOINT ["/hello"]
