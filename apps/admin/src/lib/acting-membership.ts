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
}

/** The header naming the chosen membership, for requests made outside `apiRequest` (downloads, uploads). */
export function actingMembershipHeaders(): Record<string, string> {
  const id = actingMembershipId();
  return id ? { [ACTING_MEMBERSHIP_HEADER]: id } : {};
}
