# escape=`
FROM debian:bookworm
RUN apt-get update `
    && apt-get install -y curl
ADD app.conf C:\app\
CMD node server.js
