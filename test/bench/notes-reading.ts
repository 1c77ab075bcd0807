import { leadSchema } from "~/domain/lead-schema";
import { readingWork } from "~/domain/reading-work";
import { notRead } from "~/leads/lead-view.server";

import { validLeadJson } from "../support/leads";
import { fmt, load1, sectionHeader, writeSection } from "./lib";

// bench:intake's first section (docs/decisions/142, attack L9): the CPU the notes' readers take for notes of the
// allowed length made slow to read, next to ordinary notes in the same run — the schema's reading (what a POST
// pays) and the confirmation page's (now once a lead, kept: lead-view.server.ts). CPU time of this process
// (process.cpuUsage), the median of BENCH_NOTES_RUNS runs after one not counted; in process, no server.

const RUNS = Number(process.env.BENCH_NOTES_RUNS ?? 7);
const fill = (phrase: string, n = 2000) => phrase.repeat(Math.ceil(n / phrase.length)).slice(0, n);

/** [label, notes]: the first is the baseline. Each pathological one is at most NOTES_MAX (2,000) characters. */
export const NOTES_CASES: [string, string][] = [
  ["ordinary notes (baseline)", "需要5000平厂房，层高9米，最好在江宁，不要高淳，2027年3月前入驻，需要10吨行车，双回路供电。"],
  [
    "ordinary notes ×30 (1,950 characters)",
    fill("需要5000平厂房，层高9米，最好在江宁，不要高淳，2027年3月前入驻，需要10吨行车，双回路供电。", 1950),
  ],
  ["江宁浦口六合溧水高淳 ×200 (the attack's)", fill("江宁浦口六合溧水高淳")],
  ["1,990 blanks between two words", "5000平x" + " ".repeat(1990) + "x"],
  ["电话 + 1,985 blanks + a mobile number", "电话" + " ".repeat(1985) + "13912345678"],
  ["江宁区， ×400", fill("江宁区，")],
  ["鼓楼 ×1,000", fill("鼓楼")],
  ["江北新区 ×500", fill("江北新区")],
  ["5000平 ×333", fill("5000平")],
  [
    "400 different areas (1000平1001平…)",
    Array.from({ length: 400 }, (_, i) => `${1000 + i}平`)
      .join("")
      .slice(0, 2000),
  ],
  ["五千平方米 ×400", fill("五千平方米")],
  ["1 平 ×500", fill("1 平 ")],
  ["5000平\\n \\n ×250", fill("5000平\n \n")],
  ["江宁5000平层高8米3月 ×133", fill("江宁5000平层高8米3月")],
  ["not in jiangning and ×95", fill("not in jiangning and ")],
  ["a ×2,000", fill("a")],
];

function cpuMs(f: () => void): number {
  const c = process.cpuUsage();
  f();
  const d = process.cpuUsage(c);
  return (d.user + d.system) / 1000;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

export async function notesReadingSection(): Promise<void> {
  const loadBefore = load1();
  const lead = validLeadJson();
  const at = new Date();
  const rows: { label: string; length: number; post: number; page: number; names: number; worst: number }[] = [];
  for (const [label, notes] of NOTES_CASES) {
    const post = () =>
      leadSchema("zh", "api").safeParse({
        ...lead,
        need: { ...lead.need, areaMin: 3000, areaMax: undefined, regions: undefined, notes },
      });
    const page = () => notRead({ kind: "factory", notes }, [], at);
    post();
    page();
    const names = readingWork.namesLookedUp;
    const posts: number[] = [];
    const pages: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      posts.push(cpuMs(post));
      pages.push(cpuMs(page));
    }
    const perRun = (readingWork.namesLookedUp - names) / RUNS;
    rows.push({
      label,
      length: notes.length,
      post: median(posts),
      page: median(pages),
      names: perRun,
      worst: Math.max(...posts, ...pages),
    });
    console.log(`notes ${label}: POST ${fmt(median(posts), 1)} ms, page ${fmt(median(pages), 1)} ms`);
  }
  const base = rows[0];
  const lines = [
    sectionHeader("Intake: reading the notes (attack L9)", "npm run bench:intake (BENCH_TARGETS=notes for this section alone)", loadBefore),
    `CPU ms of this process (process.cpuUsage), median of ${RUNS} runs after one not counted, in process: "POST" is the built lead schema's parse (leadSchema, as the API's intake takes it) of an API lead with these notes (the figures, the places, the refusals — what a POST pays), "page" the confirmation page's reading of them (notes-not-read, lead-view.server.ts notRead — once a lead now, kept with it: docs/decisions/142). "×" is each against the ordinary notes of the first row, same run. Names: the division names looked up without a marker, a run (bounded: MAX_UNMARKED_NAMES a plan).`,
    "",
    "| notes | characters | POST CPU ms | × ordinary | page CPU ms | × ordinary | names looked up | slowest single run ms |",
    "| --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map(
      (r) =>
        `| ${r.label} | ${fmt(r.length)} | ${fmt(r.post, 1)} | ${fmt(r.post / base.post, 1)} | ${fmt(r.page, 1)} | ${fmt(r.page / base.page, 1)} | ${fmt(r.names)} | ${fmt(r.worst, 1)} |`,
    ),
  ];
  writeSection("intake-notes", lines.join("\n"));
}
