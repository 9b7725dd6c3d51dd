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
      x.writeCharacters("\n");
      body.write(x);
      x.writeEndDocument();
      x.close();
    } catch (XMLStreamException e) {
      throw new IOException("cannot write XML: " + e.getMessage(), e);
    }
    out.append(sw.toString()).append('\n');
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
        x.writeAttribute("name", "bulwark");
        x.writeAttribute("tests", String.valueOf(report.files().stream().mapToInt(f -> Math.max(1, f.findings().size())).sum()));
        x.writeAttribute("failures", String.valueOf(report.findingCount()));
        x.writeAttribute("errors", String.valueOf(report.files().stream().filter(f -> f.error() != null).count()));
        for (FileReport f : report.files()) {
          x.writeCharacters("\n  ");
          x.writeStartElement("testsuite");
          x.writeAttribute("name", f.path());
          x.writeAttribute("tests", String.valueOf(Math.max(1, f.findings().size())));
          x.writeAttribute("failures", String.valueOf(f.findings().size()));
          x.writeAttribute("errors", f.error() == null ? "0" : "1");
          if (f.error() != null) {
            testcase(x, f.path(), "read", () -> {
              x.writeStartElement("error");
              x.writeAttribute("message", f.error());
              x.writeEndElement();
            });
          } else if (f.findings().isEmpty()) {
            testcase(x, f.path(), "no findings", () -> {});
          }
          for (Finding fi : f.findings()) {
            testcase(x, f.path(), fi.ruleId() + " " + location(f, fi), () -> {
              x.writeStartElement("failure");
              x.writeAttribute("type", fi.severity().label());
              x.writeAttribute("message", fi.message());
              x.writeCharacters(fi.ruleId() + " (" + fi.severity().label() + ") " + location(f, fi) + "\n" + fi.message() + "\n" + fi.rule().fix());
              x.writeEndElement();
            });
          }
          x.writeCharacters("\n  ");
          x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
      });
    }

    private static void testcase(XMLStreamWriter x, String classname, String name, Inner inner) throws XMLStreamException {
      x.writeCharacters("\n    ");
      x.writeStartElement("testcase");
      x.writeAttribute("classname", classname);
      x.writeAttribute("name", name);
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
        x.writeAttribute("version", "4.3");
        for (FileReport f : report.files()) {
          x.writeCharacters("\n  ");
          x.writeStartElement("file");
          x.writeAttribute("name", f.path());
          if (f.error() != null) {
            x.writeCharacters("\n    ");
            x.writeEmptyElement("error");
            x.writeAttribute("line", "1");
            x.writeAttribute("severity", "error");
            x.writeAttribute("message", f.error());
            x.writeAttribute("source", "bulwark.input");
          }
          for (Finding fi : f.findings()) {
            x.writeCharacters("\n    ");
            x.writeEmptyElement("error");
            // Checkstyle requires a line; an image finding has none, so it is at line 1 and the message says where
            x.writeAttribute("line", String.valueOf(fi.location() instanceof Location.Text t ? t.span().startLine() : 1));
            if (fi.location() instanceof Location.Text t) {
              x.writeAttribute("column", String.valueOf(t.span().startColumn()));
            }
            x.writeAttribute("severity", severity(fi.severity()));
            x.writeAttribute("message", fi.message() + Where.suffix(fi.location()));
            x.writeAttribute("source", "bulwark." + fi.ruleId());
          }
          x.writeCharacters("\n  ");
          x.writeEndElement();
        }
        x.writeCharacters("\n");
        x.writeEndElement();
      });
    }
  }
}
