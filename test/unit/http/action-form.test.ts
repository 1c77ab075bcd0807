import { describe, expect, it } from "vitest";
import { z } from "zod";

import { parseActionForm } from "~/http/action-form.server";

// parseActionForm reads a request's form, or a FormData the route already read (the hotline desk parses
// one post with two schemas), and keeps every field as sent when coercion is off.
const schema = z.object({ task: z.string().optional(), note: z.string().optional() });
const form = () => {
  const f = new FormData();
  f.append("task", "");
  f.append("note", "回电");
  return f;
};

describe("parseActionForm", () => {
  it("takes a Request or a FormData the route read (no session: a bearer caller)", async () => {
    const fromRequest = await parseActionForm(new Request("http://x/hotline", { method: "POST", body: form() }), null, schema);
    const fromForm = await parseActionForm(form(), null, schema);
    for (const s of [fromRequest, fromForm]) expect(s.status === "success" && s.value).toEqual({ note: "回电" });
  });

  it("keeps an empty field as the empty text when coercion is off (an empty task is still a call-task post)", async () => {
    const s = await parseActionForm(form(), null, schema, { disableAutoCoercion: true });
    expect(s.status === "success" && s.value).toEqual({ task: "", note: "回电" });
  });
});
