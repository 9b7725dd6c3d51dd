FROM node:22-bookworm-slim
WORKDIR /usr/app
COPY package.json yarn.lock ./
RUN yarn install --frozen-lockfile
COPY . .
RUN yarn build
EXPOSE 8080
CMD ["yarn", "start"]
