FROM node:22-alpine
# shell form ignores the CMD; exec form would pass it on: unsafe
ENTRYPOINT node server.js
CMD ["--port", "8080"]
