// Injected by the desktop shell into hall pages that may print: hands the server's PDF to the
// shell, which sends it to the configured CUPS printer. The pages look for these hooks
// (ui/src/lib/slipPrint.ts, openPdf.ts) and print in the browser when they are absent.
(() => {
  const internals = () => window.__TAURI_INTERNALS__;
  const toBase64 = async (blob) => {
    const bytes = new Uint8Array(await blob.arrayBuffer());
    let text = '';
    for (let i = 0; i < bytes.length; i += 0x8000) {
      text += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(text);
  };
  const printer = (command) => ({
    async print(pdf, title) {
      if (!internals()) throw { code: 'no_printer', message: '打印服务不可用，请使用打印预览' };
      return internals().invoke(command, { pdf: await toBase64(pdf), title: title || '' });
    },
  });
  const grants = __ONETRIP_PRINT_GRANTS__;
  if (grants.includes('slip')) window.onetripSlipPrinter = printer('print_slip');
  if (grants.includes('document')) window.onetripDocumentPrinter = printer('print_document');
})();
