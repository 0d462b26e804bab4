import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Scanner;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What java.util.regex says, for the differential test: each input line is a pattern and sample
 * values (base64, tab-separated); each output line is "ok" and one 0/1 per value (whole-value
 * Matcher.matches()), or "refused" and the exception's description.
 */
public class RegexOracle {
  public static void main(String[] args) {
    Base64.Decoder decoder = Base64.getDecoder();
    Scanner in = new Scanner(System.in, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder();
    while (in.hasNextLine()) {
      String[] fields = in.nextLine().split("\t", -1);
      String pattern = new String(decoder.decode(fields[0]), StandardCharsets.UTF_8);
      try {
        Pattern compiled = Pattern.compile(pattern);
        StringBuilder bits = new StringBuilder();
        for (int i = 1; i < fields.length; i++) {
          String value = new String(decoder.decode(fields[i]), StandardCharsets.UTF_8);
          bits.append(compiled.matcher(value).matches() ? '1' : '0');
        }
        out.append("ok\t").append(bits).append('\n');
      } catch (PatternSyntaxException e) {
        out.append("refused\t").append(e.getDescription().replace('\n', ' ')).append('\n');
      }
    }
    System.out.print(out);
  }
}
