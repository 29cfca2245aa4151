package dev.warden.cli.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.api.WardenException;
import dev.warden.wire.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** Reads Warden's own test files (docs/testing.md), YAML or JSON by extension. */
public final class WardenTestReader implements TestSuiteReader {

  private static final ObjectMapper MAPPER = WireJson.records();

  /** A key given twice (two `allowed` in one check) is refused, as the wire's JSON refuses it. */
  private static final JsonFactory YAML =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  @Override
  public boolean reads(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    boolean yaml = name.endsWith(".yaml") || name.endsWith(".yml");
    return (yaml && !OpenFgaTestReader.named(file)) || name.endsWith(".json");
  }

  @Override
  public boolean accepts(Set<String> topLevelKeys) {
    return topLevelKeys.contains("policy") || topLevelKeys.contains("policy_file");
  }

  @Override
  public TestSuite read(Path file) {
    boolean json = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT).endsWith(".json");
    JsonFactory factory = json ? MAPPER.getFactory() : YAML;
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = factory.createParser(in)) {
      p.setCodec(MAPPER);
      return new SuiteParser(file, p).suite();
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      String where =
          at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw WardenException.invalid(where + ": " + e.getOriginalMessage());
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read `" + file + "`: no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read `" + file + "`: " + e.getMessage(), e);
    }
  }
}
