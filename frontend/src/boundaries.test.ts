/**
 * The layout's boundary, as ESLint enforces it (eslint.config.js): a feature imports no other
 * feature, shared code imports no feature. Lints snippets placed in the tree and expects the
 * rule to fire, so a config change that silences it fails here.
 */
import { readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));
const eslint = new ESLint({ cwd: root });
const RULE = "import-x/no-restricted-paths";

/** The messages of RULE for `code` as if it were the file at `path` (from frontend/). */
async function boundaryErrors(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: `${root}${path}` });
  return result.messages.filter((message) => message.ruleId === RULE).map((message) => message.message);
}

describe("feature boundaries", () => {
  it("has a zone for every feature", async () => {
    const features = readdirSync(new URL("./features/", import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory())
      .map((entry) => entry.name)
      .sort();
    expect(features).toEqual(["account", "checkout", "festival", "guest", "links", "scan", "staff", "vendor", "vip"]);
    const config = await eslint.calculateConfigForFile(`${root}src/features/checkout/components/Probe.tsx`);
    const [severity, options] = config?.rules?.[RULE] as [number, { zones: { target: string | string[] }[] }];
    expect(severity).toBe(2);
    const targets = options.zones.flatMap((zone) => zone.target);
    for (const feature of features) expect(targets).toContain(`./src/features/${feature}`);
    expect(targets).toContain("./src/!(features)/**");
  });

  it("refuses an import from another feature", async () => {
    const errors = await boundaryErrors(
      "src/features/checkout/components/Probe.tsx",
      'import { fetchEvents } from "../../guest/api";\nexport const probe = fetchEvents;\n',
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('A feature imports no other feature: move what "checkout" needs');
  });

  it("refuses a feature in shared code", async () => {
    for (const path of ["src/shared/lib/probe.ts", "src/components/probe.ts", "src/realtime/probe.ts"]) {
      const up = "../".repeat(path.split("/").length - 2);
      const errors = await boundaryErrors(
        path,
        `import { ticketLink } from "${up}features/links/api";\nexport const probe = ticketLink;\n`,
      );
      expect(errors, path).toEqual([expect.stringContaining("Shared code imports no feature")]);
    }
  });

  it("lets App mount the features", async () => {
    const errors = await boundaryErrors(
      "src/App.tsx",
      'import { linkRoutes } from "./features/links/routes";\nexport const probe = linkRoutes;\n',
    );
    expect(errors).toEqual([]);
  });

  it("lets a feature import its own files and shared code", async () => {
    const errors = await boundaryErrors(
      "src/features/checkout/components/Probe.tsx",
      [
        'import { bookings } from "../api";',
        'import { ltr } from "../../../shared/lib/bidi";',
        'import { api } from "../../../api/client";',
        "export const probe = [bookings, ltr, api];",
        "",
      ].join("\n"),
    );
    expect(errors).toEqual([]);
  });
});
