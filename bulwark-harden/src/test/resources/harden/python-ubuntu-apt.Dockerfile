FROM ubuntu:24.04
RUN apt-get update && apt-get install -y python3 python3-pip python3-venv
WORKDIR /app
COPY . .
RUN pip3 install --break-system-packages -r requirements.txt
CMD ["python3", "app.py"]
