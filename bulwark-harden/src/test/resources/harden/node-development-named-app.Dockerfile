# the app stage is named "development" but starts the app as it ships (NODE_ENV defaults to production);
# the dev environment is built on it
FROM node:22-bookworm-slim AS development
ARG NODE_ENV=production
ENV NODE_ENV=$NODE_ENV
WORKDIR /code
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
EXPOSE 80
CMD ["node", "src/index.js"]

FROM development AS dev-envs
RUN apt-get update && apt-get install -y --no-install-recommends git
