// Type-checks the agent console (tsc --noEmit), bundles it into Hub.Server/wwwroot/console/console.js
// (CSS inlined as text), and Twilio's Voice SDK into console-voice.js next to it: the console loads
// that only when voice is on. Fails on a type error or an import cycle among the console's modules.
import { build } from "esbuild";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { assertNoImportCycles, typecheck, writeOutputs } from "../typescript-checks.mjs";

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
writeOutputs(consoleBundle, voiceBundle);
