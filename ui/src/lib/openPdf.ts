/**
 * Opening a sealed PDF fetched with the bearer token: a blob URL in a new tab (the browser's own
 * viewer prints it). When a popup blocker refuses the tab, the PDF prints through a hidden frame.
 */
import { printPdfBlob } from './slipPrint';

export async function openPdf(pdf: Blob): Promise<void> {
  const url = URL.createObjectURL(pdf.type ? pdf : new Blob([pdf], { type: 'application/pdf' }));
  const tab = window.open(url, '_blank');
  if (!tab) {
    URL.revokeObjectURL(url);
    await printPdfBlob(pdf);
    return;
  }
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
}
