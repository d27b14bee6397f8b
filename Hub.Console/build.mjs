// Type-checks the agent console (tsc --noEmit), bundles it into Hub.Server/wwwroot/console/console.js
// (CSS inlined as text), and Twilio's Voice SDK into console-voice.js next to it: the console loads
// that only when voice is on. Fails on a type error, an import cycle among the console's modules, or
// a panel imported by anything but the entry point.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assertImportRules, assertNoImportCycles, sourceImports, typecheck, writeOutputs } from "../typescript-checks.mjs";

const at = (path) => fileURLToPath(new URL(path, import.meta.url));
const common = {
  absWorkingDir: at("."),
  metafile: true,
  write: false,
  bundle: true,
  minify: true,
  sourcemap: false,
  format: "iife",
  target: ["es2022"],
  legalComments: "none",
  logLevel: "warning",
};

const sdk = JSON.parse(readFileSync(at("node_modules/@twilio/voice-sdk/package.json"), "utf8"));
const sdkBanner = `/*! ${sdk.name} ${sdk.version}, ${sdk.license}: https://github.com/twilio/twilio-voice.js */`;

typecheck(at("."));
const [consoleBundle, voiceBundle] = await Promise.all([
  build({ ...common, entryPoints: [at("src/main.ts")], loader: { ".css": "text" }, outfile: at("../Hub.Server/wwwroot/console/console.js") }),
  build({ ...common, entryPoints: [at("src/voice-sdk.ts")], banner: { js: sdkBanner }, outfile: at("../Hub.Server/wwwroot/console/console-voice.js") }),
]);
assertNoImportCycles(consoleBundle.metafile, "console.js");
assertNoImportCycles(voiceBundle.metafile, "console-voice.js");
const sources = sourceImports(at("."), ["src", "../Hub.Widget/src/protocol"]);
assertNoImportCycles(sources, "Hub.Console sources (type-only imports too)");
// Panels (src/panels/<panel>, a file or a folder) draw one part of the screen; only the entry point
// wires them, so that a panel can change without the others: none imports another panel.
const panelOf = (path) => /^src\/panels\/([^/.]+)/.exec(path)?.[1] ?? null;
assertImportRules(sources, "Hub.Console sources", (from, to) => {
  const target = panelOf(to);
  if (target === null || from === "src/main.ts" || panelOf(from) === target) return null;
  return `only src/main.ts imports panels (here panels/${target})`;
});
writeOutputs(consoleBundle, voiceBundle);
