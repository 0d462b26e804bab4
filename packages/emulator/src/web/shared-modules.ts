import { createRequire } from "node:module";

const require = createRequire(import.meta.url);

/**
 * Modules the page shares with the packages, by the name the page imports them under: the
 * TypeScript source is bundled to one ES module for the browser (esbuild, which tsx already runs the
 * emulator with), so the page checks a form with the very code the agent's translator and the
 * emulator use — one implementation, no copy to drift.
 */
const SHARED_MODULES: Readonly<Record<string, string>> = {
  // Elements `pattern` attributes are Java regexes: the page reads them as Java does.
  "java-regex.js": "@sprig/messageml/java-regex",
};

const built = new Map<string, Promise<string>>();

/** The JavaScript of a shared module, or undefined when the page has none by that name. */
export function sharedModule(file: string): Promise<string> | undefined {
  const specifier = SHARED_MODULES[file];
  if (specifier === undefined) return undefined;
  let code = built.get(file);
  if (!code) {
    code = bundle(require.resolve(specifier));
    code.catch(() => built.delete(file)); // a failed build is tried again on the next request
    built.set(file, code);
  }
  return code;
}

async function bundle(entry: string): Promise<string> {
  // Loaded when a page first asks: an emulator nobody opens in a browser never starts esbuild.
  const { build } = await import("esbuild");
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    format: "esm",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]?.text ?? "";
}
