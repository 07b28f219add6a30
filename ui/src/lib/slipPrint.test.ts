import { describe, expect, it, vi } from 'vitest';
import { HostPrintError, printOnHost } from './slipPrint';

const pdf = new Blob(['%PDF-1.7'], { type: 'application/pdf' });

describe('printOnHost', () => {
  it('leaves printing to the page when there is no host printer', async () => {
    expect(await printOnHost(undefined, pdf)).toBe(false);
  });

  it('hands the PDF and its title to the host', async () => {
    const print = vi.fn().mockResolvedValue({ printer: 'slip', job: 'slip-1' });
    expect(await printOnHost({ print }, pdf, 'A001')).toBe(true);
    expect(print).toHaveBeenCalledWith(pdf, 'A001');
  });

  it('falls back to the page when the host has no printer of this kind', async () => {
    const print = vi.fn().mockRejectedValue({ code: 'no_printer', message: '未配置小票打印机' });
    expect(await printOnHost({ print }, pdf)).toBe(false);
  });

  it("passes on the printer's trouble in the shell's words", async () => {
    const print = vi.fn().mockRejectedValue({ code: 'printer_stuck', message: '打印机 slip 没有出纸' });
    const err = await printOnHost({ print }, pdf).catch((e) => e);
    expect(err).toBeInstanceOf(HostPrintError);
    expect(err.code).toBe('printer_stuck');
    expect(err.message).toBe('打印机 slip 没有出纸');
  });

  it('keeps an unworded failure generic', async () => {
    const print = vi.fn().mockRejectedValue(new Error('paper jam'));
    const err = await printOnHost({ print }, pdf).catch((e) => e);
    expect(err).not.toBeInstanceOf(HostPrintError);
    expect(err.message).toBe('paper jam');
  });
});
