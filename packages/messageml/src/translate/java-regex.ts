/**
 * Elements `pattern` attributes are Java regexes (`java.util.regex.Pattern`): the agent compiles
 * them to accept or refuse a message. This reads Java's syntax — accepting what `Pattern.compile`
 * accepts and refusing what it refuses, with its wording — and writes the JavaScript regex that
 * matches a whole value as Java's `matches()` would: inline flags (`(?i)`, `(?s)`, `(?x)`…, scoped
 * or not), possessive quantifiers and atomic groups (a lookahead and a backreference), Java's
 * ASCII classes (`\w`, `\s`, `\p{Alpha}`…), `\Q…\E`, class unions and intersections, `\h` `\v`
 * `\R`, `\A` `\z` `\Z`. A few constructs Java accepts have no JavaScript equivalent here
 * (`\G`, `\X`, `\N{…}`, Unicode blocks `\p{InGreek}`, canonical equivalence): the pattern is then
 * valid but `untranslatable`, with the reason.
 */

export type JavaRegex =
  /** `regex` matches a whole value as Java's `Pattern.matcher(value).matches()`. */
  | { readonly kind: "ok"; readonly regex: RegExp }
  /** `Pattern.compile` refuses it; `reason` is its description. */
  | { readonly kind: "refused"; readonly reason: string }
  /** Java accepts it, but it uses a construct with no JavaScript equivalent here. */
  | { readonly kind: "untranslatable"; readonly reason: string };

const CACHE_LIMIT = 500;
const cache = new Map<string, JavaRegex>();

/** The pattern read as Java reads it (cached: forms repeat their patterns). */
export function compileJavaRegex(pattern: string): JavaRegex {
  let compiled = cache.get(pattern);
  if (compiled === undefined) {
    compiled = translate(pattern);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(pattern, compiled);
  }
  return compiled;
}

class Refused extends Error {}
class Untranslatable extends Error {}

function translate(pattern: string): JavaRegex {
  try {
    const source = new Translator(pattern).whole();
    return { kind: "ok", regex: new RegExp(`^(?:${source})$`, "v") };
  } catch (error) {
    if (error instanceof Refused) return { kind: "refused", reason: error.message };
    if (error instanceof Untranslatable) return { kind: "untranslatable", reason: error.message };
    // A JavaScript syntax error here is a gap in the translation, not the person's pattern.
    return { kind: "untranslatable", reason: `no JavaScript equivalent (${(error as Error).message})` };
  }
}

interface Flags {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  d: boolean;
  u: boolean;
  U: boolean;
}

const LINE_TERMINATORS = "\\n\\r\\u{85}\\u{2028}\\u{2029}";
const ASCII = {
  lower: "a-z",
  upper: "A-Z",
  digit: "0-9",
  alpha: "a-zA-Z",
  alnum: "a-zA-Z0-9",
  word: "a-zA-Z0-9_",
  space: " \\t\\n\\u{B}\\f\\r",
  punct: "!-\\/:-@\\[-`\\{-~",
  xdigit: "0-9a-fA-F",
  cntrl: "\\u{0}-\\u{1F}\\u{7F}",
  blank: " \\t",
  ascii: "\\u{0}-\\u{7F}",
  graph: "!-~",
  print: " -~",
};
const HORIZONTAL_SPACE = " \\t\\u{A0}\\u{1680}\\u{180E}\\u{2000}-\\u{200A}\\u{202F}\\u{205F}\\u{3000}";
const VERTICAL_SPACE = "\\n\\u{B}\\f\\r\\u{85}\\u{2028}\\u{2029}";

/** POSIX / java.lang.Character classes, ASCII unless (?U): body of a v-mode class. */
function namedClass(name: string, flags: Flags): string | undefined {
  const unicode: Record<string, string> = {
    Lower: "\\p{Lowercase}",
    Upper: "\\p{Uppercase}",
    Alpha: "\\p{Alphabetic}",
    Digit: "\\p{Nd}",
    Alnum: "\\p{Alphabetic}\\p{Nd}",
    Punct: "\\p{P}",
    Space: "\\p{White_Space}",
    XDigit: "\\p{Nd}\\p{Hex_Digit}",
    Blank: "\\t\\p{Zs}",
    Cntrl: "\\p{Cc}",
  };
  const ascii: Record<string, string> = {
    Lower: ASCII.lower,
    Upper: ASCII.upper,
    ASCII: ASCII.ascii,
    Alpha: ASCII.alpha,
    Digit: ASCII.digit,
    Alnum: ASCII.alnum,
    Punct: ASCII.punct,
    Graph: ASCII.graph,
    Print: ASCII.print,
    Blank: ASCII.blank,
    Cntrl: ASCII.cntrl,
    XDigit: ASCII.xdigit,
    Space: ASCII.space,
  };
  const java: Record<string, string> = {
    javaLowerCase: "\\p{Lowercase}",
    javaUpperCase: "\\p{Uppercase}",
    javaAlphabetic: "\\p{Alphabetic}",
    javaDigit: "\\p{Nd}",
    javaLetter: "\\p{L}",
    javaLetterOrDigit: "\\p{L}\\p{Nd}",
    javaWhitespace: "\\t-\\r\\u{1C}-\\u{1F}\\p{Zs}\\p{Zl}\\p{Zp}--[\\u{A0}\\u{2007}\\u{202F}]",
    javaSpaceChar: "\\p{Zs}\\p{Zl}\\p{Zp}",
    javaTitleCase: "\\p{Lt}",
    javaISOControl: "\\u{0}-\\u{1F}\\u{7F}-\\u{9F}",
  };
  if (name in java) return java[name];
  if (flags.U && name in unicode) return unicode[name];
  return ascii[name];
}

const GENERAL_CATEGORIES = new Set(
  "L Lu Ll Lt Lm Lo LC M Mn Mc Me N Nd Nl No P Pc Pd Ps Pe Pi Pf Po S Sm Sc Sk So Z Zs Zl Zp C Cc Cf Cs Co Cn".split(
    " ",
  ),
);
const BINARY_PROPERTIES: Record<string, string> = {
  alphabetic: "Alphabetic",
  ideographic: "Ideographic",
  letter: "L",
  lowercase: "Lowercase",
  uppercase: "Uppercase",
  titlecase: "Lt",
  punctuation: "P",
  control: "Cc",
  white_space: "White_Space",
  whitespace: "White_Space",
  digit: "Nd",
  hex_digit: "Hex_Digit",
  hexdigit: "Hex_Digit",
  join_control: "Join_Control",
  joincontrol: "Join_Control",
  noncharacter_code_point: "Noncharacter_Code_Point",
  noncharactercodepoint: "Noncharacter_Code_Point",
  assigned: "Assigned",
  emoji: "Emoji",
  emoji_presentation: "Emoji_Presentation",
  emoji_modifier: "Emoji_Modifier",
  emoji_modifier_base: "Emoji_Modifier_Base",
  emoji_component: "Emoji_Component",
  extended_pictographic: "Extended_Pictographic",
};

/** Is `\p{Script=name}` known to this engine? (Java and JavaScript share Unicode's script names.) */
function scriptProperty(name: string): string | undefined {
  try {
    new RegExp(`\\p{Script=${name}}`, "u");
    return `\\p{Script=${name}}`;
  } catch {
    // Java also takes the upper-case and short aliases; JavaScript wants the canonical spelling.
    const canonical = name.charAt(0).toUpperCase() + name.slice(1).toLowerCase();
    try {
      new RegExp(`\\p{Script=${canonical}}`, "u");
      return `\\p{Script=${canonical}}`;
    } catch {
      return undefined;
    }
  }
}

function hex(cp: number): string {
  return `\\u{${cp.toString(16).toUpperCase()}}`;
}

/** A code point written so that it means itself anywhere, in or out of a v-mode class. */
function literal(cp: number): string {
  return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a)
    ? String.fromCodePoint(cp)
    : hex(cp);
}

function isAsciiLetter(cp: number): boolean {
  return (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x61 && cp <= 0x7a);
}

/** The code points equal to `cp` ignoring case, under the flags (ASCII only unless (?u)). */
function caseVariants(cp: number, flags: Flags): number[] {
  if (!flags.i) return [cp];
  if (isAsciiLetter(cp)) return [cp, cp ^ 0x20];
  if (!flags.u || cp < 0x80) return [cp];
  const char = String.fromCodePoint(cp);
  const out = new Set([cp]);
  for (const other of [char.toLowerCase(), char.toUpperCase()]) {
    if ([...other].length === 1) out.add(other.codePointAt(0) as number);
  }
  return [...out];
}

/** Body of a class for the range lo-hi, case variants added (ASCII letters; single code points otherwise). */
function rangeBody(lo: number, hi: number, flags: Flags): string {
  let body = lo === hi ? literal(lo) : `${literal(lo)}-${literal(hi)}`;
  if (!flags.i) return body;
  for (const [a, z] of [
    [0x41, 0x5a],
    [0x61, 0x7a],
  ] as const) {
    const from = Math.max(lo, a);
    const to = Math.min(hi, z);
    if (from <= to) body += `${literal(from ^ 0x20)}-${literal(to ^ 0x20)}`;
  }
  if (flags.u && hi - lo < 512) {
    for (let cp = Math.max(lo, 0x80); cp <= hi; cp++) {
      for (const variant of caseVariants(cp, flags)) if (variant !== cp) body += literal(variant);
    }
  }
  return body;
}

class Translator {
  readonly #cps: number[];
  #pos = 0;
  #flags: Flags = { i: false, m: false, s: false, x: false, d: false, u: false, U: false };
  /** Java's capturing groups so far, and the JavaScript group each became. */
  #javaGroups = 0;
  #jsGroups = 0;
  readonly #jsGroupOf = new Map<number, number>();
  readonly #closed = new Set<number>();
  readonly #names = new Set<string>();
  readonly #pattern: string;
  /** Inside `\Q…\E` outside a class. */
  #quoting = false;

  constructor(pattern: string) {
    this.#pattern = pattern;
    this.#cps = [...pattern].map((c) => c.codePointAt(0) as number);
  }

  whole(): string {
    const source = this.#alternation();
    if (this.#pos < this.#cps.length) {
      // Only a ')' stops an alternation early.
      throw new Refused("Unmatched closing ')'");
    }
    return source;
  }

  #peek(offset = 0): number | undefined {
    return this.#cps[this.#pos + offset];
  }

  #at(char: string): boolean {
    return this.#peek() === char.codePointAt(0);
  }

  #eat(char: string): boolean {
    if (!this.#at(char)) return false;
    this.#pos++;
    return true;
  }

  #skipComments(): void {
    if (!this.#flags.x) return;
    for (;;) {
      const cp = this.#peek();
      if (cp === undefined) return;
      if (cp === 0x20 || (cp >= 0x09 && cp <= 0x0d)) this.#pos++;
      else if (cp === 0x23) {
        while (this.#peek() !== undefined && !this.#isLineTerminator(this.#peek() as number)) this.#pos++;
      } else return;
    }
  }

  #isLineTerminator(cp: number): boolean {
    return this.#flags.d ? cp === 0x0a : [0x0a, 0x0d, 0x85, 0x2028, 0x2029].includes(cp);
  }

  #alternation(): string {
    const branches = [this.#sequence()];
    while (this.#eat("|")) branches.push(this.#sequence());
    return branches.join("|");
  }

  #sequence(): string {
    let out = "";
    for (;;) {
      if (this.#quoting) {
        if (this.#peek() === undefined) this.#quoting = false;
      } else {
        this.#skipComments();
        const cp = this.#peek();
        if (cp === undefined || cp === 0x7c /* | */ || cp === 0x29 /* ) */) return out;
      }
      if (this.#peek() === undefined) return out;
      const atom = this.#quoting ? this.#quotedChar() : this.#atom();
      if (atom === undefined) continue; // a flag group or an empty \Q\E: nothing to repeat
      out += this.#quantified(atom);
    }
  }

  /** One atom, or undefined for what matches nothing by itself (inline flags, empty quotes). */
  #atom(): string | undefined {
    const cp = this.#peek() as number;
    const char = String.fromCodePoint(cp);
    switch (char) {
      case "(":
        return this.#group();
      case "[":
        this.#pos++;
        return `[${this.#classBody()}]`;
      case ".":
        this.#pos++;
        if (this.#flags.s) return "[\\s\\S]";
        return this.#flags.d ? "[^\\n]" : `[^${LINE_TERMINATORS}]`;
      case "^":
        this.#pos++;
        if (!this.#flags.m) return "(?<![\\s\\S])";
        return this.#flags.d
          ? "(?<![\\s\\S])|(?<=\\n)(?=[\\s\\S])"
          : `(?:(?<![\\s\\S])|(?<=[\\n\\u{85}\\u{2028}\\u{2029}]|\\r(?!\\n))(?=[\\s\\S]))`;
      case "$":
        this.#pos++;
        if (this.#flags.d) return this.#flags.m ? "(?=\\n|(?![\\s\\S]))" : "(?=\\n?(?![\\s\\S]))";
        if (this.#flags.m) return `(?=[${LINE_TERMINATORS}]|(?![\\s\\S]))`;
        return `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`;
      case "\\":
        return this.#escape(false);
      case "*":
      case "+":
      case "?":
        throw new Refused(`Dangling meta character '${char}'`);
      case "{":
        throw new Refused("Illegal repetition");
      default:
        this.#pos++;
        return this.#char(cp);
    }
  }

  /** A literal code point, case variants included. */
  #char(cp: number): string {
    const variants = caseVariants(cp, this.#flags);
    return variants.length === 1 ? literal(cp) : `[${variants.map(literal).join("")}]`;
  }

  /** The next character of `\Q…\E`, a literal; the quote ends at `\E` (a quantifier after it is the character's). */
  #quotedChar(): string | undefined {
    if (this.#peek() === 0x5c && this.#peek(1) === 0x45) {
      this.#pos += 2;
      this.#quoting = false;
      return undefined;
    }
    const cp = this.#peek();
    if (cp === undefined) {
      this.#quoting = false;
      return undefined;
    }
    this.#pos++;
    if (this.#peek() === 0x5c && this.#peek(1) === 0x45) {
      this.#pos += 2;
      this.#quoting = false;
    }
    return this.#char(cp);
  }

  #quantified(atom: string): string {
    if (this.#quoting) return atom;
    this.#skipComments();
    const quantifier = this.#quantifier();
    if (quantifier === undefined) return atom;
    let out = `(?:${atom})${quantifier}`;
    if (this.#eat("?")) out += "?";
    else if (this.#eat("+")) out = this.#atomic(out);
    // Stacked quantifiers, as java.util.regex behaves: another `*` `+` `?` dangles; a counted one
    // is checked and has no effect (`a{2}{3}` matches "aa", `a*{2}` is `a*`).
    for (;;) {
      this.#skipComments();
      const cp = this.#peek();
      if (cp === 0x2a || cp === 0x2b || cp === 0x3f)
        throw new Refused(`Dangling meta character '${String.fromCodePoint(cp)}'`);
      if (cp !== 0x7b) return out;
      this.#quantifier();
      if (!this.#eat("?")) this.#eat("+");
    }
  }

  #quantifier(): string | undefined {
    const cp = this.#peek();
    if (cp === 0x2a || cp === 0x2b || cp === 0x3f) {
      this.#pos++;
      return String.fromCodePoint(cp);
    }
    if (cp !== 0x7b) return undefined;
    this.#pos++;
    const min = this.#number();
    if (min === undefined) throw new Refused("Illegal repetition");
    let max: number | undefined = min;
    if (this.#eat(",")) max = this.#number() ?? Number.POSITIVE_INFINITY;
    if (!this.#eat("}")) throw new Refused("Unclosed counted closure");
    if (max < min) throw new Refused("Illegal repetition range");
    return max === min ? `{${min}}` : max === Number.POSITIVE_INFINITY ? `{${min},}` : `{${min},${max}}`;
  }

  #number(): number | undefined {
    let digits = "";
    while (
      this.#peek() !== undefined &&
      (this.#peek() as number) >= 0x30 &&
      (this.#peek() as number) <= 0x39
    ) {
      digits += String.fromCodePoint(this.#peek() as number);
      this.#pos++;
    }
    if (digits === "") return undefined;
    const value = Number(digits);
    if (value > 0x7fffffff) throw new Refused("Illegal repetition");
    return value;
  }

  /** `source` matched atomically (no backtracking into it): a lookahead captures, a backreference consumes. */
  #atomic(source: string): string {
    const group = ++this.#jsGroups;
    return `(?=(${source}))\\${group}`;
  }

  #group(): string | undefined {
    this.#pos++; // (
    if (!this.#eat("?")) return this.#capture(undefined);
    const next = this.#peek();
    if (next === undefined) throw new Refused("Unknown inline modifier");
    const kind = String.fromCodePoint(next);
    if (kind === ":") {
      this.#pos++;
      return `(?:${this.#closeGroup()})`;
    }
    if (kind === "=" || kind === "!") {
      this.#pos++;
      return `(?${kind}${this.#closeGroup()})`;
    }
    if (kind === ">") {
      this.#pos++;
      return this.#atomic(this.#closeGroup());
    }
    if (kind === "<") {
      this.#pos++;
      if (this.#eat("=")) return `(?<=${this.#closeGroup()})`;
      if (this.#eat("!")) return `(?<!${this.#closeGroup()})`;
      const name = this.#groupName();
      if (this.#names.has(name)) throw new Refused(`Named capturing group <${name}> is already defined`);
      this.#names.add(name);
      return this.#capture(name);
    }
    return this.#flagGroup();
  }

  #groupName(): string {
    let name = "";
    const first = this.#peek();
    if (first === undefined || !isAsciiLetter(first))
      throw new Refused("capturing group name does not start with a Latin letter");
    while (this.#peek() !== undefined && /[A-Za-z0-9]/.test(String.fromCodePoint(this.#peek() as number))) {
      name += String.fromCodePoint(this.#peek() as number);
      this.#pos++;
    }
    if (!this.#eat(">")) throw new Refused("named capturing group is missing trailing '>'");
    return name;
  }

  #capture(name: string | undefined): string {
    const javaGroup = ++this.#javaGroups;
    const jsGroup = ++this.#jsGroups;
    this.#jsGroupOf.set(javaGroup, jsGroup);
    const body = this.#closeGroup();
    this.#closed.add(javaGroup);
    return name === undefined ? `(${body})` : `(?<${name}>${body})`;
  }

  /** The group's alternation up to its ')', its flags restored after. */
  #closeGroup(): string {
    const saved = { ...this.#flags };
    const body = this.#alternation();
    if (!this.#eat(")")) throw new Refused("Unclosed group");
    this.#flags = saved;
    return body;
  }

  /** `(?idmsuxU-idmsuxU)` for the rest of the enclosing group, or `(?flags:X)` for X only. */
  #flagGroup(): string | undefined {
    const saved = { ...this.#flags };
    let on = true;
    for (;;) {
      const cp = this.#peek();
      if (cp === undefined) throw new Refused("Unknown inline modifier");
      const char = String.fromCodePoint(cp);
      this.#pos++;
      if (char === ")") return undefined;
      if (char === ":") {
        const body = this.#alternation();
        if (!this.#eat(")")) throw new Refused("Unclosed group");
        this.#flags = saved;
        return `(?:${body})`;
      }
      if (char === "-") {
        on = false;
        continue;
      }
      if (char === "c") throw new Untranslatable("canonical equivalence (?c) has no JavaScript equivalent");
      if (!"idmsuxU".includes(char)) throw new Refused("Unknown inline modifier");
      this.#flags[char as keyof Flags] = on;
      if (char === "U" && on) this.#flags.u = true;
    }
  }

  /** An escape outside (`inClass` false: an atom) or inside a class (the class body it adds). */
  #escape(inClass: boolean): string | undefined {
    this.#pos++; // backslash
    const cp = this.#peek();
    if (cp === undefined) throw new Refused("Unexpected internal error");
    const char = String.fromCodePoint(cp);
    this.#pos++;
    const flags = this.#flags;
    const set = (body: string) => (inClass ? body : `[${body}]`);
    const negated = (body: string) => (inClass ? `[^${body}]` : `[^${body}]`);
    switch (char) {
      case "d":
        return set(flags.U ? "\\p{Nd}" : ASCII.digit);
      case "D":
        return negated(flags.U ? "\\p{Nd}" : ASCII.digit);
      case "w":
        return set(flags.U ? "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u{200C}\\u{200D}" : ASCII.word);
      case "W":
        return negated(flags.U ? "\\p{Alphabetic}\\p{M}\\p{Nd}\\p{Pc}\\u{200C}\\u{200D}" : ASCII.word);
      case "s":
        return set(flags.U ? "\\p{White_Space}" : ASCII.space);
      case "S":
        return negated(flags.U ? "\\p{White_Space}" : ASCII.space);
      case "h":
        return set(HORIZONTAL_SPACE);
      case "H":
        return negated(HORIZONTAL_SPACE);
      case "v":
        return set(VERTICAL_SPACE);
      case "V":
        return negated(VERTICAL_SPACE);
      case "p":
      case "P":
        return this.#property(char === "P", inClass);
      case "Q":
        return this.#quote(inClass);
      case "t":
        return this.#char(0x09);
      case "n":
        return this.#char(0x0a);
      case "r":
        return this.#char(0x0d);
      case "f":
        return this.#char(0x0c);
      case "a":
        return this.#char(0x07);
      case "e":
        return this.#char(0x1b);
      case "c": {
        const control = this.#peek();
        if (control === undefined) throw new Refused("Illegal control escape sequence");
        this.#pos++;
        return this.#char(control ^ 64);
      }
      case "0":
        return this.#char(this.#octal());
      case "x":
        return this.#char(this.#hexEscape());
      case "u":
        return this.#char(this.#unicodeEscape());
      case "N":
        throw new Untranslatable(
          "\\N{name} (a character by its Unicode name) has no JavaScript equivalent here",
        );
    }
    if (!inClass) {
      switch (char) {
        case "b":
          if (this.#at("{"))
            throw new Untranslatable("\\b{g} (grapheme boundary) has no JavaScript equivalent");
          return flags.U
            ? "(?:(?<=[\\p{L}\\p{Nd}_])(?![\\p{L}\\p{Nd}_])|(?<![\\p{L}\\p{Nd}_])(?=[\\p{L}\\p{Nd}_]))"
            : "\\b";
        case "B":
          return flags.U
            ? "(?:(?<=[\\p{L}\\p{Nd}_])(?=[\\p{L}\\p{Nd}_])|(?<![\\p{L}\\p{Nd}_])(?![\\p{L}\\p{Nd}_]))"
            : "\\B";
        case "A":
          return "(?<![\\s\\S])";
        case "z":
          return "(?![\\s\\S])";
        case "Z":
          return `(?=(?:\\r\\n|[${LINE_TERMINATORS}])?(?![\\s\\S]))`;
        case "R":
          return "(?:\\r\\n|[\\n\\u{B}\\f\\r\\u{85}\\u{2028}\\u{2029}])";
        case "G":
          throw new Untranslatable("\\G (end of the previous match) has no JavaScript equivalent here");
        case "X":
          throw new Untranslatable("\\X (a grapheme cluster) has no JavaScript equivalent here");
        case "k":
          return this.#namedBackreference();
      }
      if (cp >= 0x31 && cp <= 0x39) return this.#backreference(cp - 0x30);
    }
    if (isAsciiLetter(cp) || (cp >= 0x30 && cp <= 0x39))
      throw new Refused("Illegal/unsupported escape sequence");
    return this.#char(cp);
  }

  #octal(): number {
    const digit = (offset: number) => {
      const cp = this.#peek(offset);
      return cp !== undefined && cp >= 0x30 && cp <= 0x37 ? cp - 0x30 : undefined;
    };
    const a = digit(0);
    if (a === undefined) throw new Refused("Illegal octal escape sequence");
    const b = digit(1);
    if (b === undefined) {
      this.#pos += 1;
      return a;
    }
    const c = digit(2);
    if (c !== undefined && a <= 3) {
      this.#pos += 3;
      return a * 64 + b * 8 + c;
    }
    this.#pos += 2;
    return a * 8 + b;
  }

  #hexDigits(count: number): number | undefined {
    let text = "";
    for (let i = 0; i < count; i++) {
      const cp = this.#peek(i);
      if (cp === undefined || !/[0-9a-fA-F]/.test(String.fromCodePoint(cp))) return undefined;
      text += String.fromCodePoint(cp);
    }
    this.#pos += count;
    return Number.parseInt(text, 16);
  }

  #hexEscape(): number {
    if (this.#eat("{")) {
      let text = "";
      while (this.#peek() !== undefined && /[0-9a-fA-F]/.test(String.fromCodePoint(this.#peek() as number))) {
        text += String.fromCodePoint(this.#peek() as number);
        this.#pos++;
      }
      const value = text === "" ? Number.NaN : Number.parseInt(text, 16);
      if (!this.#eat("}") || Number.isNaN(value)) throw new Refused("Unclosed hexadecimal escape sequence");
      if (value > 0x10ffff) throw new Refused("Hexadecimal codepoint is too big");
      return value;
    }
    const value = this.#hexDigits(2);
    if (value === undefined) throw new Refused("Illegal hexadecimal escape sequence");
    return value;
  }

  #unicodeEscape(): number {
    const value = this.#hexDigits(4);
    if (value === undefined) throw new Refused("Illegal Unicode escape sequence");
    // A surrogate pair written as two \u escapes is one code point, as in Java.
    if (value >= 0xd800 && value <= 0xdbff && this.#peek() === 0x5c && this.#peek(1) === 0x75) {
      const saved = this.#pos;
      this.#pos += 2;
      const low = this.#hexDigits(4);
      if (low !== undefined && low >= 0xdc00 && low <= 0xdfff)
        return (value - 0xd800) * 0x400 + low - 0xdc00 + 0x10000;
      this.#pos = saved;
    }
    return value;
  }

  #backreference(first: number): string {
    let group = first;
    // More digits belong to the number while such a group exists (Java's rule).
    for (;;) {
      const cp = this.#peek();
      if (cp === undefined || cp < 0x30 || cp > 0x39) break;
      const longer = group * 10 + (cp - 0x30);
      if (longer > this.#javaGroups) break;
      group = longer;
      this.#pos++;
    }
    return this.#refer(group);
  }

  #namedBackreference(): string {
    if (!this.#eat("<")) throw new Refused("\\k is not followed by '<' for named capturing group");
    const name = this.#groupName();
    if (!this.#names.has(name)) throw new Refused(`named capturing group <${name}> does not exist`);
    return `\\k<${name}>`;
  }

  /** A backreference: to a group not (yet) closed it never matches, as in Java. */
  #refer(group: number): string {
    const jsGroup = this.#jsGroupOf.get(group);
    if (jsGroup === undefined || !this.#closed.has(group)) return "(?!)";
    if (!this.#flags.i) return `\\${jsGroup}`;
    throw new Untranslatable("a backreference under (?i) has no JavaScript equivalent here");
  }

  #quote(inClass: boolean): string | undefined {
    if (!inClass) {
      // Outside a class each quoted character is an atom of its own (a quantifier takes the last).
      this.#quoting = true;
      return this.#quotedChar();
    }
    let out = "";
    while (this.#pos < this.#cps.length) {
      if (this.#peek() === 0x5c && this.#peek(1) === 0x45) {
        this.#pos += 2;
        break;
      }
      out += inClass
        ? rangeBody(this.#peek() as number, this.#peek() as number, this.#flags)
        : this.#char(this.#peek() as number);
      this.#pos++;
    }
    if (out === "") return undefined;
    return inClass ? out : `(?:${out})`;
  }

  #property(negate: boolean, inClass: boolean): string {
    let name: string;
    if (this.#eat("{")) {
      name = "";
      while (this.#peek() !== undefined && !this.#at("}")) {
        name += String.fromCodePoint(this.#peek() as number);
        this.#pos++;
      }
      if (!this.#eat("}")) throw new Refused("Unclosed character family");
    } else {
      const cp = this.#peek();
      if (cp === undefined) throw new Refused("Illegal character family");
      this.#pos++;
      name = String.fromCodePoint(cp);
    }
    const body = this.#propertyBody(name);
    if (negate) return inClass ? `[^${body}]` : `[^${body}]`;
    return inClass ? body : `[${body}]`;
  }

  /** The class body of `\p{name}` as Java reads the name. */
  #propertyBody(name: string): string {
    const unknown = () => new Refused(`Unknown character property name {${name}}`);
    const eq = name.indexOf("=");
    if (eq >= 0) {
      const key = name.slice(0, eq).toLowerCase();
      const value = name.slice(eq + 1);
      if (key === "sc" || key === "script") {
        const script = scriptProperty(value);
        if (!script) throw new Refused(`Unknown character script name {${value}}`);
        return script;
      }
      if (key === "gc" || key === "general_category") {
        if (!GENERAL_CATEGORIES.has(value))
          throw new Refused(`Unknown Unicode property {name=<${key}>, value=<${value}>}`);
        return `\\p{${value}}`;
      }
      if (key === "blk" || key === "block")
        throw new Untranslatable("Unicode blocks have no JavaScript equivalent here");
      throw unknown();
    }
    const named = namedClass(name, this.#flags);
    if (named !== undefined) {
      // (?i) widens Lower and Upper to both cases, as Java does.
      if (this.#flags.i && (name === "Lower" || name === "Upper"))
        return this.#flags.U ? "\\p{L}" : ASCII.alpha;
      return named;
    }
    if (GENERAL_CATEGORIES.has(name)) return `\\p{${name}}`;
    if (name.startsWith("Is")) {
      const rest = name.slice(2);
      if (GENERAL_CATEGORIES.has(rest)) return `\\p{${rest}}`;
      const binary = BINARY_PROPERTIES[rest.toLowerCase()];
      if (binary) return `\\p{${binary}}`;
      const script = scriptProperty(rest);
      if (script) return script;
      throw unknown();
    }
    if (name.startsWith("In")) throw new Untranslatable("Unicode blocks have no JavaScript equivalent here");
    throw unknown();
  }

  /**
   * The body of a class after its '[' up to and including its ']': unions of items and nested
   * classes, `&&` intersections, ranges. The result is a v-mode class body (its ']' not included).
   */
  #classBody(): string {
    const negate = this.#eat("^");
    let operands: string[] = [];
    let current = "";
    let first = true;
    for (;;) {
      const cp = this.#peek();
      if (cp === undefined) throw new Refused("Unclosed character class");
      if (cp === 0x5d /* ] */ && !first) {
        this.#pos++;
        break;
      }
      // A ']' first is a literal (Java: `[]a]` holds ']' and 'a'; `[]` is unclosed).
      first = false;
      if (cp === 0x26 && this.#peek(1) === 0x26) {
        this.#pos += 2;
        operands.push(current);
        current = "";
        continue;
      }
      if (cp === 0x5b) {
        this.#pos++;
        current += `[${this.#classBody()}]`;
        continue;
      }
      if (this.#flags.x && (cp === 0x20 || (cp >= 0x09 && cp <= 0x0d))) {
        this.#pos++;
        continue;
      }
      if (this.#flags.x && cp === 0x23) {
        while (this.#peek() !== undefined && !this.#isLineTerminator(this.#peek() as number)) this.#pos++;
        continue;
      }
      current += this.#classItem();
    }
    operands.push(current);
    // An empty side of && drops out (Java: `[&&a]` is `[a]`).
    operands = operands.filter((operand) => operand !== "");
    const body =
      operands.length === 0
        ? ""
        : operands.length === 1
          ? (operands[0] as string)
          : operands.map((o) => `[${o}]`).join("&&");
    return negate ? `^${body}` : body;
  }

  /** One class item: a character or range, an escape (a set), `\Q…\E`. */
  #classItem(): string {
    const start = this.#classChar();
    if (typeof start === "string") return start;
    if (this.#at("-") && this.#peek(1) !== undefined && this.#peek(1) !== 0x5d) {
      const saved = this.#pos;
      this.#pos++;
      if (this.#at("[")) {
        this.#pos = saved;
        return rangeBody(start, start, this.#flags);
      }
      const end = this.#classChar();
      if (typeof end === "string") throw new Refused("Illegal character range");
      if (end < start) throw new Refused("Illegal character range");
      return rangeBody(start, end, this.#flags);
    }
    return rangeBody(start, start, this.#flags);
  }

  /** A single code point of a class, or the class body of an escape that is a set. */
  #classChar(): number | string {
    const cp = this.#peek() as number;
    if (cp !== 0x5c) {
      this.#pos++;
      return cp;
    }
    const next = this.#peek(1);
    if (next === undefined) throw new Refused("Unclosed character class");
    const char = String.fromCodePoint(next);
    // Escapes that stand for one code point: a range may start or end there.
    const single: Record<string, number> = { t: 9, n: 10, r: 13, f: 12, a: 7, e: 27 };
    if (char in single) {
      this.#pos += 2;
      return single[char] as number;
    }
    if (char === "x") {
      this.#pos += 2;
      return this.#hexEscape();
    }
    if (char === "u") {
      this.#pos += 2;
      return this.#unicodeEscape();
    }
    if (char === "0") {
      this.#pos += 2;
      return this.#octal();
    }
    if (char === "c") {
      this.#pos += 2;
      const control = this.#peek();
      if (control === undefined) throw new Refused("Illegal control escape sequence");
      this.#pos++;
      return control ^ 64;
    }
    if (!isAsciiLetter(next) && !(next >= 0x30 && next <= 0x39)) {
      this.#pos += 2;
      return next;
    }
    if (char === "b") throw new Refused("Illegal/unsupported escape sequence");
    return this.#escape(true) ?? "";
  }

  toString(): string {
    return this.#pattern;
  }
}
