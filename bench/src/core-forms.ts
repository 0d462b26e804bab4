/**
 * Form model builds/s and fromFormValues validations/s for a todo-list-sized work type (title + 10 items
 * of 5 fields, ~52 form fields), each beside a baseline measured in the same run: zod's own `safeParse`
 * of the equivalent, already-nested object (the least any validation of that data can cost).
 *
 *   npx tsx bench/src/core-forms.ts
 */
import { User, user, work } from "@sprig/core";
import { z } from "zod";

const Item = z.object({
  description: z.string().min(1),
  assignee: user().optional(),
  status: z.enum(["open", "in_progress", "done"]).default("open"),
  done: z.boolean().default(false),
  due: z.iso.date().optional(),
});
const schema = z.object({ title: z.string().min(1), items: z.array(Item).max(100).default([]) });
const TodoList = work("todo-list", schema);

const ROWS = 10;
const nested = {
  title: "Groceries",
  items: Array.from({ length: ROWS }, (_, i) => ({
    description: `Item ${i}`,
    assignee: User.of("symphony", String(1000 + i), `User ${i}`),
    status: (i % 2 ? "open" : "done") as "open" | "done",
    done: i % 2 === 0,
    due: "2026-11-21",
  })),
};
const list = TodoList.create(nested);

// What Symphony Elements would send for the same list in edit mode (strings, person-selector id arrays).
const flat: Record<string, unknown> = { title: "Groceries" };
nested.items.forEach((item, i) => {
  flat[`items.${i}.description`] = item.description;
  flat[`items.${i}.assignee`] = [1000 + i];
  flat[`items.${i}.status`] = item.status;
  if (item.done) flat[`items.${i}.done`] = "on";
  flat[`items.${i}.due`] = item.due;
});

/** Ops per second of `run` over about `seconds`, awaited one after another. */
async function rate(run: () => unknown, seconds: number): Promise<number> {
  let ops = 0;
  const start = process.hrtime.bigint();
  const until = start + BigInt(Math.round(seconds * 1e9));
  let now = start;
  while (now < until) {
    for (let i = 0; i < 50; i++) await run();
    ops += 50;
    now = process.hrtime.bigint();
  }
  return ops / (Number(now - start) / 1e9);
}

/**
 * The machine is shared and noisy, so the cases are measured in interleaved rounds (baseline, case, case, …)
 * and each reports its median round: a burst of load then hits every case alike instead of one.
 */
async function measureAll(cases: Record<string, () => unknown>, rounds = 7, seconds = 0.25) {
  const names = Object.keys(cases);
  for (const name of names) for (let i = 0; i < 300; i++) await cases[name]!(); // warm-up (JIT)
  const samples = new Map<string, number[]>(names.map((n) => [n, []]));
  for (let r = 0; r < rounds; r++)
    for (const name of names) samples.get(name)!.push(await rate(cases[name]!, seconds));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  return new Map(names.map((n) => [n, median(samples.get(n)!)]));
}

// Sanity: the measured paths must succeed, or the figures mean nothing.
const check = await TodoList.fromFormValues(flat, { base: list, platform: "symphony" });
if (!check.ok) throw new Error(`fromFormValues failed: ${JSON.stringify(check.errors)}`);
if (!schema.safeParse(nested).success) throw new Error("baseline parse failed");
if (TodoList.form("edit", list).fields.length !== 2) throw new Error("unexpected form shape");

console.log(
  `core-forms bench: ${ROWS} rows, ${Object.keys(flat).length} form fields, node ${process.version}`,
);
const cases = {
  "baseline: zod safeParse(nested object)": () => schema.safeParse(nested),
  "form model build, view mode": () => TodoList.form("view", list),
  "form model build, edit mode (row 3 open)": () =>
    TodoList.form("edit", list, {}, { editRow: { table: "items", index: 3 } }),
  "fromFormValues (flat strings → validated object)": () =>
    TodoList.fromFormValues(flat, { base: list, platform: "symphony" }),
};
const results = await measureAll(cases);
const baseline = results.get("baseline: zod safeParse(nested object)")!;
for (const [name, perSecond] of results)
  console.log(
    `${name.padEnd(52)} ${Math.round(perSecond).toLocaleString("en-US").padStart(9)} ops/s   ratio to baseline ${(perSecond / baseline).toFixed(2)}`,
  );
console.log("(median of 7 interleaved rounds of 0.25 s each, after a 300-op warm-up per case)");
