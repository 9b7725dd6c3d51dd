package dev.bulwark.lint.rules;

import static dev.bulwark.lint.RuleTesting.findings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.core.Finding;
import dev.bulwark.lint.rules.baseimage.LatestBaseImage;
import dev.bulwark.lint.rules.build.SingleStageBuildTools;
import dev.bulwark.lint.rules.privilege.RootUser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Positive and negative cases for the three seed rules. */
class SeedRulesTest {

  // ---- BW-D001 root user ----

  @ParameterizedTest
  @ValueSource(strings = {
      "FROM alpine:3.20\nCMD [\"sh\"]\n",
      "FROM alpine:3.20\nUSER app\nRUN id\nUSER root\n",
      "FROM alpine:3.20\nUSER 0:0\n",
      "FROM alpine:3.20 AS b\nUSER app\nFROM debian:12\nCMD x\n",
      "FROM scratch\nCOPY app /app\nENTRYPOINT [\"/app\"]\n",
      "FROM cgr.dev/chainguard/python:latest-dev\n"})
  void rootUser_reported(String df) {
    assertThat(findings(new RootUser(), df)).singleElement().satisfies(f -> assertThat(f.severity().label()).isEqualTo("critical"));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "FROM alpine:3.20\nRUN adduser -D app\nUSER app\n",
      "FROM alpine:3.20\nUSER root\nRUN apk add x\nUSER 10001:10001\n",
      "FROM gcr.io/distroless/static-debian12:nonroot\nCOPY app /app\n",
      "FROM alpine:3.20 AS base\nUSER app\nFROM base\nCMD x\n",
      "FROM cgr.dev/chainguard/static:latest\n",
      "FROM alpine:3.20\nUSER ${APP_USER}\n"})
  void rootUser_notReported(String df) {
    assertThat(findings(new RootUser(), df)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void rootUser_pointsAtTheLastUserInstruction() {
    Finding f = findings(new RootUser(), "FROM alpine:3.20\nUSER app\nUSER root\n").getFirst();
    assertThat(f.span().startLine()).isEqualTo(3);
    assertThat(f.message()).contains("USER root");
  }

  // ---- BW-D002 latest / untagged ----

  @ParameterizedTest
  @ValueSource(strings = {
      "FROM alpine:latest\n",
      "FROM alpine\n",
      "FROM ghcr.io/org/app\n",
      "FROM golang:1.22 AS build\nFROM debian:latest\n",
      "ARG BASE=ubuntu\nFROM $BASE\n"})
  void latest_reported(String df) {
    assertThat(findings(new LatestBaseImage(), df)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "FROM alpine:3.20\n",
      "FROM alpine@sha256:0a4eaa0eecf5f8c050e5bba433f58c052be7587ee8af3e8b3910ef9ab5fbe9f5\n",
      "FROM scratch\n",
      "FROM golang:1.22 AS build\nFROM build\n",
      "ARG TAG=3.20\nFROM alpine:$TAG\n",
      "FROM localhost:5000/app:1.0\n"})
  void latest_notReported(String df) {
    assertThat(findings(new LatestBaseImage(), df)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void latest_spanCoversTheImageName() {
    Finding f = findings(new LatestBaseImage(), "FROM   alpine:latest AS x\n").getFirst();
    assertThat(f.span().startColumn()).isEqualTo(8);
    assertThat(f.span().endColumn()).isEqualTo(21);
    assertThat(findings(new LatestBaseImage(), "FROM alpine\n").getFirst().message()).contains("no tag");
  }

  // ---- BW-D003 single stage with build tools ----

  @ParameterizedTest
  @ValueSource(strings = {
      "FROM alpine:3.20\nRUN apk add --no-cache go git\nRUN go build -o /app .\n",
      "FROM golang:1.22\nCOPY . .\nCMD [\"go\", \"run\", \".\"]\n",
      "FROM debian:12\nRUN apt-get update && apt-get install -y build-essential && make\n",
      "FROM maven:3.9-eclipse-temurin-21\nRUN mvn package\n",
      "FROM node:20\nRUN npm ci && npm run build\n",
      "FROM python:3.12\nRUN apt-get install -y libpq-dev\n"})
  void buildTools_reported(String df) {
    assertThat(findings(new SingleStageBuildTools(), df)).hasSize(1);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "FROM golang:1.22 AS build\nRUN go build -o /app .\nFROM scratch\nCOPY --from=build /app /app\n",
      "FROM alpine:3.20\nRUN apk add --no-cache ca-certificates curl\n",
      "FROM eclipse-temurin:21-jre\nCOPY app.jar /app.jar\n",
      "FROM node:20\nRUN npm ci --omit=dev\n",
      "FROM python:3.12-slim\nRUN pip install --no-cache-dir flask==3.0.3\n",
      "FROM nginx:1.27\nCOPY site /usr/share/nginx/html\n"})
  void buildTools_notReported(String df) {
    assertThat(findings(new SingleStageBuildTools(), df)).isEmpty();
  }

  @org.junit.jupiter.api.Test
  void buildTools_messageNamesTheEvidence() {
    Finding f = findings(new SingleStageBuildTools(), "FROM alpine:3.20\nRUN apk add gcc musl-dev && make\n").getFirst();
    assertThat(f.message()).contains("gcc", "musl-dev", "make");
  }
}
