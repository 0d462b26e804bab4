import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type AttachmentReply,
  type CustomField,
  createBot,
  WorkRegistry,
  type WorkType,
  work,
} from "@sprig/core";
import { afterAll, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type FieldRenderers,
  generatedTemplate,
  RenderError,
  SymphonyRenderer,
  templateCommand,
} from "../../src/index.ts";
import { agent } from "./agent.ts";
import { Everything, everything, Todo, workResponse } from "./fixtures.ts";

const dir = mkdtempSync(join(tmpdir(), "sprig-templates-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const Note = work("note", z.object({ text: z.string() }), {
  templates: { view: "note-card", edit: "note-form" },
});

describe("custom templates by name", () => {
  writeFileSync(
    join(dir, "note-card.ftl"),
    '<messageML><h3>A note</h3><p>${entity.form.text?html}</p><form id="note"><#list entity.buttons.contents as b><button name="${b.name?html}">${b.text?html}</button></#list></form></messageML>',
  );
  writeFileSync(join(dir, "README.txt"), "not a template");
  const works = new WorkRegistry().register(Note).register(Todo);
  const renderer = new SymphonyRenderer({ works, templatesDir: dir });

  it("are read from the templates folder and used for the response's template name", () => {
    expect(renderer.templateNames()).toContain("note-card");
    expect(renderer.templateNames()).not.toContain("README");
    const view = agent(
      renderer.render(workResponse(Note as WorkType<unknown>, Note.create({ text: "<b>hi</b>" }), "view")),
    );
    expect(view.presentationML).toContain("<h3>A note</h3>");
    expect(view.presentationML).toContain("&lt;b&gt;hi&lt;/b&gt;");
    expect(view.buttons()).toEqual([{ name: "save", text: "Save" }]);
  });

  it("a template written for Spring Bot carries over (its data keys, auto-escaping)", () => {
    writeFileSync(
      join(dir, "spring-todo.ftl"),
      `<#ftl output_format="HTML">
<messageML>
  <form id="todo.Item">
    <span class="tempo-text-color--red">\${entity.errors.contents['description']!''}</span>
    <text-field name="description">\${entity.form.description!''}</text-field>
    <#list entity.buttons.contents as button>
      <button name="\${button.name}" type="\${button.buttonType?lower_case}">\${button.text}</button>
    </#list>
  </form>
  <#if entity.header?? && entity.header.tags?size != 0><#list entity.header.tags as tag><hash tag="\${tag}"/></#list></#if>
</messageML>`,
    );
    const spring = new SymphonyRenderer({ works, templatesDir: dir });
    const evil = '<form id="x"><button name="y">z</button></form>';
    const view = agent(
      spring.render(
        workResponse(Todo as WorkType<unknown>, Todo.create({ description: evil }), "edit", {
          template: "spring-todo",
          errors: { description: "Too <long>" },
        }),
      ),
    );
    expect(view.named("description")?.attrs.value).toBe(evil);
    expect(view.buttons()).toEqual([{ name: "save", text: "Save" }]);
    expect(view.presentationML).toContain("Too &lt;long&gt;");
    expect(view.presentationML).toContain("#todo-Item");
  });

  it("fall back to the generated template when the name has no file", () => {
    const view = agent(
      renderer.render(workResponse(Note as WorkType<unknown>, Note.create({ text: "hi" }), "edit")),
    );
    expect(view.named("text")?.attrs.value).toBe("hi");
  });

  it("a missing folder is a clear error naming it", () => {
    expect(() => new SymphonyRenderer({ works, templatesDir: join(dir, "nope") })).toThrow(RenderError);
    expect(() => new SymphonyRenderer({ works, templatesDir: join(dir, "nope") })).toThrow(/templatesDir/);
  });
});

describe("the generated template, printed as the start of a custom one", () => {
  const works = new WorkRegistry().register(Everything);

  it("works unchanged as a custom template, in both modes", () => {
    const sub = join(dir, "printed");
    mkdirSync(sub);
    for (const mode of ["view", "edit"] as const)
      writeFileSync(
        join(sub, `everything-${mode}.ftl`),
        generatedTemplate(Everything as WorkType<unknown>, mode),
      );
    const renderer = new SymphonyRenderer({ works, templatesDir: sub });
    for (const mode of ["view", "edit"] as const) {
      const response = workResponse(Everything as WorkType<unknown>, everything(), mode, {
        template: `everything-${mode}`,
      });
      const view = agent(renderer.render(response));
      expect(view.formId()).toBe("test.Everything");
      expect(view.buttons()).toContainEqual({ name: "save", text: "Save" });
      if (mode === "edit") expect(view.named("address.city")?.attrs.value).toBe("York");
      else expect(view.presentationML).toContain("York");
    }
  });

  it("the template command answers with the template as an attachment", async () => {
    const bot = createBot();
    bot.works.register(Todo);
    const command = templateCommand(bot.works);
    bot.command(command.pattern, command.options, command.handler);
    const reply = (await command.handler({
      vars: { type: "todo.Item", mode: "view" },
    } as never)) as AttachmentReply;
    expect(reply.name).toBe("todo.Item-view.ftl");
    expect(new TextDecoder().decode(reply.bytes)).toBe(generatedTemplate(Todo as WorkType<unknown>, "view"));
    expect(() => command.handler({ vars: { type: "nope" } } as never)).toThrow(
      /There is no work type "nope"/,
    );
    expect(() => command.handler({ vars: { type: "todo.Item", mode: "sideways" } } as never)).toThrow(/view/);
  });
});

describe("custom field kinds", () => {
  const works = new WorkRegistry().register(Everything);
  const fieldRenderers: FieldRenderers = {
    money: (node: CustomField, context) =>
      context.mode === "view"
        ? `${context.text} ${(node.props.currencies as string[])[0]}`
        : `<text-field name="${context.name}" label="${context.label} (${(node.props.currencies as string[]).join("/")})">${context.text}</text-field>`,
  };
  const renderer = new SymphonyRenderer({ works, fieldRenderers });

  it("are drawn by the renderer registered for their kind, in both modes", () => {
    const edit = agent(renderer.render(workResponse(Everything as WorkType<unknown>, everything(), "edit")));
    expect(edit.named("price")?.attrs.value).toBe("9.5");
    expect(edit.presentationML).toContain("Price (GBP/USD)");
    const view = agent(renderer.render(workResponse(Everything as WorkType<unknown>, everything(), "view")));
    expect(view.presentationML).toContain("9.5 GBP");
  });
});
