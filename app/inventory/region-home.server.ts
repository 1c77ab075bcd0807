import { getSql } from "~/db/db.server";
import { setHomeDivisions } from "~/domain/regions";
import { errorMessage, log } from "~/utils/log.server";

import { parkDistrictCodes } from "./inventory-read.server";

/** How often the web reads the parks' districts again: an import shows in the suggestions within this. */
const REFRESH_MS = 60_000;

/**
 * Keeps the region resolver's "near" divisions (regions.ts setHomeDivisions) on the parks' districts, so
 * a region that did not resolve is offered the places in the provinces and cities we have parks in
 * before others (ADR 113: "江北区" beside nothing else → 南京江北新区 before 宁波 and 重庆 when the parks
 * are in 南京). Read at once and every REFRESH_MS; a failed read keeps the last one (suggestions only
 * order differently, nothing is refused by it). Started by the web process (app/server.ts); returns a stop.
 */
export function startRegionHome(): () => void {
  const read = async () => {
    try {
      setHomeDivisions(await parkDistrictCodes(getSql()));
    } catch (error) {
      log.warn("could not read the parks' districts for region suggestions", { error: errorMessage(error) });
    }
  };
  void read();
  const timer = setInterval(() => void read(), REFRESH_MS);
  timer.unref();
  return () => clearInterval(timer);
}
