// Bundles the agent console into Hub.Server/wwwroot/console/console.js (CSS inlined as text).
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const out = fileURLToPath(new URL("../Hub.Server/wwwroot/console/console.js", import.meta.url));

await build({
  entryPoints: [fileURLToPath(new URL("src/main.ts", import.meta.url))],
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2022"],
  loader: { ".css": "text" },
  legalComments: "none",
  outfile: out,
  logLevel: "warning",
});
