/**
 * Printing the kiosk's slip: the server's PDF loaded into a hidden frame, then the frame's own
 * print(). On a kiosk the browser is set to print silently to the slip printer (Chromium's
 * --kiosk-printing); elsewhere the print dialog appears.
 *
 * A host may print instead (the desktop app to its thermal printer, the e2e test to nowhere):
 * it sets `window.onetripSlipPrinter = { print(pdf: Blob): Promise<void> }` before the page loads.
 */

export interface SlipPrinter {
  /** Resolves once the slip went to the printer; rejects when it could not. */
  print(pdf: Blob): Promise<void>;
}

declare global {
  interface Window {
    onetripSlipPrinter?: SlipPrinter;
  }
}

/** Prints with the host's printer when there is one, else through a hidden frame. */
export function printSlip(pdf: Blob): Promise<void> {
  const host = typeof window !== 'undefined' ? window.onetripSlipPrinter : undefined;
  return host && typeof host.print === 'function' ? host.print(pdf) : printPdfBlob(pdf);
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
