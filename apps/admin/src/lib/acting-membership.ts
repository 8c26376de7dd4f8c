/**
 * The membership this tab acts under, for a person with more than one (a clerk of two communities, a district
 * officer who also reports for a venture). The API acts under the one named by `X-Gongfu-Membership`, else the
 * user's first (ADR 0043). The choice is kept per tab (sessionStorage), so that two tabs can work for two
 * communities without one changing under the other, and as the browser's default for new tabs (localStorage).
 * It is not a secret and grants nothing: the server checks that the membership is the session user's own.
 */
const KEY = 'gongfu.actingMembership';
export const ACTING_MEMBERSHIP_HEADER = 'X-Gongfu-Membership';

function read(storage: () => Storage): string | undefined {
  try {
    return storage().getItem(KEY) ?? undefined;
  } catch {
    return undefined; // storage refused (a privacy mode): act under the first membership
  }
}

function write(storage: () => Storage, id: string | undefined) {
  try {
    if (id) storage().setItem(KEY, id);
    else storage().removeItem(KEY);
  } catch {
    // as above: nothing to keep, the first membership it is
  }
}

export function actingMembershipId(): string | undefined {
  return read(() => sessionStorage) ?? read(() => localStorage);
}

/** Act under this membership from the next request on (undefined: the user's first). */
export function chooseActingMembership(id: string | undefined) {
  write(() => sessionStorage, id);
  write(() => localStorage, id);
  clearActingMembershipWithdrawn();
}

/** The header naming the chosen membership, for requests made outside `apiRequest` (downloads, uploads). */
export function actingMembershipHeaders(): Record<string, string> {
  const id = actingMembershipId();
  return id ? { [ACTING_MEMBERSHIP_HEADER]: id } : {};
}

/**
 * The membership this tab acts under was refused by the API (403 `membership_not_found`: withdrawn while the tab
 * was open). Any answer may be the first to say so: a page's panel, a save. The frame listens and replaces the
 * page with one that says so (features/shell); choosing again (or logging in or out) clears it. Kept here, beside the choice, so that the
 * query client can raise it without knowing the shell.
 */
let withdrawn = false;
const listeners = new Set<() => void>();

function setWithdrawn(value: boolean) {
  if (withdrawn === value) return;
  withdrawn = value;
  for (const listener of listeners) listener();
}

export function markActingMembershipWithdrawn() {
  setWithdrawn(true);
}

export function clearActingMembershipWithdrawn() {
  setWithdrawn(false);
}

export function actingMembershipWithdrawn(): boolean {
  return withdrawn;
}

export function onActingMembershipWithdrawn(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
