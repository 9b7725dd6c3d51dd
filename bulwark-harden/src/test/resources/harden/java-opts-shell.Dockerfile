FROM maven:3.9-eclipse-temurin-21
WORKDIR /app
COPY . .
RUN mvn -B package
ENV JAVA_OPTS="-Xmx512m"
ENTRYPOINT java $JAVA_OPTS -jar target/app.jar
