/**
 * FreeMarker expansion throughput against a baseline measured in the same run.
 * Run: `npx tsx bench/src/messageml-freemarker.ts` (add `--quick` for a short run).
 *
 * Template: a Spring-Bot-style edit form (ftl HTML header, !'' lookups, a #list of rows with
 * ?index, ?string("Y","N"), buttons, header tags). Figures:
 * - expandFreemarker, template repeated (the parsed-template cache hits, as when a bot sends the
 *   same form again) and template new each time (parse + render);
 * - baseline: one regex pass replacing each `${path}` by a dotted lookup — the floor for any
 *   interpolating expander (it runs no directives, so it does less work than FreeMarker must);
 * - size sweep: CPU µs per KB of template (flat = linear).
 */
import { expandFreemarker } from "@sprig/messageml";
import { int, msPerCall, opsPerSecond, setup } from "./messageml-measure.ts";

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

const out = expandFreemarker(FORM_TEMPLATE, FORM_DATA);
console.log(`messageml-freemarker — ${setup}`);
console.log(`\nSpring-Bot-style form: ${FORM_TEMPLATE.length} chars → ${out.length} chars (5 rows)`);
const repeated = opsPerSecond(() => expandFreemarker(FORM_TEMPLATE, FORM_DATA));
let serial = 0;
const fresh = opsPerSecond(() => expandFreemarker(`${FORM_TEMPLATE}<#-- ${serial++} -->`, FORM_DATA));
const floor = opsPerSecond(() => regexSubstitution(FORM_TEMPLATE, FORM_DATA));
console.log(
  `   expandFreemarker, same template (cached parse)  ${int(repeated).padStart(9)} expansions/s   ratio ${(repeated / floor).toFixed(2)}`,
);
console.log(
  `   expandFreemarker, new template (parse + render) ${int(fresh).padStart(9)} expansions/s   ratio ${(fresh / floor).toFixed(2)}`,
);
console.log(`   baseline one-regex \${path} substitution         ${int(floor).padStart(9)} expansions/s`);

console.log("\nSize sweep (template body repeated, uncached; median CPU ms; flat µs/KB = linear)");
const body = FORM_TEMPLATE.slice(FORM_TEMPLATE.indexOf("<messageML>"));
for (const copies of [1, 8, 64, 512, 2048]) {
  const template = `<#ftl output_format="HTML">\n${body.repeat(copies)}`;
  const kb = template.length / 1024;
  let n = 0;
  const ms = msPerCall(() => expandFreemarker(`${template}<#-- ${n++} -->`, FORM_DATA));
  console.log(
    `   ${String(copies).padStart(6)} copies ${kb.toFixed(0).padStart(6)} KB ${ms.toFixed(3).padStart(10)} ms ${((ms * 1000) / kb).toFixed(1).padStart(8)} µs/KB`,
  );
}
