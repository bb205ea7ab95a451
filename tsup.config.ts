import { defineConfig } from "tsup";

export default defineConfig([
  {
    // The library: ESM + CJS + type declarations.
    entry: { index: "src/index.ts" },
    format: ["esm", "cjs"],
    dts: true,
    // Keep the CLI's output, which the second build writes into the same folder in parallel.
    clean: ["!cli.js", "!cli.js.map"],
    sourcemap: true,
    target: "node20",
  },
  {
    // The `leadroute` executable (package.json "bin"): ESM only, with a shebang.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    dts: false,
    clean: false,
    sourcemap: true,
    target: "node20",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
