package dev.warden.cli.io;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.wire.WireJson;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * Writes grants then attributes in a data file format, streaming: call {@link #grant} for every
 * grant, then {@link #attributes} for every entity, then {@link #close}.
 */
public final class DataFileWriter implements AutoCloseable {

  private static final ObjectMapper MAPPER = WireJson.records();

  private final DataFormat format;
  private final JsonGenerator out;
  private boolean inGrants;
  private boolean inAttributes;

  public DataFileWriter(OutputStream stream, DataFormat format) {
    this.format = format;
    try {
      if (format == DataFormat.YAML) {
        YAMLFactory f =
            YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .build();
        out = f.createGenerator(stream);
      } else {
        out = MAPPER.getFactory().createGenerator(stream);
        if (format == DataFormat.JSONL) {
          out.setRootValueSeparator(new com.fasterxml.jackson.core.io.SerializedString("\n"));
        }
      }
      out.setCodec(MAPPER);
      if (format != DataFormat.JSONL) {
        out.writeStartObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes one grant; all grants come before any attributes. */
  public void grant(Grant g) {
    try {
      if (format == DataFormat.JSONL) {
        out.writeStartObject();
        writeGrantFields(g);
        out.writeEndObject();
        return;
      }
      if (inAttributes) {
        throw new IllegalStateException("grants must be written before attributes");
      }
      if (!inGrants) {
        out.writeArrayFieldStart("grants");
        inGrants = true;
      }
      if (g.condition() == null) {
        out.writeString(g.toString());
      } else {
        out.writeStartObject();
        writeGrantFields(g);
        out.writeEndObject();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void writeGrantFields(Grant g) throws IOException {
    out.writeStringField("grant", g.key().toString());
    if (g.condition() != null) {
      out.writeStringField("condition", g.condition().name());
      if (!g.condition().context().isEmpty()) {
        out.writeObjectField("context", g.condition().context());
      }
    }
  }

  /** Writes the attributes of one entity. */
  public void attributes(EntityRef entity, Map<String, Object> values) {
    try {
      if (format == DataFormat.JSONL) {
        out.writeStartObject();
        out.writeStringField("entity", entity.toString());
        out.writeObjectField("attributes", values);
        out.writeEndObject();
        return;
      }
      if (inGrants) {
        out.writeEndArray();
        inGrants = false;
      }
      if (!inAttributes) {
        out.writeObjectFieldStart("attributes");
        inAttributes = true;
      }
      out.writeObjectField(entity.toString(), values);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      if (format != DataFormat.JSONL) {
        if (inGrants) {
          out.writeEndArray();
        }
        if (inAttributes) {
          out.writeEndObject();
        }
        out.writeEndObject();
      }
      if (format != DataFormat.YAML) {
        out.writeRaw('\n');
      }
      out.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
