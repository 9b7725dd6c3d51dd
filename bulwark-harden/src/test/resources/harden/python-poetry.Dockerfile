FROM python:3.12-slim
ENV POETRY_VERSION=1.8.4
RUN pip install "poetry==$POETRY_VERSION"
WORKDIR /app
COPY pyproject.toml poetry.lock ./
RUN poetry install --no-root --only main
COPY src ./src
CMD ["python", "-m", "src.main"]
