import { cpuUsage } from "node:process";

import { leadSchema } from "~/domain/lead-schema";
import { errorMessage, log } from "~/utils/log.server";

/**
 * Two sample leads, one per language, whose notes and regions box reach every reader a lead meets: the
 * need's figures, places in the notes and in the box (the divisions' index, built on first use), English
 * place names (pinyin-pro, loaded on first use), money, months, phones. Never stored.
 */
const SAMPLES = [
  {
    lng: "zh",
    notes: "要3000到5000平单层厂房，层高8米以上，江宁或浦口，不要高淳，明年3月前入驻，配电500千伏安，年税收约300万元",
    regions: ["南京市江宁区", "浦口"],
  },
  {
    lng: "en",
    notes: "Need 3000-5000 sqm single-storey factory, ceiling at least 8 m, in Jiangning or Pukou, not Gaochun, move in by March 2027",
    regions: ["Jiangning", "Pukou District"],
  },
] as const;

/**
 * Runs the intake schema once per language on a sample lead, so the first enterprise after a start does
 * not pay for what is built on first use: the divisions' index and the pinyin library (regions.ts loads
 * them lazily, since most processes that import it never read a place) and the readers' compiled
 * expressions — 340–420 ms of CPU on the first reading of a fresh process, 1–6 ms after (attack 12-05e,
 * ADR 148). Called by the web process once it listens; a failure is logged, never thrown (the service
 * works unwarmed, only its first reading is slower).
 *
 * @returns the CPU milliseconds it took (user + system), for the start-up log.
 */
export function warmReaders(): number {
  const start = cpuUsage();
  for (const sample of SAMPLES) {
    try {
      leadSchema(sample.lng, "api").safeParse({
        need: { kind: "factory", deal: "lease", regions: sample.regions, notes: sample.notes },
        use: { industry: "C35", product: "warm-up" },
        company: { name: "warm-up" },
        contact: { name: "warm-up", phone: "13800000000" },
        consent: true,
      });
    } catch (error) {
      log.warn("reader warm-up failed", { lng: sample.lng, error: errorMessage(error) });
    }
  }
  const spent = cpuUsage(start);
  return Math.round((spent.user + spent.system) / 1000);
}
