import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

import { http, HttpResponse } from "msw";
import { setupServer } from "msw/node";

import type { Sql } from "~/db/db.server";

import { parseMessage } from "./smtp";

// How a notice reached people, read back by the tests of assignment notices (ADRs 114, 120): the WeCom
// group robot's posts, the call tasks of an assignment, the development mails about a lead.

/**
 * A WeCom group robot answering every post ok (msw, loopback passing through): `posts` are the markdown
 * texts it received, in order. Start with `server.listen({ onUnhandledRequest: "bypass" })`, close after.
 */
export function wecomRobot(key: string) {
  const posts: string[] = [];
  const server = setupServer(
    http.post("https://qyapi.weixin.qq.com/cgi-bin/webhook/send", async ({ request }) => {
      const body = (await request.json()) as { markdown: { content: string } };
      posts.push(body.markdown.content);
      return HttpResponse.json({ errcode: 0, errmsg: "ok" });
    }),
  );
  return { webhook: `https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=${key}`, posts, server };
}

/** The call tasks of an assignment, oldest first, with both scripts. */
export function callTasksOf(sql: Sql, assignmentId: string) {
  return sql<
    {
      id: string;
      kind: string;
      recruiterId: string | null;
      status: string;
      closedReason: string | null;
      script: string;
      scriptEn: string;
    }[]
  >`
    select id, kind, recruiter_id, status, closed_reason, script, script_en from call_tasks where assignment_id = ${assignmentId} order by created_at, kind`;
}

/** The development mails in `mailDir` to `email` about `reference`: subject and text, decoded. */
export async function mailsAbout(mailDir: string, email: string, reference: string): Promise<string[]> {
  const parsed = await Promise.all(readdirSync(mailDir).map((f) => parseMessage(readFileSync(join(mailDir, f)))));
  return parsed
    .filter((m) => (m.headers.get("to") ?? []).join(" ").includes(email))
    .map((m) => `${m.subject}\n${m.parts.get("text/plain") ?? ""}`)
    .filter((m) => m.includes(reference));
}
