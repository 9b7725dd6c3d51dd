FROM golang:1.27-alpine
WORKDIR /src
COPY . .
RUN go build -o /app .
ENV CONFIG_PATH=/etc/app/config.yaml
CMD /app --config $CONFIG_PATH
