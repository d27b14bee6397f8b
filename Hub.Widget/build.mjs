// Bundles src/index.ts into one minified IIFE at Hub.Server/wwwroot/widget.js, prints its raw and
// gzip size, and fails when the gzip size is over the budget.
import { build, transform } from "esbuild";
import { mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const here = dirname(fileURLToPath(import.meta.url));
const outfile = resolve(here, "../Hub.Server/wwwroot/widget.js");
const budget = 60 * 1024; // gzip bytes

mkdirSync(dirname(outfile), { recursive: true });
const css = await transform(readFileSync(resolve(here, "src/widget.css"), "utf8"), { loader: "css", minify: true, legalComments: "none" });
await build({
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

const bytes = readFileSync(outfile);
const gzip = gzipSync(bytes, { level: 9 }).length;
const kb = (n) => (n / 1024).toFixed(1);
console.log(`widget.js: ${bytes.length} bytes raw (${kb(bytes.length)} KB), ${gzip} bytes gzip (${kb(gzip)} KB); budget ${budget} bytes gzip`);
if (gzip > budget) {
  console.error(`widget.js is over its size budget: ${gzip} > ${budget} bytes gzip`);
  process.exit(1);
}
