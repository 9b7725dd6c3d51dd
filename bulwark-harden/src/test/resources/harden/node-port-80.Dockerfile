FROM node:20-slim
ENV PORT=80
WORKDIR /srv/app
COPY . .
RUN npm install --production
EXPOSE 80
CMD ["node", "server.js"]
