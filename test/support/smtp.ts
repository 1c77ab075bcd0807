import type { AddressInfo, Socket } from "node:net";

import libmime from "libmime";
import { simpleParser } from "mailparser";
import { SMTPServer, type SMTPServerOptions } from "smtp-server";

// A real SMTP server on loopback that keeps what it receives (msw is HTTP only), each message read
// by mailparser before the server answers 250, so a sender that got its answer finds it parsed here.

export type Received = { mailFrom: string; rcptTo: string[]; raw: string; parsed: Parsed };

export type TestServer = {
  url: string;
  received: Received[];
  connections: number;
  /** Cut every open connection without a reply, as a crashing server or a broken network would. */
  dropConnections(): void;
  close(): Promise<void>;
};

export async function startSmtpServer(handlers: Partial<SMTPServerOptions> = {}): Promise<TestServer> {
  const received: Received[] = [];
  const sockets = new Set<Socket>();
  const state = { connections: 0 };
  const server = new SMTPServer({
    secure: false,
    authOptional: true,
    logger: false,
    closeTimeout: 200,
    // STARTTLS stays advertised (smtp-server's self-signed certificate): the mailer must not try it
    // on loopback, which is the documented TLS policy.
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const raw = Buffer.concat(chunks).toString("utf8");
        parseMessage(raw).then(
          (parsed) => {
            received.push({
              mailFrom: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
              rcptTo: session.envelope.rcptTo.map((a) => a.address),
              raw,
              parsed,
            });
            callback(null);
          },
          (error: Error) => callback(error),
        );
      });
    },
    ...handlers,
  });
  // A client that goes away mid-session (a worker SIGKILLed while sending) resets its socket: smtp-server
  // reports that as an 'error' event, which without a listener ends the test process (ECONNRESET).
  server.on("error", () => {});
  server.server.on("connection", (socket: Socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.server.address() as AddressInfo;
  const handle: TestServer = {
    url: `smtp://127.0.0.1:${port}`,
    received,
    get connections() {
      return state.connections;
    },
    dropConnections() {
      for (const s of sockets) s.destroy();
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
  return handle;
}

// ---- reading what arrived: mailparser (headers, RFC 2047 words, MIME parts, transfer encodings)

export type Parsed = {
  /** Each header's raw value(s), unfolded, names lower-cased (encoded words left as sent). */
  headers: Map<string, string[]>;
  /** The decoded Subject. */
  subject: string;
  /** The decoded From as `name <address>` (just the address when there is no name). */
  from: string;
  /** "text/plain" and "text/html" → the decoded part. */
  parts: Map<string, string>;
};

/** One raw RFC 5322 message, read by mailparser's simpleParser. */
export async function parseMessage(raw: string | Buffer): Promise<Parsed> {
  const mail = await simpleParser(raw, { skipHtmlToText: true, skipTextToHtml: true, skipTextLinks: true, skipImageLinks: true });
  const headers = new Map<string, string[]>();
  for (const { key, line } of mail.headerLines) {
    const value = line
      .slice(line.indexOf(":") + 1)
      .replace(/\r?\n[ \t]+/g, " ")
      .trim();
    headers.set(key, [...(headers.get(key) ?? []), value]);
  }
  const parts = new Map<string, string>();
  if (typeof mail.text === "string") parts.set("text/plain", mail.text);
  if (typeof mail.html === "string") parts.set("text/html", mail.html);
  const first = mail.from?.value[0];
  const from = first ? (first.name ? `${first.name} <${first.address ?? ""}>` : (first.address ?? "")) : "";
  return { headers, subject: mail.subject ?? "", from, parts };
}

/**
 * The decoded Subject of a raw message, read from its header block only (RFC 5322 unfolding, then
 * libmime's RFC 2047 word decoding — the library mailparser itself decodes headers with): a benchmark's
 * mail sink needs the lead reference, not the MIME body, and mailparser's streams cost the sink ~0.5 ms
 * of CPU a message even for the headers alone (its CPU counts in the machine's).
 */
export function messageSubject(raw: Buffer): Promise<string> {
  const end = raw.indexOf("\r\n\r\n");
  const head = (end < 0 ? raw : raw.subarray(0, end)).toString("utf8");
  const folded = /^subject:[ \t]*(.*(?:\r\n[ \t].*)*)/im.exec(head)?.[1];
  if (folded === undefined) return Promise.resolve("");
  // Unfolded (RFC 5322 §2.2.3); the space between two encoded words is dropped by decodeWords (RFC 2047 §6.2).
  return Promise.resolve(libmime.decodeWords(folded.replace(/\r\n(?=[ \t])/g, "")).trim());
}
