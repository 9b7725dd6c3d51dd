FROM maven:3.9-eclipse-temurin-21

WORKDIR /app
COPY pom.xml .
COPY src ./src
RUN mvn -q package -DskipTests

EXPOSE 8080
ENTRYPOINT java -jar target/app.jar
