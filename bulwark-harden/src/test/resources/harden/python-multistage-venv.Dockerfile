FROM python:3.12-slim AS deps
RUN python -m venv /venv
ENV PATH="/venv/bin:$PATH"
COPY requirements.txt /tmp/
RUN pip install --no-cache-dir -r /tmp/requirements.txt

FROM python:3.12-slim
COPY --from=deps /venv /venv
ENV PATH="/venv/bin:$PATH"
WORKDIR /app
COPY app/ ./
RUN useradd -r -u 999 web
USER web
EXPOSE 5000
CMD ["python", "main.py"]
