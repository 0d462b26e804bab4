#!/usr/bin/env node
// The package runs from TypeScript source (see ARCHITECTURE.md); tsx's loader makes that work under plain node.
import { register } from "tsx/esm/api";

register();
const { main } = await import("../src/cli/main.ts");
process.exitCode = await main(process.argv.slice(2));
