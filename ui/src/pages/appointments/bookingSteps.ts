/** The booking's steps in order; after the last comes the booked appointment. */
export type BookingStep = 'category' | 'slot' | 'person' | 'confirm';
export const BOOKING_STEPS: readonly BookingStep[] = ['category', 'slot', 'person', 'confirm'];
