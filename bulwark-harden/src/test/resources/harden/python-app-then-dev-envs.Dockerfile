# a dev environment built FROM the app stage comes last: the app stage ships, the dev one stays for --target dev-envs
FROM python:3.12-alpine AS app
WORKDIR /srv
COPY requirements.txt .
RUN pip install -r requirements.txt
COPY . .
EXPOSE 5000
ENTRYPOINT ["python3"]
CMD ["server.py"]

FROM app AS dev-envs
RUN apk add --no-cache git
RUN adduser -D -s /bin/sh devuser
