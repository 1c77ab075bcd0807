import { type LeadClosing, loadLeadClosing } from "~/admin/lead-actions.server";
import { type AssignmentDetails, loadAssignmentDetails } from "~/assignments/assignment-details.server";
import { inOneSnapshot, type Sql } from "~/db/db.server";
import { isUuid } from "~/domain/ids";
import { type RepeatOfLead, repeatsOf } from "~/matches/repeat.server";

import {
  loadOtherParks,
  loadShortlistCandidates,
  loadVisibleNotes,
  loadWorkState,
  type NoteView,
  wasTheirs,
  type WorkState,
} from "./lead-work.server";
import { listShortlists, type ShortlistSummary } from "./shortlists.server";

// What the recruiter's lead page (GET /queue/assignments/<id>) reads, read in one snapshot (docs/decisions/170).

/** Who opens the page: `recruiterId` a signed-in recruiter's (null for anyone else), `userId` the staff account's, `admin` may read any. */
export type AssignmentPageViewer = { recruiterId: string | null; userId: string | null; admin: boolean };

/** Everything the page shows, of one moment. `mine`: the assignment is the viewer's (they may work it). */
export type AssignmentPageData = {
  details: AssignmentDetails;
  mine: boolean;
  work: WorkState;
  notes: NoteView[];
  otherParks: { parkName: string; status: string }[];
  shortlists: ShortlistSummary[];
  /** The park's spaces the recruiter may shortlist (empty unless `mine`). */
  candidates: Awaited<ReturnType<typeof loadShortlistCandidates>>;
  repeats: RepeatOfLead[];
  /** How an admin closed the lead (spam, duplicate), or null. */
  closing: LeadClosing | null;
};

/**
 * The lead page of assignment `assignmentId` for `viewer`: `{page}` when they may read it; `{formerly: reference}`
 * when it is not theirs now but was (declined, re-routed away: their history shows it); null when there is no such
 * assignment (or a malformed id) or it is not theirs to read.
 *
 * Read in one REPEATABLE READ snapshot (inOneSnapshot): the lead and its need, the park's matches, the assignment's
 * status and work, the notes, the other parks and the shortlists as they stood together. Read apart, a need edit or a
 * matching committed between two reads showed a state that never existed — the need before the edit beside the note
 * that changed it, an assignment "offered" beside its work state "ended". Writes (the phone view's log) come after.
 */
export async function readAssignmentPage(
  sql: Sql,
  assignmentId: string,
  viewer: AssignmentPageViewer,
): Promise<{ page: AssignmentPageData } | { formerly: string } | null> {
  if (!isUuid(assignmentId)) return null;
  return inOneSnapshot(sql, async (tx) => {
    const details = await loadAssignmentDetails(tx, assignmentId);
    if (!details) return null;
    const mine = viewer.recruiterId !== null && details.recruiter?.id === viewer.recruiterId;
    if (!mine && !viewer.admin)
      return viewer.recruiterId !== null && (await wasTheirs(tx, details.id, viewer.recruiterId)) ? { formerly: details.reference } : null;
    // One connection: these queue on it in order, inside the snapshot.
    const [work, notes, otherParks, shortlists, candidates, repeats, { closing }] = await Promise.all([
      loadWorkState(tx, details.id),
      loadVisibleNotes(tx, details.leadId, viewer.userId, { all: !mine && viewer.admin }),
      loadOtherParks(tx, details.leadId, details.id),
      listShortlists(tx, details.id),
      mine ? loadShortlistCandidates(tx, details.leadId, details.parkId) : Promise.resolve([]),
      repeatsOf(tx, details.leadId),
      loadLeadClosing(tx, details.leadId),
    ]);
    return { page: { details, mine, work, notes, otherParks, shortlists, candidates, repeats, closing } };
  });
}
