# syntax=docker/dockerfile:1
# pins keep the image, the major and the variant; only the tag changes
ARG PY=3-slim
ARG BASE=golang:1
FROM python:${PY} AS deps
RUN pip install --no-cache-dir -r requirements.txt

FROM ${BASE} AS build
RUN go build -o /app .

FROM --platform=$BUILDPLATFORM node AS assets
FROM docker.io/library/alpine:3 AS certs
FROM myorg/base:latest AS unknown
FROM node:lts AS channel
FROM debian:12-slim@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef AS pinned
FROM python:3-alpine
COPY --from=build /app /app
