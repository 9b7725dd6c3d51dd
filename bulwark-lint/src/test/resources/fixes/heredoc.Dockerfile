FROM python:3.13-alpine
RUN <<EOT
set -e
apk add git bash
pip install flask
EOT
CMD ["flask", "run"]
