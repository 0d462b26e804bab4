import { describe, expect, it } from "vitest";
import { expandFreemarker } from "../../src/index.ts";

/**
 * Templates shaped like the ones Spring Bot generates for forms and views (and like those the
 * Symphony adapter will send): `<#ftl output_format="HTML">`, errors looked up with `!''`,
 * row lists with `?index`, selects with `((x)!'') == key`, buttons from `entity.buttons`,
 * header tags guarded by `??` and `?size`. Written for these tests, not copied.
 */
const $ = "$";
const t = (template: string) => template.replaceAll("%{", `${$}{`);

const data = {
  form: {
    type: "com.example.todo.list",
    version: "1.0",
    title: "Groceries & <stuff>",
    owner: { id: [{ type: "com.symphony.user.userId", value: "42" }] },
    items: [
      { description: "milk", done: true, count: 2 },
      { description: "eggs", done: false, count: 12000 },
    ],
    status: "open",
  },
  buttons: {
    type: "org.finos.springbot.workflow.form.ButtonList",
    contents: [
      { name: "add-item", buttonType: "ACTION", text: "Add" },
      { name: "reset", buttonType: "RESET", text: "Clear" },
    ],
  },
  errors: { contents: { title: "Title is too long" } },
  options: {
    contents: [
      { key: "open", name: "Open" },
      { key: "done", name: "Done" },
    ],
  },
  header: { tags: ["todo-list", "groceries"] },
};

const EDIT_FORM = t(`<#ftl output_format="HTML">
<messageML>
  <form id="com.example.todo.list">
    <span class="tempo-text-color--red">%{entity.errors.contents['title']!''}</span>
    <text-field name="title">%{entity.form.title!''}</text-field>
    <span class="tempo-text-color--red">%{entity.errors.contents['items']!''}</span>
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
    <select name="status">
    <#list entity.options.contents as opt>
      <option value="%{opt.key}" selected="%{(((entity.form.status)!'') == opt.key)?string('true', 'false')}">%{opt.name}</option>
    </#list>
    </select>
    <p><#list entity.buttons.contents as button>
      <button name="%{button.name}" type="%{button.buttonType?lower_case}">%{button.text}</button>
    </#list></p>
  </form>
  <#if entity?? && entity.header?? && entity.header.tags?? && entity.header.tags?size != 0>
  <ul>
    <#list entity.header.tags as tag>
    <li><hash tag="%{tag}"/></li>
    </#list>
  </ul>
  </#if>
</messageML>`);

describe("FreeMarker: Spring Bot style templates", () => {
  it("expands an edit form with errors, rows, a select, buttons and header tags", () => {
    const out = expandFreemarker(EDIT_FORM, data);
    expect(out).not.toMatch(/<#|\$\{|<@/);
    expect(out.startsWith("<messageML>")).toBe(true);
    expect(out).toContain('<span class="tempo-text-color--red">Title is too long</span>');
    expect(out).toContain('<span class="tempo-text-color--red"></span>');
    expect(out).toContain('<text-field name="title">Groceries &amp; &lt;stuff&gt;</text-field>');
    expect(out).toContain("<td>milk</td>\n        <td>Y</td>\n        <td>2</td>");
    expect(out).toContain("<td>eggs</td>\n        <td>N</td>\n        <td>12,000</td>");
    expect(out).toContain('<checkbox name="items.1.selected"/>');
    expect(out).toContain('<button name="items[0].table-edit-row">Edit</button>');
    expect(out).toContain('<option value="open" selected="true">Open</option>');
    expect(out).toContain('<option value="done" selected="false">Done</option>');
    expect(out).toContain('<button name="add-item" type="action">Add</button>');
    expect(out).toContain('<button name="reset" type="reset">Clear</button>');
    expect(out).toContain('<li><hash tag="todo-list"/></li>\n    <li><hash tag="groceries"/></li>');
  });

  it("drops the lines that hold only directives", () => {
    const out = expandFreemarker(EDIT_FORM, data);
    expect(out).toContain("<tbody>\n      <tr>");
    expect(out).toContain("</tr>\n      <tr>");
    expect(out).toContain("</tr>\n    </tbody>");
  });

  it("expands with no header, no errors and no items", () => {
    const bare = {
      form: { items: [], status: "x" },
      buttons: { contents: [] },
      errors: { contents: {} },
      options: { contents: [] },
    };
    const out = expandFreemarker(EDIT_FORM, bare);
    expect(out).not.toContain("<ul>");
    expect(out).not.toContain("<tr>");
    expect(out).toContain('<text-field name="title"></text-field>');
  });

  it("expands a help page with commands, counters and optional descriptions", () => {
    const help = t(`<messageML>
<table>
<#list entity.help.commands as c>
<tr><td>%{c?counter}.</td><td><b>%{c.pattern}</b></td><td>%{c.description!'—'}</td><#if c.button?? && c.button><td><button name="%{c.pattern}">%{c.pattern?cap_first}</button></td></#if></tr>
</#list>
</table>
<#if !(entity.help.footer?has_content)>No footer.</#if>
</messageML>`);
    const out = expandFreemarker(help, {
      help: {
        commands: [
          { pattern: "new", description: "Create a list", button: true },
          { pattern: "delete {items}", button: false },
        ],
      },
    });
    expect(out).toBe(
      "<messageML>\n<table>\n" +
        '<tr><td>1.</td><td><b>new</b></td><td>Create a list</td><td><button name="new">New</button></td></tr>\n' +
        "<tr><td>2.</td><td><b>delete {items}</b></td><td>—</td></tr>\n" +
        "</table>\nNo footer.\n</messageML>",
    );
  });

  it("expands a macro-based view, as custom templates use", () => {
    const view = t(`<#macro field label value><tr><th>%{label}</th><td>%{value}</td></tr></#macro>
<messageML><table>
<@field label="Title" value=entity.form.title/>
<@field label="Status" value=entity.form.status?upper_case/>
<@field label="Items" value=entity.form.items?size/>
</table></messageML>`);
    // The macro's line holds text too, so its line break stays; lines holding only a <@…/> call are
    // stripped like any FTL tag line (FreeMarker's white-space stripping).
    expect(expandFreemarker(view, data)).toBe(
      "\n<messageML><table>\n" +
        "<tr><th>Title</th><td>Groceries & <stuff></td></tr>" +
        "<tr><th>Status</th><td>OPEN</td></tr>" +
        "<tr><th>Items</th><td>2</td></tr>" +
        "</table></messageML>",
    );
  });
});
