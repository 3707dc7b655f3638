/**
 * The party size a guest chose before holding (the stay search's and the stay page's
 * "Guests"), kept for the hold's checkout so that its guest form starts with that many people.
 * Kept in sessionStorage under the hold (a reload of the checkout keeps it; another tab has
 * its own).
 */
const PREFIX = "gh.party.";
const MAX_PARTY = 99;

export function saveParty(storage: Storage, hold: string, guests: number): void {
  if (!Number.isInteger(guests) || guests < 1) return;
  try {
    storage.setItem(PREFIX + hold, String(Math.min(guests, MAX_PARTY)));
  } catch {
    // Storage full or refused: the form starts with one guest per room, as before.
  }
}

export function loadParty(storage: Storage, hold: string): number | null {
  const value = Number(storage.getItem(PREFIX + hold));
  return Number.isInteger(value) && value >= 1 && value <= MAX_PARTY ? value : null;
}

/**
 * The party spread over the rooms, in order: each room gets at least one guest and at most
 * its capacity, leaving one for every room after it. A party larger than the rooms sleep fills
 * them (the form lets the guest add or remove people).
 */
export function spreadParty(party: number | null, capacities: readonly number[]): number[] {
  let left = Math.max(party ?? capacities.length, capacities.length);
  return capacities.map((capacity, index) => {
    const laterRooms = capacities.length - index - 1;
    const here = Math.max(1, Math.min(Math.max(1, capacity), left - laterRooms));
    left -= here;
    return here;
  });
}
