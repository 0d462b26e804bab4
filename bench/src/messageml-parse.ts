/**
 * Inbound parsing and FreeMarker expansion throughput, each against a baseline measured in the same
 * run. Run: `npx tsx bench/src/messageml-parse.ts` (optional `--quick`).
 *
 * 1. parsePresentationML on a typical inbound message (≈50 words, 3 entities, `data` as the JSON
 *    string the datafeed delivers) vs a bare htmlparser2 parse of the same input (DOM, and
 *    tokenize-only), both plus the JSON.parse of `data` that any consumer must do.
 * 2. Size sweep: time per KB for 1×…256× the message, and for hostile deep nesting, where
 *    htmlparser2's own Parser turns quadratic.
 * 3. expandFreemarker on a Spring-Bot-style form template vs a single regex pass that replaces each
 *    `${path}` (the floor for any interpolating expander; it does not run the directives).
 */
import { expandFreemarker, parsePresentationML } from "@sprig/messageml";
import { Parser, parseDocument } from "htmlparser2";

const quick = process.argv.includes("--quick");
const RUN_MS = quick ? 300 : 1000;
const ROUNDS = quick ? 3 : 5;

/**
 * Runs `fn` repeatedly for RUN_MS of CPU time, ROUNDS times; returns the median operations per
 * second of this process's CPU time (user + system). On a shared machine wall-clock rates mostly
 * measure the neighbours; CPU time is what one core spends on the work.
 */
function opsPerSecond(fn: () => unknown): number {
  for (let i = 0; i < 2000; i++) fn(); // warm up the JIT
  const rates: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    let count = 0;
    const start = process.cpuUsage();
    let cpuMs = 0;
    while (cpuMs < RUN_MS) {
      for (let i = 0; i < 100; i++) fn();
      count += 100;
      const used = process.cpuUsage(start);
      cpuMs = (used.user + used.system) / 1000;
    }
    rates.push((count / cpuMs) * 1000);
  }
  rates.sort((a, b) => a - b);
  return rates[Math.floor(rates.length / 2)] as number;
}

/** Median CPU milliseconds of one call, for inputs too big to loop on. */
function msPerCall(fn: () => unknown, repeat = quick ? 3 : 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < repeat; i++) {
    const start = process.cpuUsage();
    fn();
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] as number;
}

const fmt = (n: number) => Math.round(n).toLocaleString("en-US");

// ---- 1. typical inbound message ----

const TYPICAL =
  '<div data-format="PresentationML" data-version="2.0" class="wysiwyg"><p>' +
  '<span class="entity" data-entity-id="0">@Jane Doe</span> could you look at the quarterly numbers for ' +
  '<span class="entity" data-entity-id="1">$TSLA</span> before the meeting tomorrow? I think the revenue line ' +
  "in the <b>second table</b> is off by a few percent, and the margin figure does not match what finance " +
  'sent on Monday. Tag it with <span class="entity" data-entity-id="2">#review</span> when done, and ' +
  'ping me if anything looks wrong. See <a href="https://example.com/q3">the report</a>.</p></div>';
const TYPICAL_DATA = JSON.stringify({
  "0": {
    id: [{ type: "com.symphony.user.userId", value: "347583113331315" }],
    type: "com.symphony.user.mention",
  },
  "1": {
    id: [{ type: "org.symphonyoss.fin.security.id.ticker", value: "TSLA" }],
    type: "org.symphonyoss.fin.security",
  },
  "2": {
    id: [{ type: "org.symphonyoss.taxonomy.hashtag", value: "review" }],
    type: "org.symphonyoss.taxonomy",
  },
});

function section1(): void {
  const words = TYPICAL.replace(/<[^>]+>/g, " ")
    .split(/\s+/)
    .filter(Boolean).length;
  console.log(`\n1. Typical inbound message: ${TYPICAL.length} chars, ${words} words, 3 entities`);
  const noop = {};
  const ours = opsPerSecond(() => parsePresentationML(TYPICAL, TYPICAL_DATA));
  const dom = opsPerSecond(() => {
    JSON.parse(TYPICAL_DATA);
    return parseDocument(TYPICAL);
  });
  const tokenize = opsPerSecond(() => {
    JSON.parse(TYPICAL_DATA);
    new Parser(noop).end(TYPICAL);
  });
  console.log(
    `   parsePresentationML (tree + entities)      ${fmt(ours).padStart(10)} parses/s  (goal ≥ 100,000)`,
  );
  console.log(
    `   baseline: htmlparser2 parseDocument + JSON ${fmt(dom).padStart(10)} parses/s  ratio ${(ours / dom).toFixed(2)}`,
  );
  console.log(
    `   baseline: htmlparser2 Parser (no-op) + JSON ${fmt(tokenize).padStart(9)} parses/s  ratio ${(ours / tokenize).toFixed(2)}`,
  );
}

// ---- 2. size sweep ----

function section2(): void {
  console.log("\n2. Size sweep (median CPU ms per parse; µs per KB should stay flat if time is linear)");
  const body = TYPICAL.slice(TYPICAL.indexOf("<p>"), TYPICAL.lastIndexOf("</div>"));
  console.log("   copies   size KB   parsePresentationML ms  µs/KB   htmlparser2 DOM ms  µs/KB");
  for (const copies of [1, 4, 16, 64, 256, 1024]) {
    const message = `<div data-format="PresentationML" data-version="2.0">${body.repeat(copies)}</div>`;
    const kb = message.length / 1024;
    const ours = msPerCall(() => parsePresentationML(message, TYPICAL_DATA), copies > 64 ? 5 : 21);
    const dom = msPerCall(() => parseDocument(message), copies > 64 ? 5 : 21);
    console.log(
      `   ${String(copies).padStart(6)} ${kb.toFixed(1).padStart(9)} ${ours.toFixed(3).padStart(22)} ${((ours * 1000) / kb).toFixed(1).padStart(7)} ${dom.toFixed(3).padStart(20)} ${((dom * 1000) / kb).toFixed(1).padStart(6)}`,
    );
  }
  console.log(
    "   hostile: n nested <b> then n unmatched </i> (htmlparser2's Parser keeps its stack with unshift/indexOf)",
  );
  console.log("        n   size KB   parsePresentationML ms  µs/KB   htmlparser2 Parser ms  µs/KB");
  for (const n of [2_000, 8_000, 32_000, 64_000]) {
    const message = `${"<b>".repeat(n)}x${"</i>".repeat(n)}`;
    const kb = message.length / 1024;
    const ours = msPerCall(() => parsePresentationML(message), 3);
    const theirs = msPerCall(() => new Parser({}).end(message), 1);
    console.log(
      `   ${String(n).padStart(6)} ${kb.toFixed(1).padStart(9)} ${ours.toFixed(2).padStart(22)} ${((ours * 1000) / kb).toFixed(1).padStart(7)} ${theirs.toFixed(2).padStart(23)} ${((theirs * 1000) / kb).toFixed(1).padStart(6)}`,
    );
  }
}

// ---- 3. FreeMarker ----

const $ = "$";
const FORM_TEMPLATE = `<#ftl output_format="HTML">
<messageML>
  <form id="com.example.todo.list">
    <span class="tempo-text-color--red">%{entity.errors.contents['title']!''}</span>
    <text-field name="title">%{entity.form.title!''}</text-field>
    <table><tbody>
    <#list entity.form.items as row>
      <tr>
        <td>%{(row.description)!''}</td>
        <td>%{(row.done)?string("Y", "N")}</td>
        <td>%{row.count}</td>
        <td><checkbox name="items.%{row?index}.selected"/></td>
        <td><button name="items[%{row?index}].table-edit-row">Edit</button></td>
      </tr>
    </#list>
    </tbody></table>
    <p><#list entity.buttons.contents as button>
      <button name="%{button.name}" type="%{button.buttonType?lower_case}">%{button.text}</button>
    </#list></p>
  </form>
  <#if entity.header?? && entity.header.tags?size != 0>
  <ul><#list entity.header.tags as tag><li><hash tag="%{tag}"/></li></#list></ul>
  </#if>
</messageML>`.replaceAll("%{", `${$}{`);

const FORM_DATA = {
  form: {
    title: "Groceries",
    items: Array.from({ length: 5 }, (_, i) => ({
      description: `item ${i}`,
      done: i % 2 === 0,
      count: i * 1000,
    })),
  },
  buttons: {
    contents: [
      { name: "add-item", buttonType: "ACTION", text: "Add" },
      { name: "reset", buttonType: "RESET", text: "Clear" },
    ],
  },
  errors: { contents: {} },
  header: { tags: ["todo-list", "groceries"] },
};

/** The floor: one regex pass replacing each `${a.b.c}` by a dotted lookup (no directives, no escaping rules). */
function regexSubstitution(template: string, data: Record<string, unknown>): string {
  return template.replace(/\$\{([^}]*)\}/g, (_m, path: string) => {
    let value: unknown = { entity: data, data };
    for (const key of path.replace(/[!?(].*$/, "").split(".")) {
      value =
        typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    }
    return value === undefined ? "" : String(value);
  });
}

function section3(): void {
  const out = expandFreemarker(FORM_TEMPLATE, FORM_DATA);
  console.log(
    `\n3. FreeMarker: Spring-Bot-style form, ${FORM_TEMPLATE.length} chars → ${out.length} chars (5 rows)`,
  );
  const ours = opsPerSecond(() => expandFreemarker(FORM_TEMPLATE, FORM_DATA));
  const floor = opsPerSecond(() => regexSubstitution(FORM_TEMPLATE, FORM_DATA));
  console.log(`   expandFreemarker (parse + render)          ${fmt(ours).padStart(10)} expansions/s`);
  console.log(
    `   baseline: one-regex \${} substitution        ${fmt(floor).padStart(10)} expansions/s  ratio ${(ours / floor).toFixed(2)}`,
  );
  console.log("   size sweep (template body repeated; µs/KB should stay flat)");
  const body = FORM_TEMPLATE.slice(FORM_TEMPLATE.indexOf("<messageML>"));
  for (const copies of [1, 8, 64, 512]) {
    const template = `<#ftl output_format="HTML">\n${body.repeat(copies)}`;
    const kb = template.length / 1024;
    const ms = msPerCall(() => expandFreemarker(template, FORM_DATA), copies > 64 ? 5 : 21);
    console.log(
      `   ${String(copies).padStart(6)} copies ${kb.toFixed(1).padStart(8)} KB ${ms.toFixed(3).padStart(10)} ms ${((ms * 1000) / kb).toFixed(1).padStart(8)} µs/KB`,
    );
  }
}

console.log(
  `messageml-parse bench — Node ${process.version}, ${RUN_MS} ms × ${ROUNDS} rounds (median), one core`,
);
section1();
section2();
section3();
