/**
 * The API's payload types, by the server's OpenAPI schema names: the one place the screens get
 * them from. `./schema` is generated from the repo's `openapi.json` by `npm run gen:api`
 * (`npm run check:api` fails when it is stale); never edit it by hand.
 */
import type { components } from './schema';

type Schemas = components['schemas'];

export type ApiError = Schemas['ApiError'];
export type LoginRequest = Schemas['LoginRequest'];
export type LoginResponse = Schemas['LoginResponse'];
export type UserView = Schemas['UserView'];
export type MeView = Schemas['MeView'];
export type CategoryView = Schemas['CategoryView'];
export type MatterView = Schemas['MatterView'];
export type CounterView = Schemas['CounterView'];
export type IssueTicketRequest = Schemas['IssueTicketRequest'];
export type TicketView = Schemas['TicketView'];
export type CallNextResponse = Schemas['CallNextResponse'];
export type QueueView = Schemas['QueueView'];

export type CreateUserRequest = Schemas['CreateUserRequest'];
export type CreateDeviceRequest = Schemas['CreateDeviceRequest'];
export type CreatedDevice = Schemas['CreatedDevice'];

/** Shapes nested in the above (by their place, so they survive schema renames). */
export type QueueCategory = QueueView['categories'][number];
export type QueueCounter = QueueView['counters'][number];
export type ServingTicket = NonNullable<QueueCounter['serving']>;
export type RecentCall = QueueView['recent_calls'][number];

/**
 * Server-Sent Event payloads (`GET /api/v1/events`). OpenAPI cannot describe an event stream's
 * messages, so these stay hand-written here unless the server adds them as schemas.
 */
export interface TicketIssuedEvent {
  ticket_id: RecentCall['ticket_id'];
  number: string;
  category: string;
  waiting: number;
}
export type TicketCalledEvent = RecentCall;

export interface HallEvents {
  ticket_issued: TicketIssuedEvent;
  ticket_called: TicketCalledEvent;
}
export type HallEventKind = keyof HallEvents;
