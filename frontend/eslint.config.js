/**
 * ESLint for the web app: typescript-eslint's recommended rules, React's rules of hooks, and
 * the layout's one boundary (src/features/README.md): a feature imports shared code (every
 * other folder of src: api, components, i18n, realtime, shared) and its own files, never
 * another feature; shared code imports no feature. Only src/App.tsx, which mounts every
 * feature's routes, sees them all. src/boundaries.test.ts shows the rule firing.
 */
import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import js from "@eslint/js";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

const root = fileURLToPath(new URL(".", import.meta.url));

const featuresDir = new URL("./src/features/", import.meta.url);

/** Every folder of src/features is a feature. */
const FEATURES = existsSync(featuresDir)
  ? readdirSync(featuresDir, { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort()
  : [];

/** Every other folder of src is shared code: features may use it, it uses no feature. */
const SHARED = "./src/!(features)/**";

const featureBoundaries = {
  "import-x/no-restricted-paths": [
    "error",
    {
      basePath: root,
      zones: [
        ...FEATURES.map((feature) => ({
          target: `./src/features/${feature}`,
          from: "./src/features",
          except: [`./${feature}`],
          message: `A feature imports no other feature: move what "${feature}" needs from it to shared code (src/shared, src/components, src/api).`,
        })),
        {
          target: SHARED,
          from: "./src/features",
          message: "Shared code imports no feature (only src/App.tsx mounts them).",
        },
      ],
    },
  ],
};

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", "src/api/types.ts"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.browser },
    },
    plugins: { "import-x": importX, "react-hooks": reactHooks },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".json"] })],
    },
    rules: {
      ...featureBoundaries,
      // The rules of hooks. The plugin's React Compiler rules (set-state-in-effect, refs,
      // purity, immutability) stay off: the app is not compiled by the React Compiler, and
      // what they flag (a loading flag set in an effect, the latest handlers kept in a ref)
      // is correct React without it.
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
      // An import that resolves nowhere would escape the boundary rule: tsc reports it, and so does this.
      "import-x/no-unresolved": "error",
    },
  },
  {
    files: ["eslint.config.js", "vite.config.ts", "scripts/**/*.{js,ts}", "**/*.test.ts"],
    languageOptions: { globals: { ...globals.node } },
  },
);
