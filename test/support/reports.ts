// Helpers shared by the report pack's e2e tests: the pack's polling, its files as bytes, and
// their text (PDF through pdfjs-dist) and rows (XLSX through exceljs).
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { API, call, type SignedUp } from './factories.js';
import type { TestApp } from './test-app.js';

/** Every page's text, lines joined with newlines, and the page count. */
export async function pdfText(bytes: Buffer): Promise<{ text: string; pages: number }> {
  const doc = await getDocument({ data: new Uint8Array(bytes), isEvalSupported: false }).promise;
  const parts: string[] = [];
  for (let p = 1; p <= doc.numPages; p++) {
    const content = await (await doc.getPage(p)).getTextContent();
    parts.push(
      content.items
        .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
        .join(''),
    );
  }
  await doc.destroy();
  return { text: parts.join('\n'), pages: doc.numPages };
}

/** With KENESH_REPORT_PDF_DIR set, the PDFs are kept there (docs/screenshots/report-*.png). */
export async function keep(name: string, bytes: Buffer): Promise<void> {
  const dir = process.env.KENESH_REPORT_PDF_DIR;
  if (!dir) return;
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, name), bytes);
}

/** GET as binary, the body as a Buffer whatever the type. */
export function download(t: TestApp, path: string, as: SignedUp) {
  return t.http
    .get(`${API}${path}`)
    .set(as.auth)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

export interface ReportBody {
  id: string;
  status: string;
  snapshotHash: string;
  pdfBytes: number;
  xlsxBytes: number;
  [field: string]: unknown;
}

/** Polls GET /reports/:id until the pack is ready or failed (90 s at most). */
export async function waitForReport(
  t: TestApp,
  as: SignedUp,
  id: string,
  seen: Set<string> = new Set(),
): Promise<ReportBody> {
  const deadline = Date.now() + 90_000;
  for (;;) {
    const res = await call(t, 'get', `/reports/${id}`, as);
    expect(res.status).toBe(200);
    seen.add(res.body.status as string);
    if (res.body.status === 'ready' || res.body.status === 'failed') return res.body as ReportBody;
    if (Date.now() > deadline) throw new Error(`report ${id} still ${res.body.status}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** The workbook from the XLSX bytes. */
export async function loadWorkbook(bytes: Buffer): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(
    bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
  );
  return book;
}

/** A sheet's rows as arrays of cell values (from column A), empty rows left out. */
export function sheetValues(book: ExcelJS.Workbook, name: string): unknown[][] {
  return book
    .getWorksheet(name)!
    .getSheetValues()
    .filter(Boolean)
    .map((row) => (row as unknown[]).slice(1));
}
