package dev.bulwark.fuzz;

import java.io.PrintWriter;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * Runs one fuzz target ({@code Class#method}) through the JUnit launcher, for bench/fuzz.sh: a
 * campaign per target then costs one JVM start, not a Maven build. Exit 0 when it found nothing.
 */
public final class FuzzMain {
  private FuzzMain() {}

  public static void main(String[] args) {
    String target = args[0].contains(".") ? args[0] : FuzzMain.class.getPackageName() + "." + args[0];
    LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
        .selectors(DiscoverySelectors.selectMethod(target + "(byte[])")).build();
    Launcher launcher = LauncherFactory.create();
    SummaryGeneratingListener summary = new SummaryGeneratingListener();
    launcher.execute(request, summary);
    PrintWriter out = new PrintWriter(System.out, true);
    summary.getSummary().printTo(out);
    summary.getSummary().printFailuresTo(out, 20);
    System.exit(summary.getSummary().getTotalFailureCount() == 0 ? 0 : 1);
  }
}
