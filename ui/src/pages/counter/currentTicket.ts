/** The ticket a counter is attending, whichever way we learnt of it (call-next, /queue, an event). */
export interface CurrentTicket {
  number: string;
  category: string;
  category_name: string;
  /** Null only if the server did not say (it always should for a called ticket). */
  called_at: string | null;
}
