FROM node:22-alpine
ENTRYPOINT node server.js --port $PORT
