/**
 * `npm run --silent parse -- FILE`: prints the interchange JSON of one report (HTML, text, JSON,
 * PDF or Word .docx, detected by content; text in UTF-8 or GBK) to stdout, with the parser's and the rules' findings. Tools depend on this exact
 * form. Exit code 1 with a message on stderr when the file cannot be read as a report.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ImportRefused, readReport } from '../store/services/read-report.js';

async function main(argv: string[]): Promise<number> {
  const file = argv[0];
  if (!file || argv.length > 1 || file.startsWith('-')) {
    process.stderr.write('usage: npm run --silent parse -- FILE\n');
    return 2;
  }
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    process.stderr.write(`parse: cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 1;
  }
  try {
    const { interchange } = await readReport({ content: new Uint8Array(content), fileName: path.basename(file), maxBytes: 50 * 1024 * 1024 });
    process.stdout.write(JSON.stringify(interchange, null, 2) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof ImportRefused) {
      process.stderr.write(`parse: ${file}: ${error.code}: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    process.stderr.write(`parse: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exitCode = 1;
  },
);
