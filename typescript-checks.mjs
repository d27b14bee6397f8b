// Checks that Hub.Widget/build.mjs and Hub.Console/build.mjs run before (tsc) and while (import cycles)
// bundling, so that `npm run build`, and with it `dotnet build` and CI, fail on either.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

/** Type-checks the project in projectDir with its own TypeScript (`tsc --noEmit -p projectDir`); exits on errors. */
export function typecheck(projectDir) {
  const tsc = resolve(projectDir, "node_modules/typescript/bin/tsc");
  const run = spawnSync(process.execPath, [tsc, "--noEmit", "--pretty", "false", "-p", projectDir], { stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`tsc found type errors in ${projectDir} (exit ${run.status ?? run.signal}).`);
    process.exit(1);
  }
}

/**
 * The import graph of the TypeScript sources under dirs (relative to projectDir), read from the
 * source text, in the shape of an esbuild metafile (inputs → imports, paths relative to projectDir).
 * Unlike esbuild's own metafile it also sees type-only imports (`import type`, `export type ... from`),
 * which esbuild erases before it resolves imports, and files no entry point reaches.
 */
export function sourceImports(projectDir, dirs) {
  const files = dirs.flatMap((dir) => tsFiles(resolve(projectDir, dir)));
  const inputs = {};
  const statement = /^\s*(?:import|export)\b[^;]*?from\s*["'](\.{1,2}\/[^"']*)["']|^\s*import\s*["'](\.{1,2}\/[^"']*)["']/gm;
  for (const file of files) {
    const imports = [];
    for (const match of readFileSync(file, "utf8").matchAll(statement)) {
      const target = resolveSource(dirname(file), match[1] ?? match[2]);
      if (target) imports.push({ path: relative(projectDir, target).replaceAll("\\", "/") });
    }
    inputs[relative(projectDir, file).replaceAll("\\", "/")] = { imports };
  }
  return { inputs };
}

function tsFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : tsFiles(path);
    return path.endsWith(".ts") && !path.endsWith(".d.ts") ? [path] : [];
  });
}

/** A relative import as the bundler resolves it: the file itself, with .ts, or the folder's index.ts. */
function resolveSource(fromDir, specifier) {
  const base = resolve(fromDir, specifier.replace(/\.js$/, ""));
  return [base, `${base}.ts`, join(base, "index.ts")].find((p) => existsSync(p) && statSync(p).isFile()) ?? null;
}

/**
 * The import cycles among the project's own files in an esbuild metafile (inputs → imports), found
 * by a depth-first search; packages under node_modules are left out. Type-only imports are erased
 * before esbuild resolves imports, so only imports that run are seen.
 */
export function importCycles(metafile) {
  const own = (path) => !path.includes("node_modules/");
  const edges = new Map();
  for (const [path, input] of Object.entries(metafile.inputs)) {
    if (own(path)) edges.set(path, input.imports.map((i) => i.path).filter((p) => own(p) && p in metafile.inputs));
  }

  const cycles = [];
  const done = new Set();
  const stack = [];
  const onStack = new Set();
  const visit = (node) => {
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (onStack.has(next)) cycles.push([...stack.slice(stack.indexOf(next)), next]);
      else if (!done.has(next)) visit(next);
    }
    stack.pop();
    onStack.delete(node);
    done.add(node);
  };
  for (const node of [...edges.keys()].sort()) if (!done.has(node)) visit(node);
  return cycles;
}

/** Exits with the cycles printed when the bundle's own files import each other in a circle. */
export function assertNoImportCycles(metafile, bundle) {
  const cycles = importCycles(metafile);
  if (cycles.length === 0) return;
  console.error(`${bundle}: ${cycles.length} import cycle(s); modules must import each other in one direction only:`);
  for (const cycle of cycles) console.error(`  ${cycle.join(" -> ")}`);
  process.exit(1);
}

/**
 * The imports among the project's own files that a rule forbids: rule(from, to) returns why, or null.
 * Like importCycles, it sees imports that run (type-only imports are erased before bundling).
 */
export function forbiddenImports(metafile, rule) {
  const found = [];
  for (const [from, input] of Object.entries(metafile.inputs)) {
    if (from.includes("node_modules/")) continue;
    for (const { path: to } of input.imports) {
      const why = !to.includes("node_modules/") && to in metafile.inputs ? rule(from, to) : null;
      if (why) found.push(`${from} -> ${to}: ${why}`);
    }
  }
  return found;
}

/** Exits with the offending imports printed when a rule forbids any (see forbiddenImports). */
export function assertImportRules(metafile, bundle, rule) {
  const found = forbiddenImports(metafile, rule);
  if (found.length === 0) return;
  console.error(`${bundle}: ${found.length} forbidden import(s):`);
  for (const line of found) console.error(`  ${line}`);
  process.exit(1);
}

/**
 * Writes the files of esbuild results built with `write: false`, once every check passed: a failed
 * build leaves no bundle newer than its sources behind, which MSBuild would take as up to date.
 */
export function writeOutputs(...results) {
  for (const file of results.flatMap((r) => r.outputFiles)) {
    mkdirSync(dirname(file.path), { recursive: true });
    writeFileSync(file.path, file.contents);
  }
}
