# every stage that starts something is for development: a dev server, then a dev environment on it
FROM node:22-bookworm-slim AS builder
WORKDIR /ui
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
CMD ["ng", "serve", "--host", "0.0.0.0"]

FROM builder AS dev-envs
RUN apt-get update && apt-get install -y --no-install-recommends git
CMD ["ng", "serve", "--host", "0.0.0.0"]
