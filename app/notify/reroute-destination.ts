// Where a lapsed offer is when its re-route notice is written (docs/decisions/124): the recruiter who let
// it lapse is told truly — another recruiter holds it, it waits in the admins' unassigned queue (nobody
// else could take it), or it was given back to them meanwhile.

/** `recruiter`: another recruiter holds it; `queue`: no recruiter (the admins' unassigned queue); `back`: the notice's own recipient holds it again. */
export type RerouteDestination = "recruiter" | "queue" | "back";

/**
 * The destination of a re-routed assignment from its holder now (`holderId`: the assignment's recruiter
 * id, null when none) and the notice's recipient (the recruiter whose offer lapsed).
 */
export function rerouteDestination(holderId: string | null | undefined, recipient: string): RerouteDestination {
  if (!holderId) return "queue";
  return holderId.toLowerCase() === recipient.toLowerCase() ? "back" : "recruiter";
}
