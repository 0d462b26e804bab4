import freemarker.core.TemplateClassResolver;
import freemarker.template.Configuration;
import freemarker.template.Template;
import freemarker.template.TemplateException;
import freemarker.template.TemplateExceptionHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;

/**
 * The agent's FreeMarker, as MMU's MessageMLParser sets it up and calls it (messageml.md §1.4), for
 * sprig's differential test. One JVM run expands many templates: stdin is a JSON array of
 * {"template": "…", "data": {…}}, stdout a JSON array of {"output": "…"} or {"error": "…"}, where the
 * error text is the agent's (a ParseException is an IOException: "Error parsing EntityJSON: " + its
 * message; a TemplateException: "Error parsing Freemarker template: invalid input at line L, column C").
 *
 * Run with Debian's libfreemarker-java: java -cp /usr/share/java/freemarker.jar Harness.java
 * No JSON library: the tiny reader below maps JSON as Jackson's convertValue(…, Map.class) does
 * (Integer, Long or BigInteger for integers, Double for decimals, LinkedHashMap, ArrayList).
 */
public final class Harness {
  public static void main(String[] args) throws IOException {
    Configuration cfg = new Configuration(Configuration.VERSION_2_3_30);
    cfg.setTemplateExceptionHandler(TemplateExceptionHandler.RETHROW_HANDLER);
    cfg.setNewBuiltinClassResolver(TemplateClassResolver.ALLOWS_NOTHING_RESOLVER);
    cfg.setLogTemplateExceptions(false);
    // "Everything else at defaults" means the JVM's locale and zone; a pod runs en_US, UTC.
    cfg.setLocale(Locale.US);
    cfg.setTimeZone(TimeZone.getTimeZone("UTC"));

    InputStream in = System.in;
    String input = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    @SuppressWarnings("unchecked")
    List<Object> cases = (List<Object>) new JsonReader(input).value();
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < cases.size(); i++) {
      @SuppressWarnings("unchecked")
      Map<String, Object> c = (Map<String, Object>) cases.get(i);
      if (i > 0) out.append(",\n");
      // `.now` reads the JVM's clock: sprig gets the moment the case started, and a case that ran
      // across a second boundary runs again, so second-resolution formats compare exactly.
      long before;
      String result;
      int tries = 0;
      do {
        before = System.currentTimeMillis();
        result = expand((String) c.get("template"), c.get("data"), cfg);
      } while (before / 1000 != System.currentTimeMillis() / 1000 && ++tries < 3);
      out.append(result, 0, result.length() - 1).append(",\"now\":").append(before).append('}');
    }
    out.append("]\n");
    PrintStream stdout = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    stdout.print(out);
  }

  private static String expand(String message, Object entityJson, Configuration cfg) {
    // MMU runs FreeMarker only when the message holds one of these.
    if (!message.contains("<#") && !message.contains("<@") && !message.contains("${") && !message.contains("#{")) {
      return "{\"output\":" + quote(message) + "}";
    }
    Map<String, Object> model = new HashMap<>();
    model.put("data", entityJson);
    model.put("entity", entityJson);
    try {
      StringWriter sw = new StringWriter();
      new Template("messageML", message, cfg).process(model, sw);
      return "{\"output\":" + quote(sw.toString()) + "}";
    } catch (IOException e) {
      return "{\"error\":" + quote("Error parsing EntityJSON: " + e.getMessage()) + "}";
    } catch (TemplateException e) {
      return "{\"error\":"
          + quote(String.format("Error parsing Freemarker template: invalid input at line %s, column %s",
              e.getLineNumber(), e.getColumnNumber()))
          + "}";
    } catch (RuntimeException | StackOverflowError e) {
      // The agent lets these escape (an internal server error).
      return "{\"crash\":" + quote(e.getClass().getName()) + "}";
    }
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '"' || ch == '\\') b.append('\\').append(ch);
      else if (ch < 0x20 || ch > 0x7e) b.append(String.format("\\u%04x", (int) ch));
      else b.append(ch);
    }
    return b.append('"').toString();
  }

  /** Just enough JSON for the test's own input. */
  private static final class JsonReader {
    private final String s;
    private int i;

    JsonReader(String s) {
      this.s = s;
    }

    Object value() {
      skip();
      char ch = s.charAt(i);
      if (ch == '{') {
        Map<String, Object> map = new LinkedHashMap<>();
        i++;
        skip();
        if (s.charAt(i) == '}') {
          i++;
          return map;
        }
        while (true) {
          skip();
          String key = string();
          skip();
          i++; // ':'
          map.put(key, value());
          skip();
          if (s.charAt(i++) == '}') return map;
        }
      }
      if (ch == '[') {
        List<Object> list = new ArrayList<>();
        i++;
        skip();
        if (s.charAt(i) == ']') {
          i++;
          return list;
        }
        while (true) {
          list.add(value());
          skip();
          if (s.charAt(i++) == ']') return list;
        }
      }
      if (ch == '"') return string();
      if (s.startsWith("true", i)) {
        i += 4;
        return Boolean.TRUE;
      }
      if (s.startsWith("false", i)) {
        i += 5;
        return Boolean.FALSE;
      }
      if (s.startsWith("null", i)) {
        i += 4;
        return null;
      }
      int start = i;
      while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) i++;
      String n = s.substring(start, i);
      if (n.contains(".") || n.contains("e") || n.contains("E")) return Double.valueOf(n);
      BigInteger big = new BigInteger(n);
      if (big.bitLength() < 32) return big.intValue();
      if (big.bitLength() < 64) return big.longValue();
      return big;
    }

    private String string() {
      StringBuilder b = new StringBuilder();
      i++; // opening quote
      while (true) {
        char ch = s.charAt(i++);
        if (ch == '"') return b.toString();
        if (ch != '\\') {
          b.append(ch);
          continue;
        }
        char esc = s.charAt(i++);
        switch (esc) {
          case 'n': b.append('\n'); break;
          case 'r': b.append('\r'); break;
          case 't': b.append('\t'); break;
          case 'b': b.append('\b'); break;
          case 'f': b.append('\f'); break;
          case 'u':
            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
            i += 4;
            break;
          default: b.append(esc);
        }
      }
    }

    private void skip() {
      while (i < s.length() && Character.isWhitespace(s.charAt(i))) i++;
    }
  }
}
