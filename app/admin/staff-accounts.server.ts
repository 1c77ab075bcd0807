import { createHash, randomBytes } from "node:crypto";

import type { RoutingOptions } from "~/assignments/route-lead.server";
import { hashPassword } from "~/auth/password.server";
import { type PasswordWeakness, passwordWeakness, personalWords } from "~/auth/password-strength.server";
import { revokeSessionsOf, type StaffRole } from "~/auth/session.server";
import type { Sql, TransactionSql } from "~/db/db.server";
import { isUuid } from "~/domain/ids";
import { rerouteOffersOfUnavailable } from "~/inventory/recruiter-away.server";
import { changedKeys, type EditConflict, type EditValues, mergeEdit } from "~/utils/edit-merge.server";

import { writeAdminAudit } from "./admin-audit.server";
import { INVITATION_HOURS } from "./staff-forms";

// Staff accounts as admins manage them at /admin/staff (docs/decisions/028). Every change is one
// transaction with its admin_audit line; a change of role, a new password or a deactivation ends the
// account's sessions (a copied cookie stops working too, as in ADR 014).

export type StaffAccountRow = {
  id: string;
  email: string;
  name: string;
  role: StaffRole;
  recruiterId: string | null;
  recruiterName: string | null;
  active: boolean;
  hasPassword: boolean;
  invitationOpen: boolean;
  lastSignIn: string | null;
};

export type AccountProblem = "email-taken" | "unknown-recruiter" | "recruiter-taken" | "not-found" | "self" | "last-admin";
export type AccountResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; problem: AccountProblem }
  | { ok: false; problem: "weak-password"; weakness: PasswordWeakness }
  | { ok: false; problem: "changed-meanwhile"; current: EditValues; conflicts: EditConflict[] };

const hashToken = (token: string) => createHash("sha256").update(token).digest("hex");

/** Every account (or the one with `onlyId`), active first, admins first, then by email. */
export async function listStaffAccounts(sql: Sql, onlyId?: string): Promise<StaffAccountRow[]> {
  if (onlyId !== undefined && !isUuid(onlyId)) return [];
  const where = onlyId ? sql`where u.id = ${onlyId}` : sql``;
  const rows = await sql<(Omit<StaffAccountRow, "lastSignIn"> & { lastSignIn: Date | null })[]>`
    select u.id, u.email, u.name, u.role, u.recruiter_id, r.name as recruiter_name, u.active,
           u.password_hash is not null as has_password,
           exists (select 1 from staff_invitations i where i.user_id = u.id and i.used_at is null and i.expires_at > now()) as invitation_open,
           (select max(created_at) from staff_sessions s where s.user_id = u.id) as last_sign_in
    from users u left join recruiters r on r.id = u.recruiter_id
    ${where}
    order by u.active desc, u.role = 'admin' desc, u.email`;
  return rows.map((r) => ({ ...r, lastSignIn: r.lastSignIn?.toISOString() ?? null }));
}

/** Recruiter records an account may be linked to: `{id, name, linkedTo}` (the email of the account that has it). */
export async function listRecruiterChoices(sql: Sql): Promise<{ id: string; name: string; linkedTo: string | null }[]> {
  return sql<{ id: string; name: string; linkedTo: string | null }[]>`
    select r.id, r.name, (select u.email from users u where u.recruiter_id = r.id and u.active limit 1) as "linkedTo"
    from recruiters r order by r.id`;
}

/**
 * The recruiter record an account is to be linked to, by its id in any case ("r3" is R3: ids ignore
 * case, ADR 107): its id as stored, or the problem — unknown, or linked to another active account.
 */
async function checkRecruiter(
  tx: TransactionSql,
  recruiterId: string | null,
  userId: string | null,
): Promise<{ id: string | null } | { problem: AccountProblem }> {
  if (!recruiterId) return { id: null };
  const [r] = await tx<{ id: string; taken: boolean }[]>`
    select r.id, exists (select 1 from users u where u.recruiter_id = r.id and u.active and u.id is distinct from ${userId}::uuid) as taken
    from recruiters r where lower(r.id) = lower(${recruiterId})`;
  if (!r) return { problem: "unknown-recruiter" };
  return r.taken ? { problem: "recruiter-taken" } : { id: r.id };
}

/** The stored id of the recruiter `typed` names in any case; as typed when none does (checkRecruiter refuses it); "" for none. */
async function storedRecruiterId(tx: TransactionSql, typed: string | null): Promise<string> {
  if (!typed) return "";
  const [r] = await tx<{ id: string }[]>`select id from recruiters where lower(id) = lower(${typed})`;
  return r?.id ?? typed;
}

/** A fresh one-time invitation for the account (older open ones end); the token is returned once, never stored. */
async function newInvitation(tx: TransactionSql, userId: string, actor: string): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx`update staff_invitations set used_at = now() where user_id = ${userId} and used_at is null`;
  await tx`insert into staff_invitations (token_hash, user_id, created_by, expires_at)
           values (${hashToken(token)}, ${userId}, ${actor}, now() + ${INVITATION_HOURS}::float8 * interval '1 hour')`;
  return token;
}

export type NewAccount = {
  email: string;
  name: string;
  role: StaffRole;
  recruiterId: string | null;
  /** A password the admin sets (≥ 10 characters, checked by the form's schema; its strength checked here), or null for an invitation link. */
  password: string | null;
};

/**
 * Creates an account: with the password the admin set, or with an invitation token (returned once;
 * the link is `/invite/<token>`, valid INVITATION_HOURS). Emails are compared lower-cased.
 * Problems: "email-taken", "unknown-recruiter", "recruiter-taken" (another active account has it),
 * "weak-password" (passwordWeakness, with the person's email, name and recruiter id; ADR 107).
 */
export async function createStaffAccount(
  sql: Sql,
  input: NewAccount,
  actor: string,
): Promise<AccountResult<{ userId: string; invitationToken: string | null }>> {
  if (input.password) {
    const weakness = passwordWeakness(input.password, personalWords(input));
    if (weakness) return { ok: false, problem: "weak-password", weakness };
  }
  const hash = input.password ? await hashPassword(input.password) : null;
  return sql.begin(async (tx) => {
    // Account creations one at a time: a button pressed twice (or two admins at once) both saw the email
    // (and the recruiter record) free, and the second insert hit the unique index — a 500.
    await tx`select pg_advisory_xact_lock(hashtext('staff-account-create'))`;
    const email = input.email.trim().toLowerCase();
    const [taken] = await tx`select 1 from users where lower(email) = ${email}`;
    if (taken) return { ok: false, problem: "email-taken" } as const;
    const linked = await checkRecruiter(tx, input.role === "recruiter" ? input.recruiterId : null, null);
    if ("problem" in linked) return { ok: false, problem: linked.problem } as const;
    const recruiterId = linked.id;
    const [user] = await tx<{ id: string }[]>`
      insert into users (email, name, role, recruiter_id, password_hash)
      values (${email}, ${input.name.trim()}, ${input.role}, ${recruiterId}, ${hash}) returning id`;
    const invitationToken = hash ? null : await newInvitation(tx, user.id, actor);
    await writeAdminAudit(tx, {
      actor,
      action: "account-created",
      target: `user:${user.id}`,
      detail: { email, role: input.role, recruiterId, by: hash ? "password" : "invitation" },
    });
    return { ok: true, userId: user.id, invitationToken } as const;
  });
}

type Change =
  | { kind: "role"; role: StaffRole }
  | { kind: "recruiter"; recruiterId: string | null }
  | { kind: "active"; active: boolean }
  | { kind: "password"; password: string | null };

/**
 * One change to an account by an admin (`actorUserId` is theirs, null for the admin token):
 * - role: ends the account's sessions; an admin cannot demote themselves, nor the last active admin;
 * - recruiter: links (or unlinks, null) the recruiter record the account works as;
 * - active: false ends every session and open invitation ("self" and "last-admin" guard the admins); a
 *   recruiter's open offers are re-routed with `routing` as when they retire, accepted work is counted
 *   (`offers`; ADR 107);
 * - password: a new password (ends the sessions; "weak-password" as passwordWeakness with the account's
 *   email, name and recruiter id, ADR 107), or null for a new invitation link (returned once).
 * `filledFrom` (role and recruiter): the form's values as its page showed them (`base`, ADR 091/092). When
 * another admin changed the field since, the change is refused ("changed-meanwhile", with the stored value
 * and, if both changed it differently, the conflict) — unless this form sends what is stored already.
 */
export async function changeStaffAccount(
  sql: Sql,
  userId: string,
  change: Change,
  actor: { actor: string; userId: string | null },
  filledFrom: EditValues | null = null,
  routing: RoutingOptions = { slaMinutes: 120, noticeFallbackMs: 0 },
): Promise<AccountResult<{ invitationToken: string | null; offers?: DeactivatedOffers }>> {
  if (!isUuid(userId)) return { ok: false, problem: "not-found" };
  if (change.kind === "password" && change.password) {
    const [person] = await sql<{ email: string; name: string; recruiterId: string | null }[]>`
      select email, name, recruiter_id from users where id = ${userId}`;
    if (!person) return { ok: false, problem: "not-found" };
    const weakness = passwordWeakness(change.password, personalWords(person));
    if (weakness) return { ok: false, problem: "weak-password", weakness };
  }
  const hash = change.kind === "password" && change.password ? await hashPassword(change.password) : null;
  return sql.begin(async (tx) => {
    // One admin change at a time: the last-admin check below must see the others' results.
    await tx`select pg_advisory_xact_lock(hashtext('staff-accounts'))`;
    const [user] = await tx<{ id: string; email: string; role: StaffRole; active: boolean; recruiterId: string | null }[]>`
      select id, email, role, active, recruiter_id from users where id = ${userId} for update`;
    if (!user) return { ok: false, problem: "not-found" } as const;
    if (filledFrom && (change.kind === "role" || change.kind === "recruiter")) {
      // The one field of the form, merged as every edit form (mergeEdit): a value the page did not show is not overwritten.
      const key = change.kind === "role" ? "role" : "recruiterId";
      const current = { [key]: change.kind === "role" ? user.role : (user.recruiterId ?? "") };
      // A recruiter id in another case names the same recruiter (ids ignore case, ADR 107): compared as stored, or "r1"
      // sent over another admin's link to R1 was a "changed meanwhile" nobody caused (forms41, the kind of attack40 #2).
      const sent = { [key]: change.kind === "role" ? change.role : await storedRecruiterId(tx, change.recruiterId) };
      const { conflicts } = mergeEdit([key], filledFrom, current, sent);
      // Refused when another admin changed it and this form sends something else: both changed it (a
      // conflict), or this form sends the old value unchanged (saving it would undo theirs unseen).
      const theirs = changedKeys([key], filledFrom, current).length > 0;
      if (theirs && changedKeys([key], current, sent).length > 0)
        return { ok: false, problem: "changed-meanwhile", current, conflicts } as const;
    }
    const losesAdmin = (change.kind === "role" && change.role !== "admin") || (change.kind === "active" && !change.active);
    if (losesAdmin && user.role === "admin" && user.active) {
      if (actor.userId === user.id) return { ok: false, problem: "self" } as const;
      const [{ n }] = await tx<{ n: number }[]>`select count(*)::int as n from users where role = 'admin' and active and id <> ${user.id}`;
      if (n === 0) return { ok: false, problem: "last-admin" } as const;
    }
    let invitationToken: string | null = null;
    let offers: DeactivatedOffers | undefined;
    let detail: Record<string, unknown>;
    if (change.kind === "role") {
      await tx`update users set role = ${change.role}, recruiter_id = ${change.role === "recruiter" ? user.recruiterId : null} where id = ${user.id}`;
      await revokeSessionsOf(tx, user.id);
      detail = { from: user.role, to: change.role };
    } else if (change.kind === "recruiter") {
      const linked = await checkRecruiter(tx, change.recruiterId, user.id);
      if ("problem" in linked) return { ok: false, problem: linked.problem } as const;
      await tx`update users set recruiter_id = ${linked.id} where id = ${user.id}`;
      detail = { from: user.recruiterId, to: linked.id };
    } else if (change.kind === "active") {
      await tx`update users set active = ${change.active}, deactivated_at = ${change.active ? null : tx`now()`} where id = ${user.id}`;
      if (!change.active) {
        await revokeSessionsOf(tx, user.id);
        await tx`update staff_invitations set used_at = now() where user_id = ${user.id} and used_at is null`;
        // A recruiter who can no longer sign in cannot accept: their open offers go on as when they retire (ADR 105, 107).
        if (user.recruiterId) offers = await offersOfDeactivated(tx, user.recruiterId, routing);
      }
      detail = {
        active: change.active,
        ...(offers ? { rerouted: offers.moved, unassigned: offers.unassigned, keptWork: offers.kept } : {}),
      };
    } else {
      if (hash) {
        await tx`update users set password_hash = ${hash} where id = ${user.id}`;
        await tx`update staff_invitations set used_at = now() where user_id = ${user.id} and used_at is null`;
      } else {
        await tx`update users set password_hash = null where id = ${user.id}`;
        invitationToken = await newInvitation(tx, user.id, actor.actor);
      }
      await revokeSessionsOf(tx, user.id);
      detail = { by: hash ? "password" : "invitation" };
    }
    const action = {
      role: "role-changed",
      recruiter: "recruiter-linked",
      active: change.kind === "active" && change.active ? "reactivated" : "deactivated",
      password: "password-reset",
    }[change.kind];
    await writeAdminAudit(tx, { actor: actor.actor, action, target: `user:${user.id}`, detail: { email: user.email, ...detail } });
    return { ok: true, invitationToken, offers } as const;
  });
}

/** What became of the work of a recruiter whose sign-in was deactivated: offers moved (of which to the unassigned queue), accepted work kept. */
export type DeactivatedOffers = { moved: number; unassigned: number; kept: number };

async function offersOfDeactivated(tx: TransactionSql, recruiterId: string, routing: RoutingOptions): Promise<DeactivatedOffers> {
  const { moved, unassigned } = await rerouteOffersOfUnavailable(tx, [recruiterId], routing);
  // Accepted work stays theirs, as with a retired recruiter (ADR 027): the admin is told how much, to hand it over by hand.
  const [{ kept }] = await tx<{ kept: number }[]>`
    select count(*)::int as kept from assignments where recruiter_id = ${recruiterId} and status in ('accepted', 'contacted', 'visit')`;
  return { moved, unassigned, kept };
}

/** The account an unused, unexpired invitation token belongs to, or null. */
export async function findInvitation(sql: Sql, token: string): Promise<{ userId: string; email: string; name: string } | null> {
  if (!/^[A-Za-z0-9_-]{43}$/.test(token)) return null;
  const [row] = await sql<{ userId: string; email: string; name: string }[]>`
    select u.id as "userId", u.email, u.name from staff_invitations i join users u on u.id = i.user_id
    where i.token_hash = ${hashToken(token)} and i.used_at is null and i.expires_at > now() and u.active`;
  return row ?? null;
}

/**
 * The invited person sets their password: the invitation is used up in the same transaction (a second
 * use, or a race of two, finds nothing). Returns the user id, `{weakness}` when the password is too
 * easy to guess for this person (passwordWeakness, ADR 107; the invitation stays open), or null when
 * the token is no good.
 */
export async function acceptInvitation(
  sql: Sql,
  token: string,
  password: string,
): Promise<{ userId: string } | { weakness: PasswordWeakness } | null> {
  const invited = await findInvitation(sql, token);
  if (!invited) return null;
  const [person] = await sql<{ recruiterId: string | null }[]>`select recruiter_id from users where id = ${invited.userId}`;
  const weakness = passwordWeakness(password, personalWords({ ...invited, recruiterId: person?.recruiterId }));
  if (weakness) return { weakness };
  const hash = await hashPassword(password);
  return sql.begin(async (tx) => {
    const [inv] = await tx<{ userId: string }[]>`
      update staff_invitations i set used_at = now() from users u
      where i.token_hash = ${hashToken(token)} and i.used_at is null and i.expires_at > now() and u.id = i.user_id and u.active
      returning i.user_id`;
    if (!inv) return null;
    await tx`update users set password_hash = ${hash} where id = ${inv.userId}`;
    await revokeSessionsOf(tx, inv.userId);
    await writeAdminAudit(tx, { actor: "invitation", action: "invitation-accepted", target: `user:${inv.userId}` });
    return { userId: inv.userId };
  });
}
