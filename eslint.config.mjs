// ESLint for the package's own browser scripts (vendored code is not ours to lint).
// Run by scripts/test: `npx --no-install eslint`.
import js from "@eslint/js";
import globals from "globals";

export default [
  { ignores: ["src/nexus_site/assets/vendor/**", "node_modules/**", ".venv/**", "site/**"] },
  {
    files: ["src/nexus_site/assets/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "script", // classic <script> tags, no modules (theme_overrides/main.html)
      globals: {
        ...globals.browser,
        // Defined by the vendored scripts loaded before ours on the same page.
        katex: "readonly",
        renderMathInElement: "readonly",
        // Material for MkDocs' page-change observable.
        document$: "readonly",
      },
    },
    rules: {
      ...js.configs.recommended.rules,
      eqeqeq: ["error", "smart"],
      "no-implicit-globals": "error",
    },
  },
];
