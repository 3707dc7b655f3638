import { describe, expect, it } from "vitest";
import { senderShown } from "./sender";

const plain = (text: string) => text.replace(/[\u2066-\u2069]/g, "");

describe("senderShown", () => {
  it("names the sender with their masked phone", () => {
    expect(plain(senderShown({ sender_name: "Sara", sender_phone: "+966 ••• 678" }, "Someone"))).toBe(
      "Sara (+966 ••• 678)",
    );
  });

  it("shows the masked phone alone when the sender gave no name", () => {
    const shown = senderShown({ sender_name: " ", sender_phone: "+966 ••• 678" }, "Someone");
    expect(shown).toBe("\u2066+966 ••• 678\u2069");
  });

  it("says someone only when the offer names nobody", () => {
    expect(plain(senderShown({ sender_name: "", sender_phone: "" }, "Someone"))).toBe("Someone");
  });
});
