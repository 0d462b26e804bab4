/** The languages `<code language="…">` accepts: the agent refuses any other value. */
export const CODE_LANGUAGES = [
  "plaintext",
  "c",
  "cpp",
  "csharp",
  "css",
  "html",
  "java",
  "js",
  "jsx",
  "php",
  "python",
  "r",
  "typescript",
  "tsx",
  "markdown",
  "json",
  "scala",
  "shell",
  "yaml",
] as const;

export type CodeLanguage = (typeof CODE_LANGUAGES)[number];

const KNOWN: ReadonlySet<string> = new Set(CODE_LANGUAGES);

export function isCodeLanguage(value: string): value is CodeLanguage {
  return KNOWN.has(value);
}
