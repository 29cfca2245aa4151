package dev.warden.cli.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerException;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Writes results as JUnit XML, what CI systems show as test reports: one {@code testsuite} per test
 * file, one {@code testcase} per assertion. Built with the JDK's DOM, which escapes every name and
 * message.
 */
public final class JUnitReport {

  private JUnitReport() {}

  /**
   * A test file that could not run, with the error the command printed: reported as a suite with
   * one {@code error}, so CI shows it rather than a report that silently lacks the file.
   */
  public record Malformed(Path file, String message) {}

  /** Writes {@code results} and {@code malformed} files to {@code file}, replacing it. */
  public static void write(Path file, List<SuiteResult> results, List<Malformed> malformed) {
    try (OutputStream out = Files.newOutputStream(file)) {
      var transformer = TransformerFactory.newInstance().newTransformer();
      transformer.setOutputProperty(OutputKeys.INDENT, "yes");
      transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
      transformer.transform(new DOMSource(document(results, malformed)), new StreamResult(out));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write `" + file + "`: " + e.getMessage(), e);
    } catch (TransformerException | ParserConfigurationException e) {
      throw new IllegalStateException("the JDK's XML writer failed: " + e.getMessage(), e);
    }
  }

  private static Document document(List<SuiteResult> results, List<Malformed> malformed)
      throws ParserConfigurationException {
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().newDocument();
    Element root = doc.createElement("testsuites");
    long tests = 0;
    long failures = 0;
    for (SuiteResult r : results) {
      root.appendChild(suite(doc, r));
      tests += r.outcomes().size();
      failures += r.failed();
    }
    for (Malformed m : malformed) {
      root.appendChild(error(doc, m));
    }
    root.setAttribute("tests", Long.toString(tests + malformed.size()));
    root.setAttribute("failures", Long.toString(failures));
    root.setAttribute("errors", Integer.toString(malformed.size()));
    doc.appendChild(root);
    return doc;
  }

  private static Element error(Document doc, Malformed m) {
    Element suite = doc.createElement("testsuite");
    String file = m.file().toString();
    suite.setAttribute("name", file);
    suite.setAttribute("tests", "1");
    suite.setAttribute("failures", "0");
    suite.setAttribute("errors", "1");
    suite.setAttribute("skipped", "0");
    Element tc = doc.createElement("testcase");
    tc.setAttribute("classname", file);
    tc.setAttribute("name", "malformed test file");
    tc.setAttribute("file", file);
    Element error = doc.createElement("error");
    error.setAttribute("message", m.message());
    error.setTextContent(m.message());
    tc.appendChild(error);
    suite.appendChild(tc);
    return suite;
  }

  private static Element suite(Document doc, SuiteResult r) {
    Element suite = doc.createElement("testsuite");
    String file = r.suite().file().toString();
    suite.setAttribute("name", file);
    suite.setAttribute("tests", Integer.toString(r.outcomes().size()));
    suite.setAttribute("failures", Long.toString(r.failed()));
    suite.setAttribute("errors", "0");
    suite.setAttribute("skipped", "0");
    for (Outcome o : r.outcomes()) {
      Element tc = doc.createElement("testcase");
      tc.setAttribute("classname", file);
      tc.setAttribute("name", o.test().name() + ": " + o.assertion().describe());
      tc.setAttribute("file", file);
      tc.setAttribute("line", Integer.toString(o.assertion().at().line()));
      if (!o.passed()) {
        Element failure = doc.createElement("failure");
        failure.setAttribute("message", o.failure());
        failure.setTextContent(o.message() + "\n" + o.explanation());
        tc.appendChild(failure);
      }
      suite.appendChild(tc);
    }
    return suite;
  }
}
