FROM python:3.12-alpine
RUN apk add --no-cache build-base libffi-dev
WORKDIR /opt/bot
COPY . .
RUN pip install --no-cache-dir -r requirements.txt
CMD ["python", "bot.py"]
