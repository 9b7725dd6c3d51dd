# syntax=docker/dockerfile:1
FROM maven:3.9-eclipse-temurin-25
COPY <<XML /root/.m2/settings.xml
<settings><mirrors><mirror><id>corp</id><url>https://repo.example.com/maven</url><mirrorOf>*</mirrorOf></mirror></mirrors></settings>
XML
WORKDIR /build
COPY . .
RUN --mount=type=cache,target=/root/.m2/repository mvn -B -q package
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "target/billing.jar"]
