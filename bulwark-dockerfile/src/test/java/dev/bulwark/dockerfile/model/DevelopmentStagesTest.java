package dev.bulwark.dockerfile.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DevelopmentStagesTest {
  static List<String> argv(String words) {
    return Arrays.asList(words.split(" "));
  }

  @ParameterizedTest
  @CsvSource({
      "npm run dev, npm run dev",
      "npm run serve --port 8080, npm run serve",
      "yarn dev --host, yarn dev",
      "yarn run serve, yarn run serve",
      "pnpm run start:dev, pnpm run start:dev",
      "/usr/local/bin/npm run watch, npm run watch",
      "npx nodemon server.js, nodemon",
      "ng serve --host 0.0.0.0, ng serve",
      "npx next dev, next dev",
      "vite, vite",
      "react-scripts start, react-scripts start",
      "dotnet watch run, dotnet watch",
      "uvicorn main:app --host 0.0.0.0 --reload, uvicorn --reload",
      "python manage.py runserver 0.0.0.0:8000, manage.py runserver",
      "python3 -u /app/manage.py runserver, manage.py runserver",
      "./manage.py runserver, manage.py runserver",
      "flask run --host=0.0.0.0, flask run",
      "python -m flask run, flask run",
      "php artisan serve --host=0.0.0.0, artisan serve",
  })
  void devServersAreRecognised(String command, String server) {
    assertThat(DevelopmentStages.devServer(argv(command))).isEqualTo(server);
  }

  @ParameterizedTest
  @ValueSource(strings = {"npm start", "npm run start", "yarn build", "node server.js", "next start", "vite preview", "vite build",
      "ng build", "uvicorn main:app --host 0.0.0.0", "gunicorn app:app", "dotnet app.dll", "npm", "python app.py",
      "python manage.py migrate", "python -m gunicorn app:app", "php-fpm", "python", "python -u"})
  void productionCommandsAreNot(String command) {
    assertThat(DevelopmentStages.devServer(argv(command))).isNull();
  }

  @ParameterizedTest
  @CsvSource({"dev, true", "dev-envs, true", "Development, true", "debug, true", "builder, false", "production, false", "devtools, false"})
  void stageNames(String name, boolean dev) {
    assertThat(DevelopmentStages.isDevelopmentName(name)).isEqualTo(dev);
  }
}
