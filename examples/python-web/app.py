from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/healthz")
def healthz():
    return "", 204


@app.get("/api/greeting")
def greeting():
    return jsonify(message="hello")
