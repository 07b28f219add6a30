/**
 * The holiday-cn files the product ships (data/holidays/, the same files the server bundles):
 * GET /api/v1/calendar lists only each year's totals, so the month grids of bundled years are
 * drawn from these copies.
 */
import type { HolidayFile } from './calendarGrid';

const files = import.meta.glob<HolidayFile>('../../../data/holidays/*.json', { eager: true, import: 'default' });

export const BUNDLED_HOLIDAYS: ReadonlyMap<number, HolidayFile> = new Map(
  Object.values(files)
    .filter((f) => f && typeof f.year === 'number' && Array.isArray(f.days))
    .map((f) => [f.year, f]),
);
