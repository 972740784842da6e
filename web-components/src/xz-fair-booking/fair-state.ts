/**
 * The fair as the element keeps it: finding a booth, telling whether the layout (venues and booths) changed, and
 * taking a fresh layout while keeping the booth states known so far. Pure functions of the fair's data.
 */
import type { Booth, FairDetail } from '../fair.js';

/** A booth with the name of its venue. */
export interface FoundBooth {
  booth: Booth;
  venue: string;
}

export function findBooth(fair: FairDetail | undefined, id: number | undefined): FoundBooth | undefined {
  for (const venue of fair?.venues ?? []) {
    const booth = venue.booths.find((b) => b.id === id);
    if (booth) return { booth, venue: venue.name };
  }
  return undefined;
}

/** Venues and booths (ids, names, codes, positions) without their states. */
export function layoutKey(fair: FairDetail | undefined): string {
  return JSON.stringify(
    (fair?.venues ?? []).map((v) => [v.id, v.name, v.booths.map((b) => [b.id, b.code, b.x, b.y])]),
  );
}

/**
 * The venues and booths of `fresh` with the states (and employers) `known` had for the same booths: the caller
 * applies the fresh states one by one, so that a change event still fires for each.
 */
export function withKnownStates(known: FairDetail | undefined, fresh: FairDetail): FairDetail {
  const old = new Map((known?.venues ?? []).flatMap((v) => v.booths).map((b) => [b.id, b] as const));
  const next = structuredClone(fresh);
  for (const venue of next.venues)
    for (const booth of venue.booths) {
      const before = old.get(booth.id);
      if (before) {
        booth.state = before.state;
        booth.employer = before.employer;
      }
    }
  return next;
}
