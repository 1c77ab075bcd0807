import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";

import SMTPConnection from "nodemailer/lib/smtp-connection";
import { SMTPServer } from "smtp-server";

import { renderAssignmentEmail } from "~/notify/assignment-email";
import { createMailer } from "~/notify/mailer.server";
import { composeMail } from "~/notify/mime-message.server";

import { assignmentEmailInput } from "../support/assignment-email";

// NODE_ENV=production node --import tsx test/bench/mail-cost.ts [steps] — the CPU of this process per
// assignment email on the worker's email path (issue 14), each step alone, in ms an email (median of
// MAIL_COST_PASSES passes of MAIL_COST_N emails after as many to warm up; user + system CPU, the
// collector's included):
//   render      renderAssignmentEmail (the template: i18n, React's renderToStaticMarkup, the text part)
//   compose     composeMail (the MIME in one pass, ADR 106)
//   mailer      createMailer({ smtpUrl }).send: compose + nodemailer's Mailer, compile and pooled SMTP
//               transport (2 connections), to an SMTP sink in another process (the sink's CPU not counted)
//   connection  compose + nodemailer's SMTPConnection.send of the same bytes on 2 open connections: what
//               the send costs without the Mailer, its compile and the pool's stream tree (the floor of
//               what a sender of our own over nodemailer's client could reach; docs/benchmarks.md, session 41)
// Two sends in flight, as the pool allows. MAIL_COST_SPACES (default 10) matched spaces of 6 reasons each,
// a bench-like email; 2 gives the tests' small one. Steps default to all four.

if (process.argv[2] === "--sink") {
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    logger: false,
    disabledCommands: ["STARTTLS"],
    onData(stream, _session, callback) {
      stream.on("data", () => {});
      stream.on("end", () => callback(null));
    },
  });
  server.listen(0, "127.0.0.1", () => process.send!((server.server.address() as { port: number }).port));
} else {
  await main();
}

async function main() {
  const N = Number(process.env.MAIL_COST_N ?? 1000);
  const PASSES = Number(process.env.MAIL_COST_PASSES ?? 5);
  const SPACES = Number(process.env.MAIL_COST_SPACES ?? 10);
  const steps = (process.argv[2] ?? "render,compose,mailer,connection").split(",");

  const sink = fork(fileURLToPath(import.meta.url), ["--sink"], { execArgv: ["--import", "tsx"], stdio: "inherit" });
  const port = await new Promise<number>((resolve) => sink.once("message", (m) => resolve(Number(m))));
  const url = `smtp://127.0.0.1:${port}`;

  const reasons = [
    "面积 5200㎡ 在需求 4000–6000㎡ 内",
    "层高 9m ≥ 8m",
    "配电 800kVA ≥ 630kVA",
    "行车 10t",
    "租金 18元/㎡·月 在预算内",
    "地面承重 3t/㎡",
  ];
  const input = assignmentEmailInput({
    spaces: Array.from({ length: SPACES }, (_, i) => ({ title: `${i + 1}号标准厂房`, score: 90 - i, conditional: i % 3 === 0, reasons })),
  });
  const rendered = renderAssignmentEmail(input, "zh");
  let count = 0;
  const message = () => ({ to: "王芳 <wang.fang@example.com>", ...rendered, messageId: `<assignment-${++count}@parkmatch>` });
  const from = "园区招商 <noreply@parkmatch.local>";
  console.log(
    `mail-cost: ${N} emails × ${PASSES} passes; HTML ${Buffer.byteLength(rendered.html)} B, text ${Buffer.byteLength(rendered.text)} B; NODE_ENV=${process.env.NODE_ENV}`,
  );

  const cpuMs = () => {
    const u = process.cpuUsage();
    return (u.user + u.system) / 1000;
  };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const report = (name: string, perEmail: number[]) =>
    console.log(`${name.padEnd(11)} ${median(perEmail).toFixed(3)} ms an email (passes ${perEmail.map((x) => x.toFixed(3)).join(" ")})`);
  async function twoInFlight(send: () => Promise<unknown>, n: number) {
    let left = n;
    const lane = async () => {
      while (left-- > 0) await send();
    };
    await Promise.all([lane(), lane()]);
  }
  async function timed(name: string, run: (n: number) => Promise<void> | void) {
    await run(N);
    const passes: number[] = [];
    for (let p = 0; p < PASSES; p++) {
      const at = cpuMs();
      await run(N);
      passes.push((cpuMs() - at) / N);
    }
    report(name, passes);
  }

  for (const step of steps) {
    if (step === "render") {
      await timed(step, (n) => {
        for (let i = 0; i < n; i++) renderAssignmentEmail(input, "zh");
      });
    } else if (step === "compose") {
      await timed(step, (n) => {
        for (let i = 0; i < n; i++) composeMail({ from, ...message() });
      });
    } else if (step === "mailer") {
      const mailer = createMailer({ smtpUrl: url, from });
      await timed(step, (n) =>
        twoInFlight(async () => {
          const r = await mailer.send(message());
          if (!r.ok) throw new Error(r.error);
        }, n),
      );
      mailer.close();
    } else if (step === "connection") {
      const open = () =>
        new Promise<SMTPConnection>((resolve, reject) => {
          const c = new SMTPConnection({ host: "127.0.0.1", port, ignoreTLS: true });
          c.once("error", reject);
          c.connect(() => resolve(c));
        });
      const idle = await Promise.all([open(), open()]);
      await timed(step, (n) =>
        twoInFlight(() => {
          const mail = composeMail({ from, ...message() })!;
          const c = idle.pop()!;
          return new Promise((resolve, reject) =>
            c.send(mail.envelope, mail.raw, (err, info) => {
              idle.push(c);
              if (err) reject(err);
              else resolve(info);
            }),
          );
        }, n),
      );
      for (const c of idle) c.close();
    } else throw new Error(`unknown step ${step}`);
  }
  sink.kill();
}
