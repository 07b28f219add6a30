/**
 * Printing the kiosk's slip: the server's PDF loaded into a hidden frame, then the frame's own
 * print(). On a kiosk the browser is set to print silently to the slip printer (Chromium's
 * --kiosk-printing); elsewhere the print dialog appears.
 *
 * A host may print instead (the desktop app to its thermal printer, the e2e test to nowhere):
 * it sets `window.onetripSlipPrinter = { print(pdf, title) }` before the page loads
 * (src-tauri/src/print_bridge.js). A host that has no printer after all says `no_printer`, and
 * the page prints through the frame.
 */

export interface SlipPrinter {
  /** Resolves once the slip went to the printer; rejects with `{code, message}` when it could not. */
  print(pdf: Blob, title?: string): Promise<unknown>;
}

declare global {
  interface Window {
    onetripSlipPrinter?: SlipPrinter;
    onetripDocumentPrinter?: SlipPrinter;
  }
}

/** A host printer's refusal, with the sentence to show (Chinese, from the desktop shell). */
export class HostPrintError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/** Prints on the host's printer; `false` when the host has none, so the caller prints itself. */
export async function printOnHost(host: SlipPrinter | undefined, pdf: Blob, title = ''): Promise<boolean> {
  if (!host || typeof host.print !== 'function') return false;
  try {
    await host.print(pdf, title);
    return true;
  } catch (e) {
    const err = (e ?? {}) as { code?: unknown; message?: unknown };
    if (err.code === 'no_printer') return false;
    // Only the shell's `{code, message}` is worded for the screen; anything else stays generic.
    if (typeof err.code === 'string' && typeof err.message === 'string') throw new HostPrintError(err.code, err.message);
    throw e;
  }
}

/** Prints with the host's printer when there is one, else through a hidden frame. */
export async function printSlip(pdf: Blob, title = ''): Promise<void> {
  const host = typeof window !== 'undefined' ? window.onetripSlipPrinter : undefined;
  if (!(await printOnHost(host, pdf, title))) await printPdfBlob(pdf);
}

export interface PrintOptions {
  /** How long the PDF may take to load into the frame. */
  loadTimeoutMs?: number;
  /** How long the frame stays after print() (some browsers read it afterwards). */
  keepMs?: number;
}

export async function printPdfBlob(blob: Blob, { loadTimeoutMs = 10_000, keepMs = 60_000 }: PrintOptions = {}): Promise<void> {
  const url = URL.createObjectURL(blob);
  const frame = document.createElement('iframe');
  frame.setAttribute('aria-hidden', 'true');
  frame.tabIndex = -1;
  frame.dataset.testid = 'slip-print-frame';
  // Off-screen but rendered: a display:none frame does not print in every browser.
  frame.style.cssText = 'position:fixed;left:-10000px;top:0;width:80mm;height:120mm;border:0;opacity:0;pointer-events:none';
  try {
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('the slip did not load in time')), loadTimeoutMs);
      frame.addEventListener(
        'load',
        () => {
          clearTimeout(timer);
          resolve();
        },
        { once: true },
      );
      frame.src = url;
      document.body.appendChild(frame);
    });
    const win = frame.contentWindow;
    if (!win) throw new Error('no print frame');
    win.focus();
    win.print();
  } finally {
    setTimeout(() => {
      frame.remove();
      URL.revokeObjectURL(url);
    }, keepMs);
  }
}
