FROM python:3.12

ENV FLASK_DEBUG=1
WORKDIR /app

COPY requirements.txt .
RUN pip install -r requirements.txt

COPY . .

EXPOSE 80
CMD ["flask", "--app", "app", "run", "--host=0.0.0.0", "--port=80"]
