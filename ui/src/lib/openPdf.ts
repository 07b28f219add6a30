/**
 * Opening a sealed PDF fetched with the bearer token. In the desktop app with an A4 printer it
 * goes straight to the printer; otherwise a blob URL in a new tab (the browser's own viewer prints
 * it), and when a popup blocker refuses the tab, the PDF prints through a hidden frame.
 */
import { printOnHost, printPdfBlob } from './slipPrint';

export async function openPdf(pdf: Blob, title = ''): Promise<void> {
  if (await printOnHost(window.onetripDocumentPrinter, pdf, title)) return;
  const url = URL.createObjectURL(pdf.type ? pdf : new Blob([pdf], { type: 'application/pdf' }));
  const tab = window.open(url, '_blank');
  if (!tab) {
    URL.revokeObjectURL(url);
    await printPdfBlob(pdf);
    return;
  }
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
}
