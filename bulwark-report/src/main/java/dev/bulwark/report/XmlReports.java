package dev.bulwark.report;

import dev.bulwark.core.Finding;
import dev.bulwark.core.Location;
import dev.bulwark.core.Severity;
import java.io.IOException;
import java.io.StringWriter;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/** The XML formats CI servers read: JUnit (one test case per finding) and Checkstyle. */
public final class XmlReports {
  private XmlReports() {}

  /** A writer body that may throw the StAX exception. */
  private interface Body {
    void write(XMLStreamWriter x) throws XMLStreamException;
  }

  /** Writes the content of an element. */
  private interface Inner {
    void write() throws XMLStreamException;
  }

  private static void xml(Appendable out, Body body) throws IOException {
    StringWriter sw = new StringWriter();
    try {
      XMLStreamWriter x = XMLOutputFactory.newFactory().createXMLStreamWriter(sw);
      x.writeStartDocument("UTF-8", "1.0");
      text(x, "\n");
      body.write(x);
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write XML: " + e.getMessage(), e);
    }
    out.append(sw.toString()).append('\n');
  }

  // Every string goes through Escape.xml: a control character from a Dockerfile would make the file unparseable.
  private static void attr(XMLStreamWriter x, String name, String value) throws XMLStreamException {
    x.writeAttribute(name, Escape.xml(value));
  }

  private static void text(XMLStreamWriter x, String value) throws XMLStreamException {
    x.writeCharacters(Escape.xml(value));
  }

  static String location(FileReport f, Finding x) {
    return x.location() instanceof Location.Text t ? f.path() + ":" + t.span().startLine() + ":" + t.span().startColumn()
        : f.path() + " (" + Where.detail(x.location()) + ")";
  }

  /** JUnit XML: a test suite per file, a failing test case per finding, a passing one for clean files. */
  public static final class JUnit implements ReportWriter {
    @Override
    public void write(ScanReport report, Appendable out) throws IOException {
      xml(out, x -> {
        x.writeStartElement("testsuites");
        attr(x, "name", "bulwark");
        attr(x, "tests", String.valueOf(report.files().stream().mapToInt(f -> Math.max(1, f.findings().size())).sum()));
        attr(x, "failures", String.valueOf(report.findingCount()));
        attr(x, "errors", String.valueOf(report.files().stream().filter(f -> f.error() != null).count()));
        for (FileReport f : report.files()) {
          text(x, "\n  ");
          x.writeStartElement("testsuite");
          attr(x, "name", f.path());
          attr(x, "tests", String.valueOf(Math.max(1, f.findings().size())));
          attr(x, "failures", String.valueOf(f.findings().size()));
          attr(x, "errors", f.error() == null ? "0" : "1");
          if (f.purpose() != null) {
            x.writeStartElement("properties");
            x.writeStartElement("property");
            attr(x, "name", "purpose");
            attr(x, "value", f.purpose().purpose().key() + " (" + f.purpose().source().key() + ": " + f.purpose().reason() + ")");
            x.writeEndElement();
            x.writeEndElement();
          }
          if (f.error() != null) {
            testcase(x, f.path(), "read", () -> {
              x.writeStartElement("error");
              attr(x, "message", f.error());
              x.writeEndElement();
            });
          } else if (f.findings().isEmpty()) {
            testcase(x, f.path(), "no findings", () -> {});
          }
          for (Finding fi : f.findings()) {
            testcase(x, f.path(), fi.ruleId() + " " + location(f, fi), () -> {
              x.writeStartElement("failure");
              attr(x, "type", fi.severity().label());
              attr(x, "message", fi.message());
              text(x, fi.ruleId() + " (" + fi.severity().label() + ") " + location(f, fi) + "\n" + fi.message() + "\n" + fi.rule().fix());
              x.writeEndElement();
            });
          }
          if (!f.warnings().isEmpty()) { // what could not be read: no test failed, but the suite did not see everything
            x.writeStartElement("system-err");
            text(x, "warning: " + String.join("\nwarning: ", f.warnings()) + "\n");
            x.writeEndElement();
          }
          text(x, "\n  ");
          x.writeEndElement();
        }
        text(x, "\n");
        x.writeEndElement();
      });
    }

    private static void testcase(XMLStreamWriter x, String classname, String name, Inner inner) throws XMLStreamException {
      text(x, "\n    ");
      x.writeStartElement("testcase");
      attr(x, "classname", classname);
      attr(x, "name", name);
      inner.write();
      x.writeEndElement();
    }
  }

  /** Checkstyle XML: error elements per file, severities error/warning/info. */
  public static final class Checkstyle implements ReportWriter {
    static String severity(Severity s) {
      return switch (s) {
        case CRITICAL, HIGH -> "error";
        case MEDIUM -> "warning";
        case LOW, INFO -> "info";
      };
    }

    @Override
    public void write(ScanReport report, Appendable out) throws IOException {
      xml(out, x -> {
        x.writeStartElement("checkstyle");
        attr(x, "version", "4.3");
        for (FileReport f : report.files()) {
          text(x, "\n  ");
          x.writeStartElement("file");
          attr(x, "name", f.path());
          if (f.error() != null) {
            text(x, "\n    ");
            x.writeEmptyElement("error");
            attr(x, "line", "1");
            attr(x, "severity", "error");
            attr(x, "message", f.error());
            attr(x, "source", "bulwark.input");
          }
          for (Finding fi : f.findings()) {
            text(x, "\n    ");
            x.writeEmptyElement("error");
            // Checkstyle requires a line; an image finding has none, so it is at line 1 and the message says where
            attr(x, "line", String.valueOf(fi.location() instanceof Location.Text t ? t.span().startLine() : 1));
            if (fi.location() instanceof Location.Text t) {
              attr(x, "column", String.valueOf(t.span().startColumn()));
            }
            attr(x, "severity", severity(fi.severity()));
            attr(x, "message", fi.message() + Where.suffix(fi.location()));
            attr(x, "source", "bulwark." + fi.ruleId());
          }
          text(x, "\n  ");
          x.writeEndElement();
        }
        text(x, "\n");
        x.writeEndElement();
      });
    }
  }
}
