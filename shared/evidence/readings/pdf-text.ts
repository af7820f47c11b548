/**
 * The text layer of a PDF's first pages, with pdf.js (Mozilla's reader; its legacy build runs on
 * Node 20 and 22 without a DOM). A 数电票 PDF is one page; a few more are read for multi-page invoices.
 * In Node pdf.js runs its "worker" on the calling thread when the worker module is preloaded as
 * `globalThis.pdfjsWorker`: that keeps it inside the function bundle instead of a separate file.
 */

const MAX_PAGES = 3;

type PdfJs = typeof import('pdfjs-dist/legacy/build/pdf.mjs');
let loading: Promise<PdfJs> | undefined;

function pdfjs(): Promise<PdfJs> {
  loading ??= (async () => {
    const worker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
    (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = worker;
    return import('pdfjs-dist/legacy/build/pdf.mjs');
  })();
  return loading;
}

/** The text of the first pages, one line per text line; empty for a scan without a text layer. Throws on a broken PDF. */
export async function pdfText(bytes: Uint8Array): Promise<string> {
  const { getDocument } = await pdfjs();
  // A copy: pdf.js transfers (detaches) the buffer it is given.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, disableFontFace: true, useSystemFonts: false, stopAtErrors: false, verbosity: 0 });
  const document = await task.promise;
  try {
    const lines: string[] = [];
    for (let number = 1; number <= Math.min(document.numPages, MAX_PAGES); number += 1) {
      const page = await document.getPage(number);
      const content = await page.getTextContent();
      let line = '';
      for (const item of content.items) {
        if (!('str' in item)) continue;
        line += item.str;
        if (item.hasEOL) {
          lines.push(line);
          line = '';
        } else line += ' ';
      }
      if (line.trim()) lines.push(line);
    }
    return lines.join('\n');
  } finally {
    await task.destroy();
  }
}
