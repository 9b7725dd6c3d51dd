# syntax=docker/dockerfile:1
FROM python:3.13-slim
WORKDIR /app
COPY . .
RUN <<EOF
pip install -r requirements.txt
python -m compileall -q .
EOF
CMD ["python", "serve.py"]
