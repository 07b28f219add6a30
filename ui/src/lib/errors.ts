/** Turning any failure into the sentence shown to a person. */
import { ApiFailure } from '../api/client';
import { HostPrintError } from './slipPrint';
import type { Translate } from './format';

/** The server's own (Chinese) message for API errors; ours for network trouble. */
export function errorMessage(t: Translate, e: unknown): string {
  if (e instanceof ApiFailure) return e.isNetwork ? t('common.networkError') : e.message;
  if (e instanceof HostPrintError) return e.message;
  return t('common.unknownError');
}
