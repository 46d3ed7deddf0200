/**
 * Each story's words as terms, kept between builds, so that a build after an
 * edit tokenises only the stories whose headline, summary or body changed
 * (README: "Publishing fast"). Tokenising is about half of what the related
 * lists cost; the rest (vectors, neighbours, lists) is computed every time.
 *
 * A story's terms are kept as the term ids of the build that tokenised it,
 * with that build's term list. Replaying them through this build's tokeniser
 * (`TermTokenizer.intern`, in the order the words stand) hands out exactly the
 * ids tokenising the text would: a term gets its id where it first appears,
 * and the replay meets the terms in the same order. The lists are therefore
 * the same as from a first build; a test compares them.
 *
 * The file is keyed by the tokeniser's code; a missing, damaged or other
 * code's file means every story is tokenised, as in a first build.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { framed, unframed } from '../build/framed-file.ts';
import type { TermTokenizer } from './tokenize.ts';

/** A story's term ids, field by field. */
export interface FieldTerms {
  title: Int32Array;
  summary: Int32Array;
  body: Int32Array;
}

/** What the vectors read of a story to find its terms. */
export interface TermText {
  title: string;
  summary: string;
  text: string;
  /** A digest of `text`, when the caller has one (RelatedInput.textDigest). */
  textDigest?: string;
}

/** Past this many kept term ids (128 MB) nothing is kept: an archive that large is built in slices. */
const MAX_KEPT_TERMS = 32 << 20;
/**
 * A build that tokenised no more stories than this, with a kept file to
 * read, leaves that file as it is: the next build tokenises those few again
 * in a few milliseconds, where writing 16 MB of terms at 10,000 stories took
 * a fifth of a second of every publish, before the lists could be computed.
 */
const REWRITE_AFTER = 64;

/** Where one kept story's terms are: its digest and the three fields' lengths, its start in `ids` following from theirs. */
interface Header {
  code: string;
  terms: string[];
  stories: [digest: string, title: number, summary: number, body: number][];
}

/**
 * The kept terms of the stories of the last build, and those of this one.
 * `terms(story, tokenizer)` gives a story's term ids for this build's
 * tokeniser; `save()` keeps this build's for the next.
 */
export class TermCache {
  private readonly kept = new Map<string, { at: number; title: number; summary: number; body: number }>();
  private keptTerms: string[] = [];
  private keptIds = new Int32Array(0);
  /** Kept term id to this build's (−1: not met yet). */
  private idNow = new Int32Array(0);
  private readonly made: { digest: string; fields: FieldTerms }[] = [];
  private madeIds = 0;
  /** This build's tokeniser, whose term list the ids of `made` index. */
  private tokenizer?: TermTokenizer;
  /** Stories tokenised, and stories whose terms came from the file. */
  tokenised = 0;
  reused = 0;

  private readonly file: string;
  private readonly code: string;

  constructor(file: string, code: string) {
    this.file = file;
    this.code = code;
    try {
      const { header, body } = unframed<Header>(readFileSync(file));
      if (header.code !== code) return;
      // Copied out: an Int32Array must start on a multiple of four bytes.
      const ids = new Int32Array(new Uint8Array(body).buffer);
      let at = 0;
      for (const [digest, title, summary, body] of header.stories) {
        this.kept.set(digest, { at, title, summary, body });
        at += title + summary + body;
      }
      if (at !== ids.length || ids.some((id) => id < 0 || id >= header.terms.length)) throw new Error('damaged');
      this.keptTerms = header.terms;
      this.keptIds = ids;
      this.idNow = new Int32Array(header.terms.length).fill(-1);
    } catch {
      this.kept.clear();
    }
  }

  /** `story`'s term ids from `tokenizer`: replayed from the file when its text is the same, else tokenised. */
  terms(story: TermText, tokenizer: TermTokenizer): FieldTerms {
    // The text's own digest where the story has one: hashing 10,000 texts took a third of a second of every build.
    const text = story.textDigest === undefined ? `t${story.text}` : `d${story.textDigest}`;
    const digest = createHash('sha256').update(`${story.title}\0${story.summary}\0${text}`).digest('base64url');
    const kept = this.kept.get(digest);
    if (this.tokenizer && this.tokenizer !== tokenizer) throw new Error('TermCache: one tokeniser per build');
    this.tokenizer = tokenizer;
    let fields: FieldTerms;
    if (kept) {
      const replay = (from: number, length: number) => {
        const out = new Int32Array(length);
        for (let i = 0; i < length; i++) {
          const id = this.keptIds[from + i]!;
          let now = this.idNow[id]!;
          if (now < 0) now = this.idNow[id] = tokenizer.intern(this.keptTerms[id]!);
          out[i] = now;
        }
        return out;
      };
      fields = {
        title: replay(kept.at, kept.title),
        summary: replay(kept.at + kept.title, kept.summary),
        body: replay(kept.at + kept.title + kept.summary, kept.body),
      };
      this.reused++;
    } else {
      fields = { title: tokenizer.termIds(story.title).slice(), summary: tokenizer.termIds(story.summary).slice(), body: tokenizer.termIds(story.text).slice() };
      this.tokenised++;
    }
    this.madeIds += fields.title.length + fields.summary.length + fields.body.length;
    if (this.madeIds <= MAX_KEPT_TERMS) this.made.push({ digest, fields });
    return fields;
  }

  /** Keeps this build's stories' terms for the next build; nothing when there are too many, nor when the kept ones lack only a few (`REWRITE_AFTER`). */
  save(): void {
    if (this.kept.size > 0 && this.tokenised <= REWRITE_AFTER) return;
    if (this.madeIds > MAX_KEPT_TERMS) {
      rmSync(this.file, { force: true });
      return;
    }
    const header: Header = {
      code: this.code,
      terms: this.tokenizer?.terms ?? [],
      stories: this.made.map(({ digest, fields: f }) => [digest, f.title.length, f.summary.length, f.body.length]),
    };
    const parts = this.made.flatMap(({ fields }) => [fields.title, fields.summary, fields.body]).map((ids) => new Uint8Array(ids.buffer, ids.byteOffset, ids.byteLength));
    mkdirSync(dirname(this.file), { recursive: true });
    writeFileSync(`${this.file}.next`, framed(header, parts));
    renameSync(`${this.file}.next`, this.file);
  }
}
