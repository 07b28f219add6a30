/**
 * Printing a guide slip at the kiosk: through the desktop shell's slip printer when there is one;
 * otherwise the PDF opens in the browser's viewer (which prints it), and when a popup blocker
 * refuses the tab, through a hidden frame.
 */
import { printOnHost, printPdfBlob } from './slipPrint';

export type GuidePrintResult = 'printed' | 'opened';

export async function printGuide(pdf: Blob, title = ''): Promise<GuidePrintResult> {
  if (await printOnHost(window.onetripSlipPrinter, pdf, title)) return 'printed';
  const url = URL.createObjectURL(pdf.type ? pdf : new Blob([pdf], { type: 'application/pdf' }));
  const tab = window.open(url, '_blank');
  if (!tab) {
    URL.revokeObjectURL(url);
    await printPdfBlob(pdf);
    return 'printed';
  }
  setTimeout(() => URL.revokeObjectURL(url), 5 * 60_000);
  return 'opened';
}
