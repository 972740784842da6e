// What callers hand the fairs service.

export type BoothState = 'free' | 'held' | 'taken';

export interface FairInput {
  title: string;
  description?: string;
  startsAt: string;
  endsAt: string;
  bookingOpensAt: string;
  bookingClosesAt: string;
  boothSelection: 'at_booking' | 'after_approval';
  fee: { amount: number; payment: 'none' | 'at_booking' | 'after_approval' };
  venues: { name: string; booths: { code: string; x?: number; y?: number }[] }[];
}

export type VenueInput = FairInput['venues'][number];
export type BoothInput = VenueInput['booths'][number];

export interface BookingInput {
  fairId: number;
  boothId?: number | null;
  jobIds: number[];
  attendees: { name: string; phone: string; title?: string }[];
}
