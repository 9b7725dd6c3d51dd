FROM python:3.13-slim
WORKDIR /code
COPY . /code
RUN pip3 install --upgrade -r /code/requirements.txt
EXPOSE 80
CMD gunicorn --bind 0.0.0.0:80 wsgi:app
