// Type-checks the widget (tsc --noEmit), bundles src/index.ts into one minified IIFE at
// Hub.Server/wwwroot/widget.js, prints its raw and gzip size, and fails on a type error, an import
// cycle among its modules, or a gzip size over the budget.
import { build, transform } from "esbuild";
import { readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { assertNoImportCycles, sourceImports, typecheck, writeOutputs } from "../typescript-checks.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = resolve(here, "../Hub.Server/wwwroot/widget.js");
const budget = 60 * 1024; // gzip bytes

typecheck(here);
const css = await transform(readFileSync(resolve(here, "src/widget.css"), "utf8"), { loader: "css", minify: true, legalComments: "none" });
const result = await build({
  absWorkingDir: here,
  metafile: true,
  write: false,
  entryPoints: [resolve(here, "src/index.ts")],
  outfile,
  bundle: true,
  minify: true,
  format: "iife", // everything stays inside one function scope: no signalR (or anything else) on window
  platform: "browser",
  target: "es2020",
  legalComments: "none",
  sourcemap: false,
  logLevel: "warning",
  define: { __WIDGET_CSS__: JSON.stringify(css.code.trim()) },
  banner: { js: "/* Hub customer chat widget. Includes @microsoft/signalr (MIT, (c) .NET Foundation). */" },
});
assertNoImportCycles(result.metafile, "widget.js");
assertNoImportCycles(sourceImports(here, ["src", "test"]), "Hub.Widget sources (type-only imports too)");
writeOutputs(result);

const bytes = readFileSync(outfile);
const gzip = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);
console.log(`widget.js: ${bytes.length} bytes raw (${kb(bytes.length)} KB), ${gzip} bytes gzip (${kb(gzip)} KB); budget ${budget} bytes gzip`);
if (gzip > budget) {
  console.error(`widget.js is over its size budget: ${gzip} > ${budget} bytes gzip`);
  process.exit(1);
}
