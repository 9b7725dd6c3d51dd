FROM python:3.11
ENV DJANGO_DEBUG=True
ENV PYTHONUNBUFFERED=1
WORKDIR /site
COPY requirements.txt /site/
RUN pip install -r requirements.txt
COPY . /site/
RUN python manage.py collectstatic --noinput
EXPOSE 8000
CMD ["gunicorn", "--bind", "0.0.0.0:8000", "mysite.wsgi"]
