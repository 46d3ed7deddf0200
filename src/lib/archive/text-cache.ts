/**
 * The body texts of a sliced archive build's last corpus index
 * (corpus-index.ts), kept in its work folder by a digest of each story's
 * Markdown body, so the next run turns only new and edited bodies into text:
 * that is half of the step (5 of 10 s at 10,000 stories). The file is keyed
 * by the code that makes the text, so a change to it makes every text again;
 * a missing or damaged file is ignored.
 */
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';

export class BodyTextCache {
  private readonly kept = new Map<string, string>();
  private readonly used = new Map<string, string>();

  private readonly file: string;
  private readonly code: string;

  constructor(file: string, code: string) {
    this.file = file;
    this.code = code;
    try {
      const [head, ...lines] = readFileSync(file, 'utf8').split('\n');
      if ((JSON.parse(head ?? '') as { code?: unknown }).code !== code) return;
      for (const line of lines) {
        if (!line) continue;
        const [digest, text] = JSON.parse(line) as unknown[];
        if (typeof digest !== 'string' || typeof text !== 'string') throw new Error('malformed line');
        this.kept.set(digest, text);
      }
    } catch {
      // None kept yet, or a damaged file: every text is made afresh.
      this.kept.clear();
    }
  }

  /** The text of a Markdown `body`: the kept one for the same body, else `make(body)`. */
  text(body: string, make: (body: string) => string): string {
    const digest = createHash('sha256').update(body).digest('base64url');
    const text = this.used.get(digest) ?? this.kept.get(digest) ?? make(body);
    this.used.set(digest, text);
    return text;
  }

  /** Keeps this run's texts (and only those) for the next. */
  save(): void {
    const lines = [JSON.stringify({ code: this.code }), ...[...this.used].map((entry) => JSON.stringify(entry))];
    writeFileSync(`${this.file}.next`, `${lines.join('\n')}\n`);
    renameSync(`${this.file}.next`, this.file);
  }
}
