import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { session } from "../shared/auth/session";
import { memoryStorage } from "../shared/lib/memoryStorage";
import { ApiError, upload } from "./client";

/** A fake server: answers in order, and remembers each request's method, headers and body. */
function serve(...replies: Response[]) {
  const calls: { path: string; method: string; headers: Record<string, string>; body: unknown }[] = [];
  vi.stubGlobal(
    "fetch",
    vi.fn(async (path: string, init: RequestInit = {}) => {
      calls.push({ path, method: init.method ?? "GET", headers: { ...(init.headers as Record<string, string>) }, body: init.body });
      return replies.shift() ?? new Response(null, { status: 204 });
    }),
  );
  return calls;
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

beforeEach(() => {
  vi.stubGlobal("localStorage", memoryStorage());
});

afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

describe("upload", () => {
  it("sends the fields as multipart with the user's token, leaving the Content-Type to the browser", async () => {
    vi.spyOn(session, "accessToken").mockResolvedValue("t1");
    const calls = serve(json(201, { id: 7 }));
    const logo = new File(["png"], "logo.png", { type: "image/png" });

    const answer = await upload<{ id: number }>("/api/x/", { name: "Falafel", order: 2, logo, url: null });

    expect(answer).toEqual({ id: 7 });
    expect(calls).toHaveLength(1);
    expect(calls[0].method).toBe("POST");
    expect(calls[0].headers.Authorization).toBe("Bearer t1");
    expect(calls[0].headers["Content-Type"]).toBeUndefined();
    const form = calls[0].body as FormData;
    expect(form).toBeInstanceOf(FormData);
    expect(form.get("name")).toBe("Falafel");
    expect(form.get("order")).toBe("2");
    expect((form.get("logo") as File).name).toBe("logo.png");
    expect(form.has("url")).toBe(false);
  });

  it("refreshes the token once on a 401 and sends the same form again, with the method asked for", async () => {
    const token = vi.spyOn(session, "accessToken").mockImplementation(async (fresh) => (fresh ? "t2" : "t1"));
    const calls = serve(json(401, { error: { code: "token_expired", message: "Expired" } }), json(200, { ok: true }));

    await upload("/api/x/", { name: "A" }, { method: "PATCH" });

    expect(token).toHaveBeenLastCalledWith(true);
    expect(calls.map((call) => [call.method, call.headers.Authorization])).toEqual([
      ["PATCH", "Bearer t1"],
      ["PATCH", "Bearer t2"],
    ]);
    expect((calls[1].body as FormData).get("name")).toBe("A");
  });

  it("turns a refusal into the same ApiError as the JSON requests, with its field messages and wait", async () => {
    vi.spyOn(session, "accessToken").mockResolvedValue("t1");
    serve(
      json(400, { error: { code: "invalid", message: "Check the fields", fields: { logo: ["Too big"] } } }),
      json(429, { error: { code: "rate_limited", message: "Slow down" } }, { "Retry-After": "30" }),
    );

    const invalid = await upload("/api/x/", { name: "A" }).catch((error: unknown) => error);
    expect(invalid).toBeInstanceOf(ApiError);
    expect((invalid as ApiError).status).toBe(400);
    expect((invalid as ApiError).field("logo")).toBe("Too big");

    const limited = await upload("/api/x/", { name: "A" }).catch((error: unknown) => error);
    expect((limited as ApiError).code).toBe("rate_limited");
    expect((limited as ApiError).retryAfter).toBe(30);
  });
});
