package dev.bulwark.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.bulwark.harden.DigestLookup;
import dev.bulwark.harden.Harden;
import dev.bulwark.harden.HardenOptions;
import dev.bulwark.harden.HardenResult;
import dev.bulwark.harden.Variant;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code harden --pin-digest}: the registry's answers reach every image the variant names, each asked once. */
class DigestPinsLookupTest {
  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  @Test
  void everyImageOfTheVariantIsPinnedAndAnUnresolvableOneStaysATagWithTheErrorReported() {
    List<String> asked = new ArrayList<>();
    StringWriter err = new StringWriter();
    DigestPins pins = new DigestPins(ref -> {
      asked.add(ref.normalized());
      if (ref.normalized().contains("golang")) {
        throw new IOException("connection refused");
      }
      return DIGEST;
    }, new PrintWriter(err, true));
    DigestLookup lookup = pins.lookup("Dockerfile");
    String go = "FROM golang:1.27 AS build\nWORKDIR /src\nCOPY . .\nRUN go build -o /app .\nFROM alpine:3.24\nCOPY --from=build /app /app\nUSER 1000\nCMD [\"/app\"]\n";
    HardenResult r = Harden.harden(go, Map.of(), Variant.DISTROLESS, new HardenOptions("app", lookup));
    assertThat(r).isInstanceOf(HardenResult.Hardened.class);
    String text = ((HardenResult.Hardened) r).text();
    assertThat(text).contains("FROM gcr.io/distroless/static-debian13:nonroot@" + DIGEST);
    assertThat(text).contains("FROM golang:1.27 AS build");
    assertThat(err.toString()).contains("cannot resolve golang:1.27", "connection refused", "(not pinned)");
    assertThat(asked).doesNotHaveDuplicates();
  }

  @Test
  void aReferencePinnedAlreadyOrNotAReferenceIsNotAsked() {
    List<String> asked = new ArrayList<>();
    DigestPins pins = new DigestPins(ref -> {
      asked.add(ref.normalized());
      return DIGEST;
    }, new PrintWriter(new StringWriter(), true));
    DigestLookup lookup = pins.lookup("Dockerfile");
    assertThat(lookup.digest("alpine:3.24@" + DIGEST)).isEmpty();
    assertThat(lookup.digest("Not A Reference!")).isEmpty();
    assertThat(asked).isEmpty();
    assertThat(lookup.digest("alpine:3.24")).contains(DIGEST);
  }

}
